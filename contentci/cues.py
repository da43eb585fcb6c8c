"""Cue lists for the health rules: data files in, compiled patterns out.

The lists live in ``data/health/cues.yaml`` (see its header for the pattern
syntax). Config extends or replaces any list without code::

    [tool.contentci.cues]
    extend_hype = ["life-changing -> helpful"]
    replace_cost = ["price", "insurance"]

Compiled patterns are cached by their entries, so every rule and every file
with the same settings shares one compilation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from contentci.registry import Option

CUES_FILE = "health/cues.yaml"
# The lists in cues.yaml; each gets extend_<name> and replace_<name> options.
LIST_NAMES = (
    "health_strong",
    "health_weak",
    "treatment",
    "condition",
    "supplement",
    "stem_cell",
    "benefit",
    "harm_generic",
    "harm_named",
    "harm_causal",
    "frequency",
    "severity",
    "hedge",
    "evidence",
    "alternatives",
    "alternatives_dismissive",
    "cost",
    "absolute_figure",
    "relative_figure",
    "hype",
    "hype_exempt",
    "absolute",
    "reported",
    "negation",
    "quantifier",
    "statistic",
    "research_claim",
    "citation",
)
NUMBER = (
    r"(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|a hundred|hundred|a thousand|thousand|a dozen|dozens|hundreds|thousands)"
)


def _validate_patterns(entries: list[str]) -> str | None:
    """Why a config entry is unusable, or None: it must compile, and a ``re:`` pattern must not
    be able to backtrack exponentially (:func:`contentci.safe_regex.validate`), since a cue list
    is searched in every sentence of every file. Plain entries cannot nest repeats.
    """
    for entry in entries:
        try:
            compile_entry(entry)
        except re.error as exc:
            return f"{entry!r} is not a valid pattern: {exc}"
        if split_suggestion(entry)[0].startswith("re:"):
            from contentci.safe_regex import validate

            source = entry_source(entry)
            problem = validate(source)
            if problem:
                return f"{entry!r}{problem.removeprefix(repr(source))}"
    return None


_PATTERN_HELP = (
    " Cue syntax, or re: for a regular expression; one that can backtrack exponentially, e.g. (a+)+, is a config error."
)


def cue_options() -> dict[str, Option]:
    """The ``[cues]`` config section: ``extend_<list>`` and ``replace_<list>`` for every list."""
    opts: dict[str, Option] = {}
    for name in LIST_NAMES:
        opts["extend_" + name] = Option(
            list, [], f"Patterns added to the built-in {name} list.{_PATTERN_HELP}", validate=_validate_patterns
        )
        opts["replace_" + name] = Option(
            list, [], f"Patterns used instead of the built-in {name} list.{_PATTERN_HELP}", validate=_validate_patterns
        )
    return opts


@cache
def builtin_lists() -> dict[str, tuple[str, ...]]:
    import yaml

    from contentci.resources import read_text

    data = yaml.safe_load(read_text(CUES_FILE)) or {}
    return {name: tuple(str(e) for e in data.get(name) or ()) for name in LIST_NAMES}


def entries(ctx, name: str) -> tuple[str, ...]:
    """The effective entries of list ``name`` for this file's config."""
    section = ctx.config.section("cues") if ctx is not None else {}
    replaced = section.get("replace_" + name) or []
    base = tuple(replaced) if replaced else builtin_lists()[name]
    return base + tuple(section.get("extend_" + name) or ())


def _translate(alt: str) -> str:
    """One plain alternative (``side effect*``, ``# in #``) to a regex."""
    out = []
    i = 0
    while i < len(alt):
        c = alt[i]
        if c == "\\" and i + 1 < len(alt):
            out.append(alt[i : i + 2])
            i += 2
            continue
        if c == "*":
            standalone = (i == 0 or alt[i - 1] == " ") and (i + 1 == len(alt) or alt[i + 1] == " ")
            out.append(r"\S+" if standalone else r"[\w'\u2019-]*")
        elif c == "#":
            out.append(NUMBER)
        elif c == " ":
            out.append(r"\s+")
        elif c == "'":
            out.append("['\u2019]")
        elif c in "()|?":
            out.append(c)
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    if re.fullmatch(r"[A-Z&][A-Z&\d ]*[A-Z\d]s?", alt) and any(ch.isupper() for ch in alt):
        body = f"(?-i:{body})"  # acronyms (FDA, GP, ER) match in capitals only
    return body


_BEFORE, _AFTER = r"(?<![\w'\u2019-])", r"(?![\w'\u2019])"  # whole words only


def _split_top(text: str) -> list[str]:
    """Split on ``|`` outside parentheses."""
    parts, depth, cur = [], 0, []
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        if c == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def split_suggestion(entry: str) -> tuple[str, str | None]:
    if "->" in entry and not entry.startswith("re:"):
        pattern, suggestion = entry.split("->", 1)
        return pattern.strip(), suggestion.strip() or None
    return entry.strip(), None


@lru_cache(maxsize=4096)
def entry_source(entry: str) -> str:
    """The regular expression text of one cue entry (what :func:`compile_entry` compiles)."""
    pattern, _ = split_suggestion(entry)
    if pattern.startswith("re:"):
        return pattern[3:]
    return _BEFORE + "(?:" + "|".join(_translate(a) for a in _split_top(pattern)) + ")" + _AFTER


@lru_cache(maxsize=4096)
def compile_entry(entry: str) -> re.Pattern:
    return re.compile(entry_source(entry), re.IGNORECASE)


@lru_cache(maxsize=512)
def compile_list(items: tuple[str, ...]) -> re.Pattern:
    """One pattern for a whole list, matching exactly where any entry matches.

    Plain entries share a single pair of word-boundary lookarounds around one
    alternation (``(?<!w)(?:a|b|c)(?!w)``) rather than one pair each: the regex
    engine then tries the alternation once per position, which measured ~35%
    faster over the health cue lists. ``re:`` entries keep their own source.
    """
    if not items:
        return re.compile(r"(?!x)x")
    plain, raw = [], []
    for entry in items:
        src = entry_source(entry)
        if src.startswith(_BEFORE) and src.endswith(_AFTER):
            plain.append(src[len(_BEFORE) : -len(_AFTER)])
        else:
            raw.append(f"(?:{src})")
    parts = ([_BEFORE + "(?:" + "|".join(plain) + ")" + _AFTER] if plain else []) + raw
    return re.compile("|".join(parts), re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    suggestion: str | None = None


class CtxKey:
    """A Context as a ``doc.memo`` argument: equal when config, profile and topics are equal.

    Analyses depend on the file's settings, not on the Context object, so two rules
    with equal settings share one computation; ``.ctx`` gives the analysis its context.
    """

    def __init__(self, ctx, *, config_only: bool = False):
        self.ctx = ctx
        self.key = (
            (ctx.config.key,)
            if config_only
            else (ctx.config.key, getattr(ctx, "_profile", None), tuple(sorted(getattr(ctx, "topics", ()) or ())))
        )

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, CtxKey) and other.key == self.key


class Cues:
    """The effective cue lists for one file's config, compiled on first use."""

    def __init__(self, ctx):
        self.ctx = ctx
        self._patterns: dict[str, re.Pattern] = {}

    def items(self, name: str) -> tuple[str, ...]:
        return entries(self.ctx, name)

    def pattern(self, name: str) -> re.Pattern:
        pattern = self._patterns.get(name)
        if pattern is None:
            pattern = self._patterns[name] = compile_list(self.items(name))
        return pattern

    def search(self, name: str, text: str, pos: int = 0, endpos: int | None = None):
        return self.pattern(name).search(text, pos, len(text) if endpos is None else endpos)

    def has(self, name: str, text: str) -> bool:
        return self.pattern(name).search(text) is not None

    def find(self, name: str, text: str) -> list[Match]:
        return [Match(m.start(), m.end(), m.group()) for m in self.pattern(name).finditer(text)]

    def find_with_suggestions(self, name: str, text: str) -> list[Match]:
        """Matches of each entry (longest first at a position), with the entry's suggestion."""
        if not self.has(name, text):  # most sentences match nothing: one search, not one per entry
            return []
        found: dict[int, Match] = {}
        for entry in self.items(name):
            _, suggestion = split_suggestion(entry)
            for m in compile_entry(entry).finditer(text):
                prev = found.get(m.start())
                if prev is None or m.end() > prev.end:
                    found[m.start()] = Match(m.start(), m.end(), m.group(), suggestion)
        out, last_end = [], -1
        for start in sorted(found):
            if start >= last_end:
                out.append(found[start])
                last_end = found[start].end
        return out
