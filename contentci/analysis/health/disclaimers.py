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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from contentci.analysis.cues.patterns import CtxKey, Cues, cue_set_for, per_file
from contentci.analysis.cues.patterns import _validate_patterns as validate_patterns
from contentci.analysis.health.classify import analyze, reported, span_of
from contentci.core.registry import Option

DISCLAIMERS_FILE = "health/disclaimers.yaml"
PLACEMENTS = ("anywhere", "top", "bottom", "first-n-paragraphs")
KEYS = {
    "skip_side_effect_lists",
    "rule",
    "topics",
    "terms",
    "slots",
    "exact",
    "phrases",
    "placement",
    "paragraphs",
    "template",
    "message",
    "enabled",
}


@dataclass(frozen=True)
class Requirement:
    """One disclaimer that applies to a document."""

    id: str
    rule: str
    template: str
    placement: str
    satisfied: bool
    message: str = ""
    found_at: tuple[int, int] | None = None  # source span of a statement in the wrong place
    paragraphs: int = 3


def _validate_required(value: dict) -> str | None:
    for name, spec in value.items():
        if not isinstance(spec, dict):
            return f"required.{name} must be a table"
        extra = set(spec) - KEYS
        if extra:
            return f"required.{name}: unknown key {sorted(extra)[0]!r}; valid keys: {', '.join(sorted(KEYS))}"
        if "placement" in spec and spec["placement"] not in PLACEMENTS:
            return f"required.{name}.placement must be one of {', '.join(PLACEMENTS)}"
        for key in ("topics", "terms", "exact", "phrases"):
            if key in spec and not (isinstance(spec[key], list) and all(isinstance(v, str) for v in spec[key])):
                return f"required.{name}.{key} must be a list of strings"
        if "slots" in spec and not (
            isinstance(spec["slots"], list)
            and all(isinstance(s, list) and all(isinstance(v, str) for v in s) for s in spec["slots"])
        ):
            return f"required.{name}.slots must be a list of lists of phrases"
        for key in ("template", "message", "rule"):
            if key in spec and not isinstance(spec[key], str):
                return f"required.{name}.{key} must be a string"
        if "paragraphs" in spec and not (isinstance(spec["paragraphs"], int) and spec["paragraphs"] > 0):
            return f"required.{name}.paragraphs must be a positive whole number"
        if "enabled" in spec and not isinstance(spec["enabled"], bool):
            return f"required.{name}.enabled must be true or false"
        for key in ("terms", "slots", "phrases"):
            values = spec.get(key, [])
            # Cue syntax, so the cue lists' check: compiles, and no `re:` pattern can backtrack exponentially.
            problem = validate_patterns([p for s in values for p in s] if key == "slots" else values)
            if problem:
                return f"required.{name}.{key}: {problem}"
    return None


SETTINGS = {
    "placement": Option(
        str,
        "",
        "Placement for every disclaimer unless it sets its own (anywhere, top, bottom, first-n-paragraphs).",
        ("",) + PLACEMENTS,
    ),
    "paragraphs": Option(int, 3, "n for placement first-n-paragraphs."),
    "required": Option(
        dict,
        {},
        "Disclaimers to add or adjust, by name (see data/health/disclaimers.yaml for the keys); terms, slots"
        " and phrases take cue patterns, and a re: one that can backtrack exponentially is a config error.",
        validate=_validate_required,
    ),
}


@lru_cache(maxsize=1)
def builtin() -> dict[str, dict[str, Any]]:
    from contentci.core.resources import load_yaml

    return load_yaml(DISCLAIMERS_FILE)


def definitions(ctx) -> dict[str, dict[str, Any]]:
    """Built-in definitions merged with ``[disclaimers] required`` from config.

    Built once per file (every rule, the quality score and the phrase lists ask); read only.
    """
    return per_file(ctx, "_disclaimer_definitions", lambda: _definitions(ctx))


def _definitions(ctx) -> dict[str, dict[str, Any]]:
    data = builtin()
    out = {k: dict(v) for k, v in data.items() if k != "structure_function"}
    section = ctx.config.section("disclaimers") if ctx is not None else {}
    for name, spec in (section.get("required") or {}).items():
        merged = dict(out.get(name, {"rule": "disclaimer/custom", "topics": []}))
        merged.update(spec)
        if name not in out:
            merged["rule"] = "disclaimer/custom"
        out[name] = merged
    return {k: v for k, v in out.items() if v.get("enabled", True)}


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def phrase_lists(ctx) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every phrase list of the disclaimers, named ``<disclaimer>:terms|phrases|slot<i>``.

    They join the cue lists in one matcher (:func:`contentci.analysis.cues.patterns.cue_set_for`).
    """
    sf = builtin()["structure_function"]
    out = [(f"structure_function:{k}", tuple(sf[k])) for k in ("verbs", "objects", "reported")]
    for name, spec in definitions(ctx).items():
        out.append((f"{name}:terms", tuple(spec.get("terms") or ())))
        out.append((f"{name}:phrases", tuple(spec.get("phrases") or ())))
        out.extend((f"{name}:slot{i}", tuple(slot)) for i, slot in enumerate(spec.get("slots") or ()))
    return tuple(out)


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
