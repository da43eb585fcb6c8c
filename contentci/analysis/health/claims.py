"""Finding hype, absolute promises and uncited statistics (used by claims/* rules and the quality score)."""

from __future__ import annotations

import re

from contentci.analysis.cues.patterns import CtxKey
from contentci.analysis.health.sentence_cues import Cues, cue_set_for
from contentci.core.diagnostic import Finding
from contentci.analysis.health.classify import analyze, negated, reported, span_of


def _exempt_spans(cues: Cues, text: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in cues.find("hype_exempt", text)]


def _inside(spans, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def hype(doc, ctx) -> list[Finding]:
    """Hype words at their spans, minus negated, reported and exempt uses (once per document)."""
    return doc.memo(_hype, CtxKey(ctx))


def absolute(doc, ctx) -> list[Finding]:
    """Absolute promises, minus negated, reported and quantified uses (once per document)."""
    return doc.memo(_absolute, CtxKey(ctx))


def _hype(doc, key: CtxKey) -> list[Finding]:
    return list(_find_hype(doc, key.ctx))


def _absolute(doc, key: CtxKey) -> list[Finding]:
    return list(_find_absolute(doc, key.ctx))


def _find_hype(doc, ctx):
    cues = Cues(ctx)
    sentences = analyze(doc, ctx).sentences
    measured_cure = None
    for s in sentences:
        matches = cues.find_with_suggestions("hype", s.text)
        if not matches:
            continue
        exempt = _exempt_spans(cues, s.text)
        for m in matches:
            if _inside(exempt, m.start, m.end) or negated(cues, s.text, m.start, 4) or reported(cues, s.text, m.start):
                continue
            if m.text.lower().startswith("cure"):
                if measured_cure is None:
                    # An article that gives a cure rate ("cures 95 in 100 people") uses "cure" as the medical term.
                    measured_cure = any(
                        re.search(r"\bcur(e|es|ed)\b", t.text, re.IGNORECASE) and cues.has("statistic", t.text)
                        for t in sentences
                    )
                if measured_cure:
                    continue
            start, end = span_of(doc, s, m.start, m.end)
            plain = f" Try: '{m.suggestion}'." if m.suggestion else ""
            yield Finding(f"Hype: '{m.text}' oversells.{plain}", start, end, m.suggestion)


def _find_absolute(doc, ctx):
    cues = Cues(ctx)
    for s in analyze(doc, ctx).sentences:
        for m in cues.find("absolute", s.text):
            before = s.text[: m.start]
            if negated(cues, s.text, m.start, 4) or reported(cues, s.text, m.start):
                continue
            if cues.has("quantifier", " ".join(before.split()[-5:])):
                continue
            start, end = span_of(doc, s, m.start, m.end)
            yield Finding(
                f"Absolute claim: '{m.text}'. No treatment is certain to work or free of risk.",
                start,
                end,
                "Say what the evidence shows, e.g. 'In trials, 8 in 10 people improved; 1 in 20 had a rash.'",
            )


def _cited(doc, cues: Cues, block_index: int) -> bool:
    """A link or a named source in the claim's paragraph (for a list item: also its lead-in)."""
    near = [block_index]
    if doc.blocks[block_index].kind == "list_item":
        i = block_index - 1
        while i >= 0 and doc.blocks[i].kind == "list_item":
            i -= 1
        if i >= 0 and doc.blocks[i].kind != "heading":
            near.append(i)
    for i in near:
        block = doc.blocks[i]
        start, end = block.source_span(0, len(block.text))
        if any(start <= link.start <= end for link in doc.links) or cues.has("citation", block.text):
            return True
    return False


_HYPOTHETICAL = re.compile(
    r"^\s*(if|imagine|suppose|say)\b|\b(if|for example|for instance|e\.g\.|may mean|might mean|could mean|would mean)\b",
    re.IGNORECASE,
)


def _in_quotes(text: str, start: int) -> bool:
    before = text[:start]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def uncited(doc, ctx):
    """Statistics and research claims with no citation in their paragraph."""
    cues = Cues(ctx)
    sentences = analyze(doc, ctx).sentences
    # Only sentences where a research claim or a statistic might match (read once per document).
    maybe = cue_set_for(ctx).candidates(("research_claim", "statistic"), [s.text for s in sentences])
    for i in sorted(set(maybe["research_claim"]).union(maybe["statistic"])):
        s = sentences[i]
        if s.kind == "heading":
            continue
        m = cues.search("research_claim", s.text)
        stats = cues.finditer("statistic", s.text) if m is None else ()
        if stats and not _HYPOTHETICAL.search(s.text):  # worked examples are not claims
            m = next((x for x in stats if not _in_quotes(s.text, x.start())), None)
        if m is None:
            continue
        if _cited(doc, cues, s.block_index):
            continue
        start, end = span_of(doc, s, m.start(), m.end())
        yield Finding(
            f"'{m.group()}' has no citation or link near it.",
            start,
            end,
            "Add the source in the same paragraph: a link, or the study, journal or organisation and year.",
        )
