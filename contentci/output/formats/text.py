"""``--format text``: ``path:line:col: severity rule message``, grouped per file, then a summary."""

from __future__ import annotations

import click

from contentci.core.text import plural

from contentci.core.escape import one_line

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(report, *, color: bool = False, quiet: bool = False, **_options) -> str:
    lines: list[str] = []
    append = lines.append
    for result in report.files:
        if not result.diagnostics:
            continue
        if lines:
            append("")
        path = one_line(result.path)  # names, messages, suggestions and ids may come from an article
        if color:
            for d in result.diagnostics:
                sev = d.severity.value
                where = click.style(f"{path}:{d.line}:{d.column}:", bold=True)
                rule = click.style(one_line(d.rule), fg="cyan")
                append(f"{where} {click.style(sev, fg=COLOURS[sev])} {rule} {one_line(d.message)}")
                if d.suggestion and not quiet:
                    append(f"    suggestion: {one_line(d.suggestion)}")
            continue
        # The same lines without colour, written for speed: a warm run of a large library prints
        # tens of thousands (Severity's _value_ is its value without the enum property's call).
        for d in result.diagnostics:
            append(f"{path}:{d.line}:{d.column}: {d.severity._value_} {one_line(d.rule)} {one_line(d.message)}")
            if d.suggestion and not quiet:
                append(f"    suggestion: {one_line(d.suggestion)}")
    if not quiet:
        summary = summary_line(report)
        if lines:
            append("")
        append(click.style(summary, bold=True) if color else summary)
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(report) -> str:
    """``1 error, 5 warnings, 0 infos in 1 file checked``."""
    s = report.summary
    parts = [plural(s["errors"], "error"), plural(s["warnings"], "warning"), plural(s["infos"], "info")]
    return f"{', '.join(parts)} in {plural(s['files'], 'file')} checked"



