"""Disclaimer definitions: the built-in ones (``data/health/disclaimers.yaml``) merged with config.

Apart from the matching (:mod:`contentci.analysis.health.disclaimers`), because the sentence cue
index reads these phrase lists too, and the matching reads that index.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from contentci.analysis.cues.patterns import _validate_patterns as validate_patterns
from contentci.analysis.cues.patterns import per_file
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

    They join the cue lists in one matcher (:func:`contentci.analysis.health.sentence_cues.cue_set_for`).
    """
    sf = builtin()["structure_function"]
    out = [(f"structure_function:{k}", tuple(sf[k])) for k in ("verbs", "objects", "reported")]
    for name, spec in definitions(ctx).items():
        out.append((f"{name}:terms", tuple(spec.get("terms") or ())))
        out.append((f"{name}:phrases", tuple(spec.get("phrases") or ())))
        out.extend((f"{name}:slot{i}", tuple(slot)) for i, slot in enumerate(spec.get("slots") or ()))
    return tuple(out)
