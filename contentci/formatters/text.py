"""``--format text``: ``path:line:col: severity rule message``, grouped per file, then a summary."""

from __future__ import annotations

import click

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(report, *, color: bool = False, quiet: bool = False, **_options) -> str:
    lines: list[str] = []
    for result in report.files:
        if not result.diagnostics:
            continue
        if lines:
            lines.append("")
        for d in result.diagnostics:
            where = f"{result.path}:{d.line}:{d.column}:"
            sev = d.severity.value
            if color:
                where = click.style(where, bold=True)
                sev = click.style(sev, fg=COLOURS[sev])
                rule = click.style(d.rule, fg="cyan")
            else:
                rule = d.rule
            lines.append(f"{where} {sev} {rule} {d.message}")
            if d.suggestion and not quiet:
                lines.append(f"    suggestion: {d.suggestion}")
    if not quiet:
        summary = summary_line(report)
        if lines:
            lines.append("")
        lines.append(click.style(summary, bold=True) if color else summary)
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(report) -> str:
    """``1 error, 5 warnings, 0 infos in 1 file checked``."""
    s = report.summary
    parts = [_plural(s["errors"], "error"), _plural(s["warnings"], "warning"), _plural(s["infos"], "info")]
    return f"{', '.join(parts)} in {_plural(s['files'], 'file')} checked"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
