"""Required disclaimers: which apply to a document, and whether each is there.

Definitions are data (``data/health/disclaimers.yaml``). A disclaimer is met
when one sentence fills every meaning-slot (each slot a set of synonymous
phrases), so paraphrases pass; the DSHEA statement instead needs its exact
wording (whitespace may vary). Config adjusts built-ins and adds new ones::

    [tool.contentci.disclaimers]
    placement = "bottom"            # default placement for every disclaimer
    [tool.contentci.disclaimers.required.affiliate]
    terms = ["affiliate link*"]     # applies when the text says this...
    topics = []                     # ...and/or for these topics
    slots = [["we earn|commission"], ["link*|purchase*"]]
    placement = "top"
    template = "We earn a commission when you buy through our links."

:func:`required_for` is the API a fixer uses: every applicable requirement
with its template, placement and whether it is satisfied.
"""

from __future__ import annotations

import math
import re

from contentci.analysis.cues.patterns import CtxKey
from contentci.analysis.health.disclaimer_definitions import (
    _norm,
    Requirement,
    definitions,
    phrase_lists,
)
from contentci.analysis.health.sentence_cues import Cues, cue_set_for
from contentci.analysis.health.classify import analyze, reported, span_of

def structure_function_claims(doc, ctx) -> list:
    """Sentences where a supplement 'supports', 'promotes' or 'maintains' a body structure or function."""
    phrases = cue_set_for(ctx)
    cues = Cues(ctx)
    out = []
    for s in _sentences_maybe_with(doc, ctx, "structure_function:verbs", "structure_function:objects"):
        if "not intended to diagnose" in s.text.lower():
            continue
        m = phrases.search("structure_function:verbs", s.text)
        if not m or not phrases.search("structure_function:objects", s.text, m.start()):
            continue
        if phrases.search("structure_function:reported", s.text) or reported(cues, s.text, m.start()):
            continue
        out.append(s)
    return out


def _applies(doc, ctx, name: str, spec: dict) -> bool:
    topics = set(spec.get("topics") or ())
    if topics and not topics & set(ctx.topics or ()):
        return False
    if spec.get("terms") and not _term_present(doc, ctx, name, bool(spec.get("skip_side_effect_lists"))):
        return False
    if name == "dshea" and not structure_function_claims(doc, ctx):
        return False
    return True


_ADVICE_FRAME = re.compile(
    r"\bif (you|your)\b|\bsigns? of\b|\bsymptoms? of\b|\bwarning signs?\b|\bwatch for\b", re.IGNORECASE
)


def _term_present(doc, ctx, name: str, skip_side_effects: bool) -> bool:
    phrases = cue_set_for(ctx)
    if not skip_side_effects:
        return phrases.search(f"{name}:terms", doc.prose) is not None
    cues = Cues(ctx)
    for s in _sentences_maybe_with(doc, ctx, f"{name}:terms"):
        if not phrases.search(f"{name}:terms", s.text):
            continue
        side_effect_list = cues.has("harm_generic", s.text) or cues.has("harm_causal", s.text)
        if not side_effect_list or _ADVICE_FRAME.search(s.text):
            return True
    return False


def _allowed_blocks(doc, placement: str, paragraphs: int) -> set[int] | None:
    """Indexes of blocks where a disclaimer may stand (None: anywhere)."""
    prose = [i for i, b in enumerate(doc.blocks) if b.kind != "heading"]
    if placement == "anywhere" or not prose:
        return None
    if placement == "first-n-paragraphs":
        return set(prose[:paragraphs])
    n = max(2, math.ceil(len(prose) / 4))
    return set(prose[:n]) if placement == "top" else set(prose[-n:])


def _sentence_lists(doc, key: CtxKey) -> dict[str, list[int]]:
    """For each disclaimer phrase list, the indexes of the sentences it might match.

    Read once per document: every requirement asks about the same sentences, and most
    sentences can match none of its phrases; a list the cue index rules out for a
    sentence cannot match there.
    """
    ctx = key.ctx
    names = [name for name, _ in phrase_lists(ctx)]
    return cue_set_for(ctx).candidates(names, [s.text for s in analyze(doc, ctx).sentences])


def _maybe_with(doc, ctx, *names: str) -> set[int]:
    """Indexes of the sentences where every one of these phrase lists might match."""
    lists = doc.memo(_sentence_lists, CtxKey(ctx, config_only=True))
    return set(lists[names[0]]).intersection(*(lists[n] for n in names[1:]))


def _sentences_maybe_with(doc, ctx, *names: str) -> list:
    """The sentences, in document order, where every one of these phrase lists might match."""
    sentences = analyze(doc, ctx).sentences
    return [sentences[i] for i in sorted(_maybe_with(doc, ctx, *names))]


def _matches(doc, ctx, name: str, spec: dict):
    """(block index, source span) of each statement that meets the disclaimer, in document order."""
    exact = [_norm(e) for e in spec.get("exact") or ()]
    if exact:
        found = False
        for i, block in enumerate(doc.blocks):
            text = _norm(block.text)
            if any(e in text for e in exact):
                found = True
                yield i, block.source_span(0, len(block.text))
        if not found and any(e in _norm(doc.prose) for e in exact):
            yield len(doc.blocks) - 1, doc.blocks[-1].source_span(0, len(doc.blocks[-1].text))
        return
    phrases = cue_set_for(ctx)
    slots = [f"{name}:slot{i}" for i in range(len(spec.get("slots") or ()))]
    listed = f"{name}:phrases"
    # Only sentences where every slot (or a listed phrase) might match are read.
    filled = _maybe_with(doc, ctx, *slots) if slots else set()
    phrased = _maybe_with(doc, ctx, listed)
    sentences = analyze(doc, ctx).sentences
    for i in sorted(filled | phrased):
        s = sentences[i]
        if (i in filled and all(phrases.has(slot, s.text) for slot in slots)) or (
            i in phrased and phrases.has(listed, s.text)
        ):
            yield s.block_index, span_of(doc, s)


def _first_statement(matches, allowed: set[int] | None) -> tuple[tuple[int, int] | None, bool]:
    """(source span of the first statement, whether one stands where allowed), reading no further than needed."""
    first = None
    for block_index, span in matches:
        if first is None:
            first = span
        if allowed is None or block_index in allowed:
            return first, True
    return first, False


def _placement(name: str, spec: dict, section: dict) -> str:
    """A disclaimer's own configured placement, else ``[disclaimers] placement``, else the data file's."""
    configured = (section.get("required") or {}).get(name, {})
    if "placement" in configured:
        return configured["placement"]
    return section.get("placement") or spec.get("placement") or "anywhere"


def required_for(doc, ctx, rule: str | None = None) -> list[Requirement]:
    """Every disclaimer that applies to ``doc``, with whether (and where) it is satisfied.

    ``rule``: only the disclaimers that rule reports; the others are not evaluated (a
    non-health article's ``disclaimer/custom`` need not read its sentences for the built-in
    ones). Each disclaimer is computed once per document and settings: the rules, the
    quality score and ``fix`` share it.
    """
    if not ctx.topics:  # called outside a check run: detect them as the engine would
        from contentci.analysis.health import topics

        ctx.topics = topics.topics(doc, ctx)
    key = CtxKey(ctx)
    out = []
    for name, spec in definitions(ctx).items():
        if rule is None or spec.get("rule", "disclaimer/custom") == rule:
            requirement = doc.memo(_requirement, key, name)
            if requirement is not None:
                out.append(requirement)
    return out


def _requirement(doc, key: CtxKey, name: str) -> Requirement | None:
    """Disclaimer ``name`` as it stands in ``doc``, or None when it does not apply."""
    ctx = key.ctx
    spec = definitions(ctx)[name]
    if not _applies(doc, ctx, name, spec):
        return None
    section = ctx.config.section("disclaimers")
    placement = _placement(name, spec, section)
    paragraphs = int(spec.get("paragraphs") or section.get("paragraphs") or 3)
    first, good = _first_statement(_matches(doc, ctx, name, spec), _allowed_blocks(doc, placement, paragraphs))
    return Requirement(
        id=name,
        rule=spec.get("rule", "disclaimer/custom"),
        template=" ".join(str(spec.get("template", "")).split()),
        placement=placement,
        satisfied=good,
        message=spec.get("message", f"the '{name}' disclaimer is missing"),
        found_at=None if good else first,
        paragraphs=paragraphs,
    )
