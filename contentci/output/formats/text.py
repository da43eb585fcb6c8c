"""``--format text``: ``path:line:col: severity rule message``, grouped per file, then a summary.

By default each finding is followed by an excerpt of its source line: a line-number gutter, the
line, and ``^`` under the flagged span (the line clipped around the span when it is long, and
escaped like every line of text output). ``concise`` (``--concise``, and ``-q``) prints the
finding lines alone. Document-level findings ("no harm named") have no span, so no excerpt.
The source comes from ``sources`` (:class:`contentci.output.sources.Sources`); a file it cannot
read gives no excerpt. ``statistics`` adds a count per rule before the summary.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import click

from contentci.core.text import plural

from contentci.core.escape import one_line

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
WIDTH = 100  # columns of a source line shown around a finding; longer lines are clipped
LEAD = 30  # columns kept before the span when a line is clipped


def render(
    report,
    *,
    color: bool = False,
    quiet: bool = False,
    concise: bool = False,
    statistics: bool = False,
    sources=None,
    **_options,
) -> str:
    lines: list[str] = []
    append = lines.append
    full = not (concise or quiet) and sources is not None
    for result in report.files:
        if not result.diagnostics:
            continue
        if lines:
            append("")
        path = one_line(result.path)  # names, messages, suggestions and ids may come from an article
        source = sources.lines(result.path) if full else None
        if color or source is not None:
            spaced = False  # a finding with an excerpt is set off by blank lines from its neighbours
            for i, d in enumerate(result.diagnostics):
                sev = d.severity.value
                if color:
                    where = click.style(f"{path}:{d.line}:{d.column}:", bold=True)
                    rule = click.style(one_line(d.rule), fg="cyan")
                    head = f"{where} {click.style(sev, fg=COLOURS[sev])} {rule} {one_line(d.message)}"
                else:
                    head = f"{path}:{d.line}:{d.column}: {sev} {one_line(d.rule)} {one_line(d.message)}"
                shown = excerpt(source, d, color) if source is not None else []
                if i and (shown or spaced):
                    append("")
                spaced = bool(shown)
                append(head)
                lines.extend(shown)
                if d.suggestion and not quiet:
                    append(f"    suggestion: {one_line(d.suggestion)}")
            continue
        # The same lines without colour, written for speed: a warm run of a large library prints
        # tens of thousands (Severity's _value_ is its value without the enum property's call).
        for d in result.diagnostics:
            append(f"{path}:{d.line}:{d.column}: {d.severity._value_} {one_line(d.rule)} {one_line(d.message)}")
            if d.suggestion and not quiet:
                append(f"    suggestion: {one_line(d.suggestion)}")
    if statistics:
        table = statistics_lines(report)
        if table:
            if lines:
                append("")
            lines.extend(table)
    if not quiet:
        summary = summary_line(report)
        if lines:
            append("")
        append(click.style(summary, bold=True) if color else summary)
    return "\n".join(lines) + ("\n" if lines else "")


def _width(text: str) -> int:
    """Terminal columns of (already escaped) text: wide characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def excerpt(source: list[str], d, color: bool = False) -> list[str]:
    """The gutter, source line and carets under ``d``'s span; [] when there is none to show."""
    if d.document_level or not 1 <= d.line <= len(source):
        return []
    text = source[d.line - 1].rstrip("\r").replace("\t", " ")
    start = d.column - 1
    if start > len(text):
        return []  # the file changed since it was checked
    end = d.end_column - 1 if d.end_line == d.line else len(text)
    end = min(max(end, start + 1), max(len(text), start + 1))
    left = 0
    right = len(text)
    if right > WIDTH:
        left = max(0, min(start - LEAD, right - WIDTH))
        right = min(right, left + WIDTH)
    before = one_line(text[left:start])
    span = one_line(text[start:min(end, right)]) or " "
    after = one_line(text[min(end, right):right])
    head = "…" if left else ""
    tail = "…" if right < len(text) else ""
    number = str(d.line)
    gutter = " " * len(number)
    carets = "^" * max(1, _width(span))
    pad = " " * _width(head + before)
    if color:
        carets = click.style(carets, fg=COLOURS[d.severity.value], bold=True)
        return [
            click.style(f"  {number} |", fg="blue") + f" {head}{before}{span}{after}{tail}",
            click.style(f"  {gutter} |", fg="blue") + f" {pad}{carets}",
        ]
    return [f"  {number} | {head}{before}{span}{after}{tail}", f"  {gutter} | {pad}{carets}"]


def statistics_lines(report) -> list[str]:
    """``count  rule  what it checks`` per rule, most frequent first (``--statistics``)."""
    from contentci.core import registry

    counts = Counter(d.rule for _, d in report.diagnostics)
    if not counts:
        return []
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    number = len(str(ordered[0][1]))
    width = max(len(one_line(rule)) for rule, _ in ordered)
    out = []
    for rule_id, n in ordered:
        rule = registry.find_rule(rule_id)
        summary = one_line(rule.summary) if rule is not None and rule.summary else ""
        out.append(f"{n:>{number}}  {one_line(rule_id):<{width}}  {summary}".rstrip())
    return out


def summary_line(report) -> str:
    """``1 error, 5 warnings, 0 infos in 1 file checked``."""
    s = report.summary
    parts = [plural(s["errors"], "error"), plural(s["warnings"], "warning"), plural(s["infos"], "info")]
    return f"{', '.join(parts)} in {plural(s['files'], 'file')} checked"
