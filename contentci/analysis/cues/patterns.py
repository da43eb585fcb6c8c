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
from functools import cache, lru_cache, partial

from contentci.analysis.cues.matcher import CueSet, fold, leading_literals, raw_literals
from contentci.core.registry import Option

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
    "evidence_design",
    "evidence_size",
    "evidence_duration",
    "evidence_limits",
    "alternatives",
    "alternatives_dismissive",
    "cost",
    "absolute_figure",
    "relative_figure",
    "hype",
    "hype_exempt",
    "hype_doubt",
    "hype_sought",
    "hype_caveat",
    "non_prose",
    "absolute",
    "reported",
    "negation",
    "quantifier",
    "claim_hypothetical",
    "observation",
    "statistic",
    "research_claim",
    "citation",
    "study_context",
    "study_source",
    "research_generic",
    "attribution",
)
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty".split()
    + ["a hundred", "hundred", "a thousand", "thousand", "a dozen", "dozens", "hundreds", "thousands"]
)
NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + ")"


def _validate_patterns(entries: list[str]) -> str | None:
    """Why a config entry is unusable, or None: it must compile, and a ``re:`` pattern must not
    be able to backtrack exponentially (:func:`contentci.analysis.cues.safe_regex.validate`), since a cue list
    is searched in every sentence of every file. Plain entries cannot nest repeats.
    """
    for entry in entries:
        try:
            compile_entry(entry)
        except re.error as exc:
            return f"{entry!r} is not a valid pattern: {exc}"
        if split_suggestion(entry)[0].startswith("re:"):
            from contentci.analysis.cues.safe_regex import validate

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
    from contentci.core.resources import load_yaml

    data = load_yaml(CUES_FILE) or {}
    return {name: tuple(str(e) for e in data.get(name) or ()) for name in LIST_NAMES}


def entries(ctx, name: str) -> tuple[str, ...]:
    """The effective entries of list ``name`` for this file's config."""
    section = ctx.config.section("cues") if ctx is not None else {}
    replaced = section.get("replace_" + name) or []
    base = tuple(replaced) if replaced else builtin_lists()[name]
    return base + tuple(section.get("extend_" + name) or ())


# A plain alternative's syntax characters; anything else is literal text (escaped in runs).
_TOKEN = re.compile(r"\\.|[*# '()|?]|[^\\*# '()|?]+|\\", re.DOTALL)
_ACRONYM = re.compile(r"[A-Z&][A-Z&\d ]*[A-Z\d]s?")
_WORD_REST = r"[\w'\u2019-]*"  # what "word*" adds: the rest of the word


def _translate(alt: str) -> str:
    """One plain alternative (``side effect*``, ``# in #``) to a regex."""
    out = []
    for m in _TOKEN.finditer(alt):
        tok, i = m.group(), m.start()
        if len(tok) == 2 and tok[0] == "\\":
            out.append(tok)
        elif tok == "*":
            standalone = (i == 0 or alt[i - 1] == " ") and (i + 1 == len(alt) or alt[i + 1] == " ")
            out.append(r"\S+" if standalone else _WORD_REST)
        elif tok == "#":
            out.append(NUMBER)
        elif tok == " ":
            out.append(r"\s+")
        elif tok == "'":
            out.append("['\u2019]")
        elif tok in "()|?":
            out.append(tok)
        else:
            out.append(re.escape(tok))
    body = "".join(out)
    if _ACRONYM.fullmatch(alt) and any(ch.isupper() for ch in alt):
        body = f"(?-i:{body})"  # acronyms (FDA, GP, ER) match in capitals only
    return body


# Whole words only: not after a word character, apostrophe or hyphen; not before a word
# character or apostrophe. Written as two one-character look-arounds each, not one class
# with \u2019 in it: such a class compiles to a 64K-character bitmap, ~0.9 M instructions
# of re.compile every time it appears (same positions either way).
_BEFORE, _AFTER = r"(?<![\w'-])(?<!\u2019)", r"(?![\w'])(?!\u2019)"


def _factorable(alt: str) -> bool:
    """Does ``alt`` end in ``word*`` and is otherwise plain text (no group, escape or other ``*``)?

    Then wrapping its regex in ``(?:...)`` cannot change what it means.
    """
    return (
        alt.endswith("*")
        and (alt[0].isalnum() or alt[0] == "_")  # as the regex engine's \w, so no leading "?"
        and not any(c in alt[:-1] for c in "\\()|*")
    )


def _alternation(alternatives: list[str]) -> str:
    r"""``(?:a|b|...)`` of translated plain alternatives, each consecutive run of ``word*`` ones
    sharing one ``[\w'\u2019-]*``: ``(?:prevent|protect)[\w'\u2019-]*`` rather than one each.

    Same matches in the same order of trial (``(?:a|b)x`` tries exactly what ``ax|bx`` tries),
    but the suffix's character class (a 64K bitmap, see ``_BEFORE``) is compiled once per run:
    compiling an entry was most of a one-file run's regex time.
    """
    parts: list[str] = []
    run: list[str] = []

    def flush():
        if len(run) > 1:
            parts.append("(?:" + "|".join(run) + ")" + _WORD_REST)
        elif run:
            parts.append(run[0] + _WORD_REST)
        run.clear()

    for alt in alternatives:
        src = _translate(alt)
        if src.endswith(_WORD_REST) and _factorable(alt):
            run.append(src[: -len(_WORD_REST)])
        else:
            flush()
            parts.append(src)
    flush()
    return "(?:" + "|".join(parts) + ")"


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


@lru_cache(maxsize=4096)
def _alternatives(entry: str) -> tuple[str, ...]:
    """A plain entry's alternatives (``a|b(c|d)`` → ``a``, ``b(c|d)``), split once."""
    return tuple(_split_top(split_suggestion(entry)[0]))


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
    return _BEFORE + _alternation(list(_alternatives(entry))) + _AFTER


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
        if _is_plain(entry):
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


@lru_cache(maxsize=512)
def _tried_order(items: tuple[str, ...]) -> tuple[int, ...]:
    """Indices of ``items`` in the order :func:`compile_list`'s pattern tries them: plain, then ``re:``."""
    plain = [i for i, e in enumerate(items) if _is_plain(e)]
    return tuple(plain + [i for i, e in enumerate(items) if not _is_plain(e)])


def _is_plain(entry: str) -> bool:
    """Cue syntax, not a ``re:`` regex."""
    return not split_suggestion(entry)[0].startswith("re:")


def _literals(entry: str) -> list[tuple[str, bool, int | None]] | None:
    """The leading letters a match of ``entry`` must begin with, or None if unknown.

    Each is ``(letters, whole word, alternative)``: the index of the alternative they start
    (see :func:`compile_alternatives`), or None when the entry is compiled whole.
    """
    if not _is_plain(entry):
        lits = raw_literals(entry_source(entry))
        return None if lits is None else [(lit, whole, None) for lit, whole in lits]
    alternatives = _alternatives(entry)
    separable = all(_self_contained(alt) for alt in alternatives)
    out: list[tuple[str, bool, int | None]] = []
    for i, alt in enumerate(alternatives):
        lits = leading_literals(alt, NUMBER_WORDS)
        if not lits:
            return None
        out.extend((lit, whole, i if separable else None) for lit, whole in lits)
    return out


@lru_cache(maxsize=4096)
def _needs(entry: str) -> list[tuple[str, ...]] | None:
    """Per alternative of a separable plain entry, the letters every match of it contains
    beyond its leading ones (folded; see :func:`_needed_letters`), or None. Asked only for
    entries a word has started."""
    if not _is_plain(entry):
        return None
    alternatives = _alternatives(entry)
    if not all(_self_contained(alt) for alt in alternatives):
        return None
    return [_needed_letters(alt) for alt in alternatives]


def _needed_letters(alt: str) -> tuple[str, ...]:
    """Runs of letters any match of plain alternative ``alt`` contains, after the leading one.

    ``# in #`` → ``("in",)``; ``side effect*`` → ``("effect",)``; ``tumou?r*`` → ``()`` (the
    optional ``u`` splits the run, and "tumo" is what the word index already found). Nothing
    for an alternative with a group: a group may be optional.
    """
    if "(" in alt:
        return ()
    runs, run = [], []
    for c in alt:
        if c.isalnum() or c == "_":
            run.append(c)
            continue
        if c == "?" and run:
            run.pop()  # the letter before "?" is optional
        if run:
            runs.append("".join(run))
        run = []
    if run:
        runs.append("".join(run))
    if alt[:1].isalnum() or alt[:1] == "_":
        runs = runs[1:]  # the leading letters: the word index has them already
    return tuple(dict.fromkeys(fold(r) for r in runs if r))


# A plain alternative the word index can decide without its regex: ASCII word characters,
# groups, "?" after a letter or a group, and at most one "*", at the end (``eas(e|es|ed)``,
# ``tumou?r*``, ``GP``). Its regex only ever matches inside one word.
_WORD_ALTERNATIVE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_()|?]*\*?")
_MAX_FORMS = 256


def word_test(alt: str) -> tuple[bool, frozenset[str], tuple[str, ...]] | None:
    """How to tell, from a whole ASCII word alone, whether plain alternative ``alt`` matches it.

    ``(case_sensitive, words, prefixes)``: the alternative matches a word (a maximal ``\\w+``
    run with no apostrophe, hyphen or ``\u2019`` on either side) exactly when the word, folded
    unless case-sensitive, is one of ``words`` or starts with one of ``prefixes`` (``word*``).
    ``eas(e|es)`` → ``(False, {"ease", "eases"}, ())``; ``tumou?r*`` → ``(False, {}, ("tumor",
    "tumour"))``; ``GP`` → ``(True, {"GP"}, ())``. None for any other shape: its regex decides.
    """
    if not _WORD_ALTERNATIVE.fullmatch(alt) or "??" in alt or "(?" in alt or "(*" in alt:
        return None
    star = alt.endswith("*")
    forms = _expand(alt[:-1] if star else alt)
    if not forms or "" in forms:
        return None
    case_sensitive = bool(_ACRONYM.fullmatch(alt) and any(ch.isupper() for ch in alt))
    if not case_sensitive:
        forms = {f.lower() for f in forms}
    if star:
        return case_sensitive, frozenset(), tuple(sorted(forms))
    return case_sensitive, frozenset(forms), ()


def _expand(body: str) -> set[str] | None:
    """Every string regex ``body`` (letters, groups, ``?``) matches, or None if unbalanced or too many."""
    pos = 0

    def sequence() -> set[str] | None:
        nonlocal pos
        out = {""}
        while pos < len(body) and body[pos] not in "|)":
            if body[pos] == "(":
                pos += 1
                atom: set[str] = set()
                while True:
                    branch = sequence()
                    if branch is None:
                        return None
                    atom |= branch
                    if pos < len(body) and body[pos] == "|":
                        pos += 1
                        continue
                    break
                if pos >= len(body) or body[pos] != ")":
                    return None
                pos += 1
            elif body[pos] == "?":
                return None  # "?" with nothing before it
            else:
                atom = {body[pos]}
                pos += 1
            if pos < len(body) and body[pos] == "?":
                atom = atom | {""}
                pos += 1
            out = {a + b for a in out for b in atom}
            if len(out) > _MAX_FORMS:
                return None
        return out

    forms = sequence()
    if forms is None or pos != len(body):
        return None  # a stray "|" or ")" at the top
    return forms


# What can start a number (``#``) and what "a" must be followed by to start one ("a dozen").
_NUMBER_STARTS = frozenset(w.split()[0] for w in NUMBER_WORDS)
_NUMBER_SINGLE = frozenset(w for w in NUMBER_WORDS if " " not in w)
_AFTER_A = frozenset(w.split()[1] for w in NUMBER_WORDS if w.startswith("a "))
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
_MAX_SHAPES = 64


def word_shapes(alt: str) -> tuple | None:
    """What the first two words of a match of plain alternative ``alt`` must look like, or None.

    One shape per way of reading its groups and ``?`` (``not (medical )?advice`` is "not
    medical advice" or "not advice"): ``(first, then, case_sensitive, pair)``. ``first`` is how the
    candidate word is used up: ``("num",)``, or ``("word", letters, star)`` (the word is
    ``letters``, or starts with them). ``then`` is what must come right after it: ``("end",)``,
    ``("edge",)`` (an apostrophe or hyphen), ``("char", c)``, ``("space", next)`` with ``next``
    ``("num",)``, ``("any",)`` or ``("word", letters, whole)`` (the next word is, or when not
    ``whole`` starts with, ``letters``), or
    ``("open",)`` (anything). ``pair``: for a form of exactly two words (``side effect*``,
    ``# people``), the second word's :func:`word_test`, else None. :func:`may_start` and
    :func:`pair_length` read them. None: not read (escapes, letters outside ASCII); such an
    alternative always goes to its regex.
    """
    if "\\" in alt or not alt.isascii():
        return None
    forms = _expand(alt)
    if not forms or len(forms) > _MAX_SHAPES:
        return None
    case_sensitive = bool(_ACRONYM.fullmatch(alt) and any(ch.isupper() for ch in alt))
    shapes = {}
    for form in sorted(forms):
        form = form if case_sensitive else form.lower()
        shape = _shape(form)
        if shape is None:
            return None
        pair = None
        words = form.split(" ")
        if len(words) == 2 and words[0] and shape[1][0] == "space":
            pair = word_test(words[1])
            if pair is not None and not case_sensitive:
                pair = (False, pair[1], pair[2])  # (the form is folded already)
        shapes[(*shape, case_sensitive, pair)] = None
    return tuple(shapes)


def _shape(form: str) -> tuple | None:
    if form.startswith("#"):
        first, rest = ("num",), form[1:]
    else:
        m = _ASCII_WORD.match(form)
        if m is None:
            return None
        star = form[m.end() : m.end() + 1] == "*"
        first, rest = ("word", m.group(), star), form[m.end() + star :]
    if not rest:
        return first, ("end",)
    if rest[0] in "'-":
        return first, ("edge",)
    if rest[0] != " ":
        return first, ("open",) if rest[0] in "*#?()|" else ("char", rest[0])
    following = rest.lstrip(" ")
    if following.startswith("#"):
        return first, ("space", ("num",))
    if following[:1] == "*" and following[1:2] in ("", " "):
        return first, ("space", ("any",))
    m = _ASCII_WORD.match(following)
    if m is None:
        return first, ("open",)
    whole = following[m.end() : m.end() + 1] not in ("*", "#")  # no more letters can follow
    return first, ("space", ("word", m.group(), whole))


def may_start(shapes: tuple, word: str, sep: str, following: str | None) -> bool:
    """Could an alternative with these :func:`word_shapes` match at ``word``?

    ``word`` (ASCII) has no apostrophe, hyphen or letter on either side; ``sep`` is the text
    between it and the next word, ``following`` (None at the end). False only when no
    match can start there; True means its regex must decide.
    """
    lowered = word.lower()
    for first, then, case_sensitive, _ in shapes:
        w = word if case_sensitive else lowered
        if first[0] == "num":
            if word.isdigit():
                if sep[:1] in (",", "."):
                    return True  # "1,000", "2.5": the number may go on
            elif lowered == "a":
                if sep == " " and following is not None and following.lower() in _AFTER_A:
                    return True
                continue
            elif lowered not in _NUMBER_SINGLE:
                continue
        elif w != first[1] and not (first[2] and w.startswith(first[1])):
            continue
        kind = then[0]
        if kind in ("end", "open"):
            return True
        if kind == "edge":
            continue
        if kind == "char":
            if sep[:1] == then[1]:
                return True
            continue
        if following is None or not sep.isspace():
            continue
        nxt = then[1]
        if nxt[0] == "any":
            return True
        f = following if case_sensitive else following.lower()
        if nxt[0] == "num":
            if following.isdigit() or f in _NUMBER_STARTS:
                return True
        elif f == nxt[1] or (not nxt[2] and f.startswith(nxt[1])):
            return True
    return False


def pair_length(shapes: tuple, word: str, sep: str, following: str | None, after: str) -> int | None:
    """For an alternative of two words (one shape, see :func:`word_shapes`): the length of its match
    at ``word`` when that is certain (``word``, ``sep`` and ``following``), else None.

    Certain when the first word uses up ``word``, only spaces stand between, the second word's
    test holds for ``following`` and ``after`` (the character after it, "" at the end) is no
    apostrophe (nor a hyphen, after ``word*``): then the regex matches exactly those two words.
    """
    if len(shapes) != 1 or following is None or not sep.isspace():
        return None
    first, _, case_sensitive, pair = shapes[0]
    if pair is None or after in ("'", "\u2019") or (after == "-" and pair[2]):
        return None
    lowered = word.lower()
    if first[0] == "num":
        if not ((word.isdigit() and sep[:1] not in (",", ".")) or lowered in _NUMBER_SINGLE):
            return None
    else:
        w = word if case_sensitive else lowered
        if not (w == first[1] or (first[2] and w.startswith(first[1]))):
            return None
    f = following if case_sensitive else following.lower()
    if f in pair[1] or f.startswith(pair[2]):
        return len(word) + len(sep) + len(following)
    return None


@lru_cache(maxsize=4096)
def _word_shapes(entry: str) -> tuple | None:
    """Per alternative of a separable plain entry, its :func:`word_shapes` (None where there are none)."""
    if not _is_plain(entry):
        return None
    alternatives = _alternatives(entry)
    if not all(_self_contained(alt) for alt in alternatives):
        return None
    return tuple(word_shapes(alt) for alt in alternatives)


@lru_cache(maxsize=4096)
def _word_tests(entry: str) -> tuple | None:
    """Per alternative of a separable plain entry, its :func:`word_test` (None where there is none)."""
    if not _is_plain(entry):
        return None
    alternatives = _alternatives(entry)
    if not all(_self_contained(alt) for alt in alternatives):
        return None
    return tuple(word_test(alt) for alt in alternatives)


def _self_contained(alt: str) -> bool:
    """Is a plain alternative a regex of its own: no escape, no ``(?``, parentheses balanced?

    Then ``(?:a|c)`` of some of an entry's alternatives matches, where the others cannot
    match, exactly what the whole entry matches there.
    """
    if "\\" in alt or "(?" in alt:
        return False
    depth = 0
    for c in alt:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@lru_cache(maxsize=8192)
def compile_alternatives(entry: str, alternatives: tuple[int, ...] | None = None) -> re.Pattern:
    """An entry's regex with only these of its (plain) alternatives, by index; None: all of them.

    A word can start only a few of a long entry's alternatives (``protect*`` of
    ``prevent*|protect*|repair*|...``), and compiling whole entries took most of a one-file
    run's regex time. The cue index asks for those few: same look-arounds, same order.
    """
    every = _alternatives(entry)
    if alternatives is None or len(alternatives) == len(every):
        return compile_entry(entry)
    return re.compile(_BEFORE + _alternation([every[i] for i in alternatives]) + _AFTER, re.IGNORECASE)


@lru_cache(maxsize=64)
def cue_set(lists: tuple[tuple[str, tuple[str, ...]], ...], remember_texts: int = 2_000) -> CueSet:
    """One :class:`CueSet` for these ``(name, entries)`` lists, shared by every file with them.

    ``remember_texts``: how many texts' matches it keeps (sentences repeat within an article;
    a caller reading whole articles, which never repeat across files, keeps a few).
    """
    spec = {}
    for name, items in lists:
        ordered = [items[i] for i in _tried_order(items)]
        spec[name] = (
            [partial(compile_alternatives, e) for e in ordered],
            [_literals(e) for e in ordered],
            [partial(_needs, e) for e in ordered],
            [partial(_word_tests, e) for e in ordered],
            [partial(_word_shapes, e) for e in ordered],
        )
    by_name = dict(lists)
    return CueSet(spec, lambda name: compile_list(by_name[name]), remember_texts, (may_start, pair_length))


def per_file(ctx, attr: str, make):
    """``make()``, built once per file and kept on its Context as ``attr`` (rebuilt when there is no Context).

    For what several rules and the quality score ask of one file's settings.
    """
    cached = getattr(ctx, attr, None)
    if cached is None:
        cached = make()
        if ctx is not None:
            setattr(ctx, attr, cached)
    return cached
