"""Regular expressions from user config that cannot hang a run.

A pattern such as ``(a+)+$`` backtracks exponentially: on 30 letters Python's
``re`` would run for minutes. Patterns a user writes in config (``re:`` cue
entries, disclaimer phrases and slots) therefore go through :func:`validate`, an
``Option(validate=...)`` hook: it rejects, when the config loads (exit 2, naming
the key), a pattern that does not compile or that repeats (``+``, ``*``,
``{3,}``; ``{0,2}`` is allowed) a group which itself repeats (``(a+)+``,
``(\\w*)*``), holds an optional part (``(\\w\\w?)+``), has alternatives that can
start alike (``(a|ab)+``, ``(\\w|\\d)+``) or can match nothing (``(a?){20}``): the
shapes behind almost every catastrophic case. It is a static check that cannot
prove a pattern fast, only reject these shapes; the patterns then run on
Python's ``re``, as the built-in cue lists do.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


def validate(pattern: str) -> str | None:
    """A problem with a user pattern (for ``Option(validate=...)``), or None when it is fine."""
    if not isinstance(pattern, str):
        return f"{pattern!r} is not a string"
    try:
        _compile(pattern, 0)
    except Exception as exc:  # re.error, and OverflowError/RecursionError on absurd input
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


@lru_cache(maxsize=256)
def _compile(pattern: str, flags: int) -> re.Pattern:
    return re.compile(pattern, flags)
