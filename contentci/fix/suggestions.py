"""Replacements a finding offers for an exact source range, shared by the language server's
quick fixes and the ``rdjson`` format's suggestions.

Two kinds exist: a hype word's plainer wording (``claims/hype``: the finding's suggestion
replaces its span, a leading capital kept), and a missing disclaimer's insertion (the edit
``contentci fix`` would make: a zero-width range at the insertion point). Other suggestions
("split this sentence") are advice, not text, and offer no replacement.

A suggestion here is ``(line, column, end_line, end_column, text)``: 1-based, columns in code
points, the end exclusive, as a Diagnostic's span.
"""

from __future__ import annotations

from collections.abc import Callable

Suggestion = tuple[int, int, int, int, str]


def replacement(d, lines: list[str]) -> str | None:
    """The text replacing ``d``'s span when its rule offers one (the hype word's plainer wording)."""
    if d.rule != "claims/hype" or not d.suggestion or d.document_level:
        return None
    old = lines[d.line - 1][d.column - 1 : d.end_column - 1] if d.line == d.end_line and d.line <= len(lines) else ""
    return d.suggestion[:1].upper() + d.suggestion[1:] if old[:1].isupper() else d.suggestion


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, code-point column) of an offset in ``text``."""
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def for_file(path: str, diagnostics, text: str, data: bytes | None = None, config=None) -> dict:
    """{diagnostic: [Suggestion]} for one file whose decoded text is ``text``.

    Disclaimer insertions need the file's bytes and its resolved config (they are planned as
    ``contentci fix`` plans them); without them only hype replacements are offered. Each
    insertion goes to the first finding of a rule it satisfies, so applying every suggestion
    inserts each disclaimer once.
    """
    lines = text.split("\n")
    out: dict = {}
    for d in diagnostics:
        new = replacement(d, lines)
        if new is None or d.line != d.end_line or d.line > len(lines):
            continue
        if d.end_column - 1 > len(lines[d.line - 1].rstrip("\r")):
            continue  # the file changed since it was checked: no replacement for a span not there
        out[d] = [(d.line, d.column, d.end_line, d.end_column, new)]
    wanted = [d for d in diagnostics if d.rule.startswith("disclaimer/")]
    if wanted and data is not None and config is not None:
        from contentci.core.errors import ContentciError
        from contentci.fix import plan_bytes

        try:
            plan = plan_bytes(path, data, config)
        except (ContentciError, ValueError):
            return out
        for edit in plan.edits:
            rules = set(edit.why.split(", "))
            target = next((d for d in wanted if d.rule in rules and d not in out), None)
            if target is not None:
                out[target] = [(*position(text, edit.start), *position(text, edit.end), edit.text)]
    return out


def for_report(report, sources, resolve: Callable[[str], object] | None = None) -> dict:
    """{(path, diagnostic): [Suggestion]} for a report; ``sources`` reads the files
    (:class:`contentci.output.sources.Sources`), ``resolve(path)`` gives a file's resolved
    config (None: hype replacements only)."""
    from contentci.core.errors import ContentciError
    from contentci.core.files import ARTICLE_LIMIT, read_regular
    from contentci.document.parse import decode

    out = {}
    for result in report.files:
        if not any(d.rule == "claims/hype" or d.rule.startswith("disclaimer/") for d in result.diagnostics):
            continue
        text = sources.text(result.path)
        if text is None:
            continue
        data = config = None
        if resolve is not None and any(d.rule.startswith("disclaimer/") for d in result.diagnostics):
            try:
                data = read_regular(result.path, ARTICLE_LIMIT)
                config = resolve(result.path)
                if decode(data)[0] != text:
                    raise OSError("changed while read")
            except (OSError, ContentciError):  # a file or config that changed since the run: no insertion
                data = config = None
        for d, found in for_file(result.path, result.diagnostics, text, data, config).items():
            out[(result.path, d)] = found
    return out
