"""Inline suppressions: HTML comments and front matter that silence findings.

Applied by the engine after the rules ran and before the result is built::

    <!-- contentci-disable rule-a, family/ -->   ... <!-- contentci-enable -->
    <!-- contentci-disable-next-line rule -->
    <!-- contentci-disable-file rule -->
    ---
    contentci: {disable: [rule]}      # front matter: the whole file
    ---

A directive with no rule ids applies to every rule. Comments are found through
``doc.html_spans``, so they are never inside code blocks or code spans; in plain
text files (where a comment would be prose) only the front matter form works.
Document-level findings sit at the top of the file: silence them with
``disable-file`` or front matter. An id that names no rule is reported
(``contentci/unknown-suppression``), and with ``report_unused`` a suppression that
silenced nothing is too (``contentci/unused-suppression``), so stale comments
do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from contentci.core import registry
from contentci.core.diagnostic import Diagnostic, Finding
from contentci.core.text import did_you_mean

UNKNOWN = "contentci/unknown-suppression"
UNUSED = "contentci/unused-suppression"
META_RULES = (UNKNOWN, UNUSED)


@dataclass
class Directive:
    kind: str  # disable | enable | disable-next-line | disable-file
    patterns: list[str]  # empty: every rule
    start: int  # source span of the comment (or the front matter key)
    end: int
    scope: tuple[int, int] = (0, 0)  # source offsets it covers (disable, disable-file)
    line: int = 0  # the line it covers (disable-next-line)
    used: dict[str, int] = field(default_factory=dict)

    def covers(self, d: Diagnostic, offset: int) -> bool:
        if self.kind == "disable-next-line":
            return d.line == self.line
        return self.scope[0] <= offset < self.scope[1]

    def matching(self, rule_id: str) -> str | None:
        """The pattern of this directive that matches ``rule_id`` (``""`` for a bare directive)."""
        if not self.patterns:
            return ""
        return next((p for p in self.patterns if p == "all" or registry.matches(rule_id, p)), None)


def _patterns(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,]+", text.strip()) if p]


def _comments(doc) -> list[tuple[int, int]]:
    return sorted(set(doc.html_spans))  # empty for plain text: there a comment is prose


MAX_DIRECTIVES = 1000  # suppression comments per file; more is not an article, and each costs work per finding
MAX_UNKNOWN_REPORTS = 20  # findings for unknown rule names per file (each looks for a near name)
_OPENING = re.compile(r"<!--\s*contentci-(disable-next-line|disable-file|disable|enable)\b")


def _comment_directives(src: str, spans: list[tuple[int, int]]) -> list[tuple[str, str, int, int]]:
    """(kind, body, start, end) of every ``<!-- contentci-... -->`` inside the HTML spans, in one
    pass: the next ``-->`` is found once and reused while it lies ahead, so a file of unclosed
    comments costs linear time (a lazy ``.*?-->`` regex rescans to the end from every opening)."""
    out = []
    close = -1  # the next "-->" after the last opening looked at; len(src) when there is none
    for span_start, span_end in spans:
        pos = span_start
        while True:
            opening = src.find("<!--", pos, span_end)
            if opening < 0:
                break
            m = _OPENING.match(src, opening, span_end)
            if m is None:
                pos = opening + 4
                continue
            if close < m.end():
                found = src.find("-->", m.end())
                close = len(src) if found < 0 else found
            if close + 3 > span_end:
                break  # unclosed inside this span: nothing after it in the span can close either
            out.append((m.group(1), src[m.end() : close], opening, close + 3))
            pos = close + 3
    return out


def find_directives(doc) -> list[Directive]:
    """Every suppression in a document, with the part of it each one covers."""
    src = doc.source
    found = [Directive(kind, _patterns(body), start, end) for kind, body, start, end in _comment_directives(src, _comments(doc))]
    found.sort(key=lambda d: d.start)
    extra = found[MAX_DIRECTIVES:]
    found = found[:MAX_DIRECTIVES]
    out: list[Directive] = []
    open_regions: list[Directive] = []
    lines: list[str] | None = None
    for d in found:
        if d.kind == "disable":
            d.scope = (d.end, len(src))
            open_regions.append(d)
        elif d.kind == "enable":
            for region in list(open_regions):
                if not d.patterns or set(region.patterns) <= set(d.patterns):
                    region.scope = (region.scope[0], d.start)
                    open_regions.remove(region)
            continue  # an enable only ends regions; it suppresses nothing itself
        elif d.kind == "disable-file":
            d.scope = (0, len(src))
        elif d.kind == "disable-next-line":
            if lines is None:
                lines = src.split("\n")  # once a file, not once a directive
            d.line = _next_nonblank_line(doc, lines, d.end)
        out.append(d)
    out.extend(_front_matter(doc))
    if extra:
        out.append(Directive("too-many", [str(len(extra))], extra[0].start, extra[0].end))
    return out


def _next_nonblank_line(doc, lines: list[str], offset: int) -> int:
    line, _ = doc.position(offset)
    n = line + 1
    while n <= len(lines) and not lines[n - 1].strip():
        n += 1
    return n


def _front_matter(doc) -> list[Directive]:
    settings = doc.front_matter.get("contentci") if isinstance(doc.front_matter, dict) else None
    if settings is None or not doc.front_matter_span:
        return []
    fm_start, fm_end = doc.front_matter_span
    m = re.search(r"^contentci\s*:", doc.source[fm_start:fm_end], re.MULTILINE)
    start = fm_start + (m.start() if m else 0)
    end = fm_start + (m.end() if m else 3)
    value = settings.get("disable") if isinstance(settings, dict) else None
    if isinstance(value, str):
        value = [value]
    if (
        not isinstance(settings, dict)
        or set(settings) != {"disable"}
        or not isinstance(value, list)
        or not all(isinstance(v, str) for v in value)
    ):
        bad = Directive("invalid", [], start, end)
        return [bad]
    d = Directive("disable-file", [p for v in value for p in _patterns(v)], start, end, scope=(0, len(doc.source)))
    return [d]


@dataclass
class Outcome:
    kept: list[Diagnostic]
    suppressed: int
    meta: list[tuple[str, Finding]]  # (rule id, finding) for unknown/unused suppressions


def apply(
    doc,
    diagnostics: list[Diagnostic],
    *,
    report_unused: bool = False,
    active: Callable[[str], bool] = lambda pattern: True,
) -> Outcome:
    """Drop suppressed diagnostics; report unknown (and, if asked, unused) suppressions.

    ``active(pattern)`` says whether any rule the pattern names ran on this file,
    so a suppression of a rule that was switched off is not called unused.
    """
    directives = find_directives(doc)
    meta: list[tuple[str, Finding]] = []
    usable: list[Directive] = []
    unknown_reports = 0
    for d in directives:
        if d.kind == "invalid":
            meta.append(
                (
                    UNKNOWN,
                    Finding(
                        "front matter `contentci:` must be a mapping like `{disable: [rule-id, family/]}`",
                        d.start,
                        d.end,
                    ),
                )
            )
            continue
        if d.kind == "too-many":
            message = (
                f"over {MAX_DIRECTIVES:,} suppression comments in one file: this one and the "
                f"{int(d.patterns[0]) - 1:,} after it are ignored"
            )
            meta.append((UNKNOWN, Finding(message, d.start, d.end)))
            continue
        known = []
        for p in d.patterns:
            if registry.known_pattern(p):
                known.append(p)
            elif unknown_reports < MAX_UNKNOWN_REPORTS:
                unknown_reports += 1  # each looks for a near name: a comment of 100k made-up names stays cheap
                meta.append(
                    (UNKNOWN, Finding(f"contentci-{d.kind} names no rule or family: {p!r}{_hint(p)}", d.start, d.end))
                )
        if d.patterns and not known:
            continue
        d.patterns = known
        usable.append(d)

    kept: list[Diagnostic] = []
    suppressed = 0
    for diag in diagnostics:
        if diag.rule in META_RULES or diag.rule in ("contentci/internal-error", "contentci/unreadable"):
            kept.append(diag)
            continue
        offset = diag.start if diag.start is not None else doc.line_start(diag.line) + diag.column - 1
        hit = False
        for d in usable:
            pattern = d.matching(diag.rule)
            if pattern is not None and d.covers(diag, offset):
                d.used[pattern] = d.used.get(pattern, 0) + 1
                hit = True
        if hit:
            suppressed += 1
        else:
            kept.append(diag)

    if report_unused:
        for d in usable:
            what = d.patterns or [""]
            unused = [p for p in what if not d.used.get(p) and (p == "" or active(p))]
            if unused:
                names = ", ".join(repr(p) for p in unused if p) or "every rule"
                where = (
                    "front matter contentci.disable"
                    if d.start < (doc.front_matter_span or (0, 0))[1]
                    else f"contentci-{d.kind}"
                )
                meta.append((UNUSED, Finding(f"{where} of {names} suppressed nothing; remove it", d.start, d.end)))
    return Outcome(kept, suppressed, meta)


def _hint(pattern: str) -> str:
    known = [r.removesuffix("/*") for r in registry.rules()]
    return did_you_mean(pattern.rstrip("/"), known)
