"""Regular expressions from user config that cannot hang a run.

A pattern such as ``(a+)+$`` backtracks exponentially: on 30 letters Python's
``re`` would run for minutes. Patterns a user writes in config (extra trigger
phrases, word lists) therefore go through this module:

* :func:`validate` is an ``Option(validate=...)`` hook: it rejects, when the
  config loads (exit 2, naming the key), a pattern that does not compile or
  that repeats (``+``, ``*``, ``{3,}``; ``{0,2}`` is allowed) a group which
  itself repeats (``(a+)+``, ``(\\w*)*``), whose alternatives overlap
  (``(a|ab)+``, ``(?:a|a)*``) or which can match nothing (``(a?){20}``) — the
  shapes behind almost every catastrophic case. It is a static check: it
  cannot prove a pattern fast, only reject these shapes.
* :class:`SafePattern` runs the pattern with the ``regex`` module's
  ``timeout``: a search that still runs past :data:`TIMEOUT` seconds raises
  :class:`PatternTimeout`, whose message names the pattern and where it came
  from, instead of stalling CI. ``regex`` accepts ``re`` syntax.
* :func:`word_list_pattern` turns plain words into one escaped alternation
  (``\\b(?:longest|long)\\b``), which cannot backtrack badly; prefer it when the
  user is listing words rather than writing a pattern.

Use::

    from contentci.analysis.cues.safe_regex import SafePattern, validate
    settings("health", {"triggers": Option(list, [], "Extra trigger patterns.", validate=validate_all)})
    pattern = SafePattern(text, where="health.triggers")
    for m in pattern.finditer(block.text): ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from contentci.core.errors import ContentciError

TIMEOUT = 1.0  # seconds for one search over one block of text

# An innermost group and the quantifier after it, if any (escapes and classes already tokenised).
_GROUP = re.compile(r"\(([^()]*)\)((?:[+*]|\{\d+(?:,\d*)?\})?)")
# A repeat or an optional atom: a group holding one matches texts of several lengths, so repeating
# it lets the engine split one text in many ways ((\w\w?)+ on 40 letters took 27 s).
_INNER_REPEAT = re.compile(r"[+*]|\{\d*,")
_INNER_OPTIONAL = re.compile(r"[?]|\{(\d+),(\d+)\}")
_ESCAPES_AND_CLASSES = re.compile(r"\\.|\[(?:[^\]\\]|\\.)*\]")
# What opens a group without being matched by it: ?: ?P<name> ?i: and lookarounds.
_GROUP_OPENER = re.compile(r"\?(?:[:=!>]|<[=!]|P<\w+>|<\w+>|[aiLmsux-]+:)")
# One atom that may match nothing: x? x* x{0,n} (lazy or not).
_OPTIONAL_ATOM = re.compile(r".(?:\?|\*|\{0(?:,\d*)?\})\??")
_COUNT = re.compile(r"\{(\d+)(?:(,)(\d*))?\}")
# An outer {m,n} with n <= 2 backtracks at most quadratically: (\w+\s+){0,2} is fine, (.*?\d){10} is not.
SMALL_REPEAT = 2


class PatternTimeout(ContentciError):
    """A user pattern ran too long on one block of text."""


def validate(pattern: str) -> str | None:
    """A problem with a user pattern (for ``Option(validate=...)``), or None when it is fine."""
    if not isinstance(pattern, str):
        return f"{pattern!r} is not a string"
    try:
        _compile(pattern, 0)
    except Exception as exc:  # regex.error, and OverflowError/RecursionError on absurd input
        return f"{pattern!r} is not a valid regular expression: {exc}"
    shape = _catastrophic_shape(pattern)
    if shape == "nested":
        return (
            f"{pattern!r} repeats a group that itself repeats, which can take exponential time; "
            "remove the inner or outer repeat (e.g. (a+)+ -> a+)"
        )
    if shape == "varies":
        return (
            f"{pattern!r} repeats a group with an optional part, so one text can be split in many ways, "
            "which can take exponential time; repeat the parts separately (e.g. (\\w\\w?)+ -> \\w+)"
        )
    if shape == "overlap":
        return (
            f"{pattern!r} repeats a group whose alternatives can match the same text, which can take "
            "exponential time; make the alternatives distinct (e.g. (a|ab)+ -> ab?)"
        )
    if shape == "empty":
        return (
            f"{pattern!r} repeats a group that can match nothing, which can take exponential time; "
            "make the group match at least one character (e.g. (a?){20} -> a{0,20})"
        )
    return None


def _large(quantifier: str) -> bool:
    """Whether a group quantifier repeats more than :data:`SMALL_REPEAT` times."""
    if quantifier in ("+", "*"):
        return True
    m = _COUNT.fullmatch(quantifier)
    if m is None:
        return False
    most = int(m.group(1)) if not m.group(2) else (int(m.group(3)) if m.group(3) else None)
    return most is None or most > SMALL_REPEAT


def _tokenise(pattern: str) -> tuple[str, dict[str, str]]:
    """Each escape or class as one character (the same text, the same character), so the group
    structure is plain to see and ``(\\d|\\d)`` still reads as two equal alternatives; and what
    each token stands for."""
    tokens: dict[str, str] = {}

    def token(m: re.Match) -> str:
        return tokens.setdefault(m.group(), chr(0xE000 + len(tokens) % 6000))

    return _ESCAPES_AND_CLASSES.sub(token, pattern), {t: src for src, t in tokens.items()}


def _catastrophic_shape(pattern: str) -> str | None:
    """``nested`` for a repeated group that contains a repeat, at any depth (``(a+)+``,
    ``((a+)b?)*``); ``overlap`` for a repeated alternation where one alternative is a prefix of
    another (``(a|ab)+``, ``(?:a|a)*``); ``empty`` for a repeated group that can match nothing
    (``(a?){20}``); None when no group is repeated in one of these ways."""
    s, sources = _tokenise(pattern)
    for step in range(10_000):  # each step removes one group
        m = _GROUP.search(s)
        if m is None:
            return None
        body = m.group(1)
        opener = _GROUP_OPENER.match(body)
        if opener:
            body = body[opener.end() :]
        repeats = _INNER_REPEAT.search(body) is not None
        large = _large(m.group(2))
        if large and repeats:
            return "nested"
        if large and any(_OPTIONAL_ATOM.sub("", b) == "" for b in body.split("|")):
            return "empty"
        if large and _INNER_OPTIONAL.search(body):
            return "varies"  # (\w\w?)+: one text split in many ways
        if large and _alternatives_overlap(body.split("|"), sources):
            return "overlap"
        # The group becomes one atom of its own (not equal to any other in an alternation); one
        # that repeats (a+ or (...)+ inside) stays a repeat outside.
        atom = chr(0xF000 + step % 4000)
        s = s[: m.start()] + (atom + "+" if repeats or m.group(2) else atom) + s[m.end() :]
    return "nested"


def _alternatives_overlap(branches: list[str], sources: dict[str, str]) -> bool:
    if len(branches) < 2:
        return False
    firsts = [_first_chars(b[:1], sources) for b in branches]
    literal = [b[:1] not in sources and b[:1] != "." and not "\uf000" <= b[:1] <= "\uffff" for b in branches]
    for i in range(len(firsts)):
        for j in range(i + 1, len(firsts)):
            if literal[i] and literal[j]:
                continue  # two words: the prefix test below tells (one|two) from (a|ab)
            if firsts[i] is None or firsts[j] is None or firsts[i] & firsts[j]:
                return True  # a class can start where another branch does: (\w|\d)+
    stems = [b.rstrip("?*") for b in branches]  # a? and a both start with a
    return any(
        i != j and stems[j].startswith(stems[i]) and stems[i] for i in range(len(stems)) for j in range(len(stems))
    )


_SAMPLE = [chr(c) for c in range(0x250)]  # Latin: enough to tell \w from \d from [a-z]


def _first_chars(ch: str, sources: dict[str, str]) -> frozenset | None:
    """The characters a branch starting with ``ch`` can start with (cue patterns ignore case), or
    None for "any" (``.``, a group, a class that matches outside Latin)."""
    if ch == "." or "\uf000" <= ch <= "\uffff":
        return None
    source = sources.get(ch)
    if source is None:
        return frozenset({ch.lower(), ch.upper()})
    try:
        matcher = re.compile(source, re.IGNORECASE).fullmatch
    except re.error:
        return None
    found = frozenset(c for c in _SAMPLE if matcher(c))
    return found or None


def validate_all(patterns: list[str]) -> str | None:
    """:func:`validate` for a list option."""
    for p in patterns:
        problem = validate(p)
        if problem:
            return problem
    return None


@lru_cache(maxsize=256)
def _compile(pattern: str, flags: int):
    import regex

    return regex.compile(pattern, flags | regex.VERSION0)


class SafePattern:
    """A compiled user pattern whose searches stop after :data:`TIMEOUT` seconds."""

    def __init__(self, pattern: str, *, where: str = "config", flags: int = 0, timeout: float = TIMEOUT):
        problem = validate(pattern)
        if problem:
            raise ContentciError(f"{where}: {problem}")
        self.pattern = pattern
        self.where = where
        self.timeout = timeout
        self._compiled = _compile(pattern, flags)

    def _timed_out(self) -> PatternTimeout:
        return PatternTimeout(
            f"pattern {self.pattern!r} from {self.where} ran for over {self.timeout:g} s on one block of text; "
            "simplify it (nested repeats such as (a+)+ backtrack exponentially)"
        )

    def search(self, text: str, pos: int = 0):
        try:
            return self._compiled.search(text, pos, timeout=self.timeout)
        except TimeoutError:
            raise self._timed_out() from None

    def finditer(self, text: str) -> Iterator:
        try:
            # One budget for the whole scan of this text, not per match.
            yield from self._compiled.finditer(text, timeout=self.timeout)
        except TimeoutError:
            raise self._timed_out() from None


def word_list_pattern(words: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern:
    """Plain words or phrases as one escaped, whole-word alternation (longest first)."""
    unique = sorted({w.strip() for w in words if w and w.strip()}, key=lambda w: (-len(w), w))
    if not unique:
        return re.compile(r"(?!)")
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
