"""``--format summary``: a Markdown job summary (counts, worst articles, rule table, findings).

Written to ``$GITHUB_STEP_SUMMARY`` automatically when that variable is set.
GitHub refuses a step summary over 1 MiB, so the findings list stops before
``limit`` bytes and says how many were left out. Text from articles (file names,
messages) is escaped so it cannot add HTML or Markdown structure to the page.
"""

from __future__ import annotations

import html
import re

from contentci.core import registry
from contentci.core.escape import one_line
from contentci.output.formats.text import summary_line

LIMIT = 1024 * 1024 - 64 * 1024  # bytes; GitHub's step summary limit is 1 MiB
WORST = 10
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: str) -> str:
    """Article text as inert Markdown: HTML escaped, Markdown punctuation backslashed, one line."""
    text = one_line(" ".join(str(text).split()))
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def render(report, *, fail_on: str = "error", limit: int = LIMIT, **_options) -> str:
    from contentci.core.diagnostic import Severity

    worst = report.worst()
    # A run that could not check (a missing path, nothing found, grammar required but unavailable) exits 2:
    # never a green tick, and the reasons are on the page.
    failed = bool(report.errors) or (worst is not None and worst.rank >= Severity(fail_on).rank)
    out = ["## contentci", "", f"{'❌' if failed else '✅'} **{summary_line(report)}** (fails on: {fail_on})", ""]
    out += [f"- error: {md(e)}" for e in report.errors] + ([""] if report.errors else [])

    ranked = sorted(
        (f for f in report.files if f.diagnostics),
        key=lambda f: (-f.count(Severity.ERROR), -f.count(Severity.WARNING), -f.count(Severity.INFO), f.path),
    )
    if ranked:
        out += [
            "### Articles with the most findings",
            "",
            "| Article | Errors | Warnings | Infos |",
            "| --- | ---: | ---: | ---: |",
        ]
        for f in ranked[:WORST]:
            out.append(
                f"| {md(f.path)} | {f.count(Severity.ERROR)} | {f.count(Severity.WARNING)} | {f.count(Severity.INFO)} |"
            )
        if len(ranked) > WORST:
            out.append(f"| … and {len(ranked) - WORST} more | | | |")
        out.append("")

        counts: dict[tuple[str, str], int] = {}
        for _, d in report.diagnostics:
            counts[(d.rule, d.severity.value)] = counts.get((d.rule, d.severity.value), 0) + 1
        out += [
            "### Findings by rule",
            "",
            "| Rule | Severity | Findings | What it checks |",
            "| --- | --- | ---: | --- |",
        ]
        for (rule_id, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = registry.find_rule(rule_id)
            out.append(f"| `{rule_id}` | {sev} | {n} | {md(rule.summary) if rule else ''} |")
        out.append("")

    head = "\n".join(out) + "\n"
    items = [
        f"- `{d.severity.value}` {md(path)}:{d.line}:{d.column} `{d.rule}`: {md(d.message)}\n"
        for path, d in report.diagnostics
    ]
    if not items:
        return head
    opening, closing = f"<details><summary>All findings ({len(items)})</summary>\n\n", "\n</details>\n"
    budget = limit - len((head + opening + closing).encode()) - 200
    listed: list[str] = []
    for item in items:
        size = len(item.encode())
        if size > budget:
            break
        listed.append(item)
        budget -= size
    cut = len(items) - len(listed)
    note = (
        f"\n… {cut} more findings not listed (the job summary is limited to 1 MiB); see the SARIF or JSON report.\n"
        if cut
        else ""
    )
    return head + opening + "".join(listed) + note + closing
