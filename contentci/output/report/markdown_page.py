"""The report as Markdown, for a pull request comment or a wiki page; no charts.

Article text (paths, messages, sentences) is escaped for Markdown so that it
shows as written and cannot inject links, HTML or table cells.
"""

from __future__ import annotations

import re

from contentci.core.escape import one_line
from contentci.output.report.model import build, num

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text) -> str:
    """Text shown literally in Markdown (HTML-sensitive characters become entities)."""
    text = one_line(str(text).replace("&", "&amp;").replace("\r", "").replace("\n", " "))
    return _SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)


def render(report, *, title: str = "contentci report", **_options) -> str:
    view = build(report, title=title)
    out = [f"# {md(view.title)}", ""]
    grade = num(view.median_grade)
    if view.target is not None:
        grade += f" (target {view.target:g} or below)"
    quality = num(view.median_quality) + (f" of {view.quality_max:g}" if view.quality_max else "")
    out += [
        f"- Articles: {len(view.articles)}",
        f"- Errors: {view.errors}",
        f"- Warnings: {view.warnings}",
        f"- Median reading grade: {grade}",
        f"- Median quality score: {quality}",
        "",
    ]
    out += [f"> Note: {md(n)}" for n in view.notices]
    if view.by_rule:
        out += ["## Findings by rule", "", "| Rule | Worst severity | Findings |", "| --- | --- | ---: |"]
        out += [f"| `{rule}` | {sev} | {n} |" for rule, sev, n in view.by_rule]
        out.append("")
    out += [
        "## Articles",
        "",
        "| Article | Grade | Quality | Errors | Warnings |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for a in view.articles:
        out.append(f"| [{md(a.path)}](#{a.anchor}) | {num(a.grade)} | {num(a.quality)} | {a.errors} | {a.warnings} |")
    for a in view.articles:
        out += ["", f'<a id="{a.anchor}"></a>', "", f"### {md(a.path)}", ""]
        if not a.findings:
            out.append("No findings.")
        for d in a.findings:
            out.append(f"- **{d.severity.value}** {d.line}:{d.column} `{d.rule}` {md(d.message)}")
        if a.highlights:
            out += ["", "Hardest sentences:", ""]
            out += [f"- line {h.line}: {md(h.sentence)}" for h in a.highlights]
    return "\n".join(out) + "\n"
