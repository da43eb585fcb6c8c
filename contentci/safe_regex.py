"""Regular expressions from user config that cannot hang a run.

A pattern such as ``(a+)+$`` backtracks exponentially: on 30 letters Python's
``re`` would run for minutes. Patterns a user writes in config (extra trigger
phrases, word lists) therefore go through this module:

* :func:`validate` is an ``Option(validate=...)`` hook: it rejects, when the
  config loads (exit 2, naming the key), a pattern that does not compile or
  that repeats a group which itself repeats (``(a+)+``, ``(\\w*)*``,
  ``(a|ab)+`` style nesting) — the shape behind almost every catastrophic case.
* :class:`SafePattern` runs the pattern with the ``regex`` module's
  ``timeout``: a search that still runs past :data:`TIMEOUT` seconds raises
  :class:`PatternTimeout`, whose message names the pattern and where it came
  from, instead of stalling CI. ``regex`` accepts ``re`` syntax.
* :func:`word_list_pattern` turns plain words into one escaped alternation
  (``\\b(?:longest|long)\\b``), which cannot backtrack badly; prefer it when the
  user is listing words rather than writing a pattern.

Use::

    from contentci.safe_regex import SafePattern, validate
    settings("health", {"triggers": Option(list, [], "Extra trigger patterns.", validate=validate_all)})
    pattern = SafePattern(text, where="health.triggers")
    for m in pattern.finditer(block.text): ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from contentci.errors import ContentciError

TIMEOUT = 1.0  # seconds for one search over one block of text

# An innermost group and the quantifier after it, if any (escapes and classes already blanked).
_GROUP = re.compile(r"\(([^()]*)\)((?:[+*]|\{\d+(?:,\d*)?\})?)")
_INNER_REPEAT = re.compile(r"[+*]|\{\d*,")
_ESCAPES_AND_CLASSES = re.compile(r"\\.|\[(?:[^\]\\]|\\.)*\]")
# An alternation under a repeat where one branch is a prefix of another: (a|ab)+
_ALTERNATION = re.compile(r"\(((?:[^()|\\]|\\.)+)\|\1(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})")


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
    if _nested_repeat(pattern) or _ALTERNATION.search(pattern):
        return (
            f"{pattern!r} repeats a group that itself repeats, which can take exponential time; "
            "remove the inner or outer repeat (e.g. (a+)+ -> a+)"
        )
    return None


def _nested_repeat(pattern: str) -> bool:
    """Whether a repeated group contains a repeat, at any depth: ``(a+)+``, ``((a+)b?)*``."""
    s = _ESCAPES_AND_CLASSES.sub("x", pattern)
    for _ in range(10_000):  # each step removes one group
        m = _GROUP.search(s)
        if m is None:
            return False
        repeats = _INNER_REPEAT.search(m.group(1)) is not None
        if repeats and m.group(2):
            return True
        s = s[: m.start()] + ("x+" if repeats or m.group(2) else "x") + s[m.end() :]
    return True


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
