"""Matching cue lists fast: find candidate words first, run an entry's regex only there.

One case-insensitive alternation of a whole cue list makes Python's regex engine try
every alternative at every character: about a hundred alternatives, at each position of
each sentence, for a dozen lists a sentence. That was ~90% of a health check's time.

Here each text is split into words once. An entry such as ``improv*`` or ``side effect*``
can only start where a word begins with its leading letters (``improv``, ``side``), so a
dict from those letters to entries gives the few candidate entries of a word, for all
lists at once, and a word's candidates are remembered for the process. An entry's own
compiled regex is then tried only at its candidate positions. Entries that do not begin
with letters (``re:`` patterns, ``* …``) are located by one look-ahead scan of their own.

The result is exactly what ``compile_list(items).finditer(text)`` gives: the same
left-most match, the same choice between entries at one position (the first in list
order, plain entries before ``re:`` ones), the same non-overlapping sequence. Case is
folded the way the regex engine folds it (``ſ`` is ``s``, ``İ`` is ``i``), and a pattern
that can match the empty string falls back to the regex itself.
``tests/test_cue_match.py`` compares both on random text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

try:
    from _sre import unicode_tolower as _tolower
except ImportError:  # pragma: no cover - CPython has it

    def _tolower(code: int) -> int:
        return ord(chr(code).lower()[0])


try:
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - CPython 3.11+ has it
    _EXTRA_CASES = {}

# Where a plain entry can start: a word character not preceded by a word character,
# apostrophe or hyphen (the entries' own left boundary, see cues._BEFORE).
_WORD = re.compile(r"(?<![\w'\u2019-])\w+")
_WORD_CHAR = re.compile(r"\w")
_MAX_REMEMBERED_WORDS = 200_000
_MAX_REMEMBERED_TEXTS = 20_000


def fold(text: str) -> str:
    """Case-fold as the regex engine's IGNORECASE compares characters."""
    if text.isascii():
        return text.lower()
    out = []
    for ch in text:
        if ch.isdecimal():  # \d matches any decimal digit: fold "٣" to "3"
            out.append(str(unicodedata.decimal(ch)))
            continue
        low = _tolower(ord(ch))
        out.append(chr(min((low, *_EXTRA_CASES.get(low, ())))))
    return "".join(out)


def leading_literals(alternative: str, number_starts: Sequence[str]) -> list[str]:
    """The letters any match of one plain alternative must begin with ([] if unknown).

    ``improv*`` → ``improv``; ``tumou?r`` → ``tumo`` (the ``u`` is optional);
    ``# in #`` → the ways a number can begin (a digit, ``one``, ``a`` of "a dozen", ...).
    """
    if alternative.startswith("#"):
        return list(number_starts)
    end = 0
    while end < len(alternative) and _WORD_CHAR.match(alternative[end]):
        end += 1
    if end < len(alternative) and alternative[end] == "?":
        end -= 1  # "x?" makes the letter before it optional
    return [fold(alternative[:end])] if end > 0 else []


class CueSet:
    """Every cue list of one configuration, matched through one word index.

    ``lists`` maps a list name to ``(plain, scanned)``: its entries as compiled
    regexes in the order the combined pattern tries them, with, for plain ones,
    the leading letters of each; see :func:`contentci.cues.cue_set`.
    """

    def __init__(
        self,
        lists: dict[str, tuple[list[Callable[[], re.Pattern]], list[list[str] | None]]],
        fallback: Callable[[str], re.Pattern],
    ):
        self._fallback = fallback
        self._ids = {name: i for i, name in enumerate(lists)}
        self._entries: list[list[Callable[[], re.Pattern]]] = []
        self._compiled: list[list[re.Pattern | None]] = []
        self._scanned: list[list[int]] = []  # per list: ranks of entries without leading letters
        self._finders: list[re.Pattern | None] = []
        self._by_literal: dict[str, list[tuple[int, int]]] = {}
        for lid, (getters, literals) in enumerate(lists.values()):
            self._entries.append(getters)
            self._compiled.append([None] * len(getters))
            scanned = []
            for rank, lits in enumerate(literals):
                if not lits:
                    scanned.append(rank)
                    continue
                for lit in lits:
                    self._by_literal.setdefault(lit, []).append((lid, rank))
            self._scanned.append(scanned)
            self._finders.append(None)
        self._lengths = sorted({len(k) for k in self._by_literal})
        self._names = list(lists)
        self._always = frozenset(name for name, scanned in zip(self._names, self._scanned) if scanned)
        self._word_hits: dict[str, tuple[tuple[int, int], ...]] = {}
        self._texts: dict[str, tuple[dict[int, list[tuple[int, int]]], dict[int, list[re.Match]]]] = {}

    # -- public ------------------------------------------------------------------------------

    def finditer(self, name: str, text: str) -> list[re.Match]:
        """All non-overlapping matches of list ``name`` in ``text``, as the combined regex gives them."""
        lid = self._ids[name]
        hits, done, _ = self._texts.get(text) or self._index(text)
        found = done.get(lid)
        if found is None:
            word_hits = hits.get(lid)
            if word_hits is None and not self._scanned[lid]:
                return []  # no word of the text can start a match: the common case
            found = done[lid] = self._scan(lid, text, word_hits or (), 0)
        return found

    def has(self, name: str, text: str) -> bool:
        entry = self._texts.get(text) or self._index(text)
        return name in entry[2] and bool(self.finditer(name, text))

    def maybe(self, text: str) -> frozenset[str]:
        """Names of the lists that might match in ``text``; the others certainly do not.

        A set test is much cheaper than a call: callers asking about many lists of
        one sentence check this first.
        """
        return (self._texts.get(text) or self._index(text))[2]

    def search(self, name: str, text: str, pos: int = 0) -> re.Match | None:
        """The first match at or after ``pos`` (like ``pattern.search(text, pos)``)."""
        if pos <= 0:
            found = self.finditer(name, text)
            return found[0] if found else None
        pos = min(pos, len(text))
        lid = self._ids[name]
        hits = (self._texts.get(text) or self._index(text))[0]
        found = self._scan(lid, text, hits.get(lid, ()), pos, first_only=True)
        return found[0] if found else None

    def entries_with_candidates(self, name: str, text: str) -> list[int]:
        """Ranks of the entries of ``name`` that might match somewhere in ``text``."""
        lid = self._ids[name]
        hits = self._index(text)[0]
        ranks = {rank for _, rank in hits.get(lid, ())}
        ranks.update(self._scanned[lid])
        return sorted(ranks)

    def compiled(self, name: str, rank: int) -> re.Pattern:
        return self._pattern(self._ids[name], rank)

    # -- internals ---------------------------------------------------------------------------

    def _pattern(self, lid: int, rank: int) -> re.Pattern:
        pattern = self._compiled[lid][rank]
        if pattern is None:
            pattern = self._compiled[lid][rank] = self._entries[lid][rank]()
        return pattern

    def _index(self, text: str):
        entry = self._texts.get(text)
        if entry is None:
            if len(self._texts) >= _MAX_REMEMBERED_TEXTS:
                self._texts.clear()
            hits: dict[int, list[tuple[int, int]]] = {}
            remembered = self._word_hits
            for m in _WORD.finditer(text):
                word = m.group()
                found = remembered.get(word)
                if found is None:
                    if len(remembered) >= _MAX_REMEMBERED_WORDS:
                        remembered.clear()
                    found = remembered[word] = self._hits_for(word)
                if found:
                    start = m.start()
                    for lid, rank in found:
                        hits.setdefault(lid, []).append((start, rank))
            names = self._names
            maybe = self._always.union(names[lid] for lid in hits)
            entry = self._texts[text] = (hits, {}, maybe)
        return entry

    def _hits_for(self, word: str) -> tuple[tuple[int, int], ...]:
        folded = fold(word)
        by_literal = self._by_literal
        found: set[tuple[int, int]] = set()
        for n in self._lengths:
            if n > len(folded):
                break
            got = by_literal.get(folded[:n])
            if got:
                found.update(got)
        return tuple(sorted(found))

    def _finder(self, lid: int) -> re.Pattern:
        finder = self._finders[lid]
        if finder is None:
            sources = "|".join(f"(?:{self._pattern(lid, r).pattern})" for r in self._scanned[lid])
            finder = self._finders[lid] = re.compile(f"(?=(?:{sources}))", re.IGNORECASE)
        return finder

    def _scan(self, lid: int, text: str, word_hits, pos: int, first_only: bool = False) -> list[re.Match]:
        candidates = list(word_hits)
        scanned = self._scanned[lid]
        if scanned:
            candidates.extend((m.start(), rank) for m in self._finder(lid).finditer(text) for rank in scanned)
        if not candidates:
            return []
        candidates.sort()
        out: list[re.Match] = []
        end = pos
        for start, rank in candidates:
            if start < end:  # inside the previous match, or before ``pos``
                continue
            m = self._pattern(lid, rank).match(text, start)
            if m is None:
                continue
            if m.end() == start:  # an empty match: leave the subtle cases to the regex itself
                rest = self._fallback_matches(lid, text, pos)
                return rest[:1] if first_only else rest
            out.append(m)
            if first_only:
                return out
            end = m.end()
        return out

    def _fallback_matches(self, lid: int, text: str, pos: int) -> list[re.Match]:
        name = next(n for n, i in self._ids.items() if i == lid)
        return list(self._fallback(name).finditer(text, pos))
