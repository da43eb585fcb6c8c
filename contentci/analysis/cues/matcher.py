"""Matching cue lists fast: find candidate words first, run an entry's regex only there.

One case-insensitive alternation of a whole cue list makes Python's regex engine try
every alternative at every character: about a hundred alternatives, at each position of
each sentence, for a dozen lists a sentence. That was ~90% of a health check's time.

Here each text is split into words once. An entry such as ``improv*`` or ``side effect*``
can only start where a word begins with its leading letters (``improv``, ``side``), so a
dict from those letters to entries gives the few candidate entries of a word, for all
lists at once, and a word's candidates are remembered for the process. One pass over a
text's words then gives every list's matches:

- a whole-word entry (``help``, ``improv*``, ``eas(e|es|ed)``) is decided from the word
  itself when no apostrophe or hyphen stands beside it: no regex runs;
- an entry of several words (``a few``, ``# in #``, ``not medical advice``) is ruled out by
  the next word in most places (``a`` followed by ``study``), decided once per word pair;
- what is left runs its entry's regex at that word, with only the alternatives the word
  can start (``improv*`` of ``help|improv*|relie*|...``), and not at all when the text
  lacks letters every match needs. Compiling whole entries was most of a one-file run.

Entries that do not begin with letters (``re:`` patterns, ``* …``) are located by one
look-ahead scan of their own, merged with the words' candidates.

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
from typing import NamedTuple

try:
    from _sre import unicode_tolower as _tolower
except ImportError:  # pragma: no cover - CPython has it

    def _tolower(code: int) -> int:
        return ord(chr(code).lower()[0])


try:
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - CPython 3.11+ has it
    _EXTRA_CASES = {}

# Where an indexed entry can start: a whole run of word characters (finditer of a greedy
# \w+ yields exactly the runs; a look-behind would only make it twice as slow). Plain
# entries also refuse a start after an apostrophe or hyphen: their own regex checks that.
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_DIGIT = re.compile(r"\d")
_MAX_REMEMBERED_WORDS = 200_000
_MAX_REMEMBERED_TEXTS = 2_000  # texts repeat within an article, rarely across: keep memory flat
_MAX_REMEMBERED_CHARS = 4_000_000  # ...and a few huge texts (a 10 MB one-line file) must not pile up


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


def leading_literals(alternative: str, number_words: Sequence[str]) -> list[tuple[str, bool]]:
    """How a word must begin for one plain alternative to match there ([] if unknown).

    Each item is ``(letters, whole)``: the word starts with ``letters``, or, when
    ``whole``, is exactly ``letters`` (what follows in the pattern is a space, a
    hyphen, the end: no further letter). ``improv*`` → ``("improv", False)``;
    ``side effect*`` → ``("side", True)``; ``tumou?r`` → ``("tumo", False)``;
    ``# in #`` → the ways a number can begin: a digit, ``one``, ``a`` of "a dozen", ...
    """
    if alternative.startswith("#"):
        whole = _ends_word(alternative, 1)
        out = [(d, False) for d in "0123456789"]
        for word in number_words:
            first = word.split()[0]
            out.append((fold(first), whole or first != word))
        return list(dict.fromkeys(out))
    end = 0
    while end < len(alternative) and _WORD_CHAR.match(alternative[end]):
        end += 1
    if end < len(alternative) and alternative[end] == "?":
        end -= 1  # "x?" makes the letter before it optional
        return [(fold(alternative[:end]), False)] if end > 0 else []
    return [(fold(alternative[:end]), _ends_word(alternative, end))] if end > 0 else []


def _ends_word(alternative: str, i: int) -> bool:
    """Can no letter follow at ``alternative[i]``? (the end, a space, a hyphen or other literal)"""
    return i >= len(alternative) or alternative[i] not in "*?(#\\"


def raw_literals(source: str) -> list[tuple[str, bool]] | None:
    """Like :func:`leading_literals` for a ``re:`` entry, from its parsed regex (None if unknown).

    Only for a regex whose match must begin at a word boundary with known letters or a
    digit: ``\\b(study|trial)\\s+of`` → ``[("study", False), ("trial", False)]``;
    ``\\b\\d+%`` → the ten digits. Anything else (``\\(source``, ``[$£€]\\d``) is scanned.
    """
    try:
        from re import _constants as C
        from re import _parser

        items = list(_parser.parse(source, re.IGNORECASE).data)
    except Exception:  # a private API: without it, the entry is scanned (still exact)
        return None
    repeats = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
    space = [(C.CATEGORY, C.CATEGORY_SPACE)]

    def ends_word(rest: list) -> bool:
        """Must a non-word character (or a boundary) follow the letters? Then the word is exactly
        them: ``\\b(a|an)\\s+median`` starts only at the words "a" and "an", not "about"."""
        if not rest:
            return False
        op, av = rest[0]
        if op in repeats and av[0] >= 1 and len(av[2]) == 1:
            op, av = list(av[2])[0]
        if op is C.LITERAL:
            return not _WORD_CHAR.match(chr(av))
        if op is C.IN:
            return av == space
        return op is C.AT and av is C.AT_BOUNDARY

    def lead(seq: list, bounded: bool) -> list[tuple[str, bool]] | None:
        for i, (op, av) in enumerate(seq):
            if op is C.AT:
                if av not in (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING):
                    return None
                bounded = True
            elif op in (C.ASSERT, C.ASSERT_NOT):
                continue  # zero width
            elif op is C.SUBPATTERN:
                if av[-1].getwidth()[0] == 0:
                    return None
                return lead(list(av[-1]) + seq[i + 1 :], bounded)  # what follows the group decides ``whole``
            elif op is C.BRANCH:
                out: list[tuple[str, bool]] = []
                for branch in av[1]:
                    got = lead(list(branch) + seq[i + 1 :], bounded)
                    if got is None:
                        return None
                    out.extend(got)
                return out
            elif not bounded:
                return None
            elif op is C.LITERAL:
                run = ""
                for op2, av2 in seq[i:]:
                    if op2 is not C.LITERAL or not _WORD_CHAR.match(chr(av2)):
                        break
                    run += chr(av2)
                return [(fold(run), ends_word(seq[i + len(run) :]))] if run else None
            elif op is C.IN and av == [(C.CATEGORY, C.CATEGORY_DIGIT)]:
                return [(d, False) for d in "0123456789"]
            elif op in repeats and av[0] >= 1:
                return lead(list(av[2]), bounded)
            else:
                return None
        return None

    return lead(items, False)


DIGIT = "\\d"  # a requirement member: any decimal digit
_EDGES = "'-\u2019"  # next to a word, these change what a whole-word entry matches there
_UNKNOWN = object()  # a part's word tests, not yet looked up
_SURE = -1  # a step: the word itself is the match


class WordInfo(NamedTuple):
    """What a word can start, for every list (made once per word; see :meth:`CueSet._hits_for`)."""

    windowed: bool  # are some candidates ruled in or out by the next word?
    sure: tuple[int, ...]  # lists the word itself matches (no apostrophe or hyphen beside it)
    unsure: tuple[tuple[int, tuple[int, ...]], ...]  # (list, parts whose regexes decide, in order)
    every: tuple[tuple[int, tuple[int, ...]], ...]  # (list, every candidate part): beside an apostrophe
    candidates: dict[int, tuple[tuple[int, int], ...]]  # list -> ((entry rank, part), ...)


class _Hits(list):
    """A list's matches as the word pass records them: ``(start, end)`` of a word, or a ``re.Match``."""


class WordMatch:
    """A match that is one whole word, found without its regex: what ``re.Match`` offers callers."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self, group: int = 0) -> int:
        return self._start

    def end(self, group: int = 0) -> int:
        return self._end

    def span(self, group: int = 0) -> tuple[int, int]:
        return self._start, self._end

    def group(self, group: int = 0) -> str:
        return self.string[self._start : self._end]

    __getitem__ = group

    def __repr__(self) -> str:
        return f"<WordMatch span=({self._start}, {self._end}), match={self.group()!r}>"


def requirements(source: str) -> list[frozenset[str]]:
    """Substrings a match of regex ``source`` must contain, as "one of these" sets (all must hold).

    ``\\b(cuts?|reduces?)\\b.{0,40}\\bby\\s+\\d`` → ``[{"cut", "reduce"}, {"by"}, {DIGIT}]``: a
    sentence without "by" cannot match, so the regex is not run on it. Folded as
    :func:`fold` folds. [] when nothing is certain (then the regex always runs).
    """
    try:
        from re import _constants as C
        from re import _parser

        parsed = _parser.parse(source, re.IGNORECASE)
    except Exception:  # a private API: without it, every text is scanned (still exact)
        return []

    def sequence(items) -> list[frozenset[str]]:
        out: list[frozenset[str]] = []
        run: list[str] = []

        def flush():
            if run:
                out.append(frozenset([fold("".join(run))]))
                run.clear()

        for op, av in items:
            if op is C.LITERAL:
                run.append(chr(av))
                continue
            flush()
            if op is C.SUBPATTERN:
                out.extend(sequence(av[-1]))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
                out.extend(sequence(av[2]))
            elif op is C.BRANCH:
                options: set[str] = set()
                for branch in av[1]:
                    reqs = sequence(branch)
                    if not reqs:
                        break
                    options |= max(reqs, key=lambda r: min(len(x) for x in r))
                else:
                    out.append(frozenset(options))
            elif op is C.IN:
                if av == [(C.CATEGORY, C.CATEGORY_DIGIT)]:
                    out.append(frozenset([DIGIT]))
                elif all(o is C.LITERAL for o, _ in av):
                    out.append(frozenset(fold(chr(a)) for _, a in av))
            elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue  # zero width: requires nothing of the text
            else:
                run.clear()  # any other item breaks a literal run
        flush()
        return out

    return sequence(parsed.data)


def meets(reqs: list[frozenset[str]], folded: str, has_digit: bool) -> bool:
    """Does text (folded, and whether it has a digit) contain one of each set in ``reqs``?"""
    for one_of in reqs:  # loops, not all(any(...)): this runs for every sentence
        if has_digit and DIGIT in one_of:
            continue
        for x in one_of:
            if x in folded:  # (DIGIT itself is "\\d": found only in text that says \\d, a harmless extra scan)
                break
        else:
            return False
    return True


def _meets_memo(reqs: list[frozenset[str]], folded: tuple[str, bool, dict]) -> bool:
    """:func:`meets`, remembering each "one of these" set's answer for the text (parts share them)."""
    text, has_digit, answers = folded
    for one_of in reqs:
        ok = answers.get(one_of)
        if ok is None:
            ok = answers[one_of] = (has_digit and DIGIT in one_of) or any(x in text for x in one_of)
        if not ok:
            return False
    return True


class CueSet:
    """Every cue list of one configuration, matched through one word index.

    ``lists`` maps a list name to ``(compilers, literals, needs, tests, shapes)``: per entry,
    in the order the combined pattern tries them, a function compiling its regex (``f()``:
    the whole entry; ``f(alternatives)``: only those of its alternatives, by index); the
    leading letters a match must begin with, as ``(letters, whole word, alternative)``
    (alternative None: the whole entry; literals None: the entry is found by a scan); and
    functions giving, per alternative, letters any match of it contains besides its leading
    ones (``# people`` needs ``people``), its whole-word test (:func:`contentci.analysis.cues.patterns.word_test`)
    and its word shapes (:func:`contentci.analysis.cues.patterns.word_shapes`), or None. ``may_start`` reads
    shapes (:func:`contentci.analysis.cues.patterns.may_start`). See :func:`contentci.analysis.cues.patterns.cue_set`.
    """

    def __init__(
        self,
        lists: dict[
            str,
            tuple[
                list[Callable[..., re.Pattern]],
                list[list[tuple[str, bool, int | None]] | None],
                list[Callable[[], list[tuple[str, ...]] | None]],
                list[Callable[[], tuple | None]],
                list[Callable[[], tuple | None]],
            ],
        ],
        fallback: Callable[[str], re.Pattern],
        remember_texts: int = _MAX_REMEMBERED_TEXTS,
        window_tests: tuple[Callable[..., bool], Callable[..., int | None]] | None = None,
    ):
        self._fallback = fallback
        self._ids = {name: i for i, name in enumerate(lists)}
        self._entries: list[list[Callable[..., re.Pattern]]] = []
        self._compiled: list[list[re.Pattern | None]] = []
        self._scanned: list[list[int]] = []  # per list: ranks of entries without leading letters
        self._finders: dict[tuple[int, tuple[int, ...]], re.Pattern] = {}
        # letters -> (list id, entry rank, alternative) of the entries a word with them can start
        self._by_literal: dict[str, list[tuple[int, int, int | None]]] = {}  # word starts with them
        self._by_word: dict[str, list[tuple[int, int, int | None]]] = {}  # word is exactly them
        # The (list id, rank, alternatives) a word can start, numbered; their patterns, lazily.
        self._part_ids: dict[tuple[int, int, tuple[int, ...] | None], int] = {}
        self._parts: list[tuple[int, int, tuple[int, ...] | None]] = []
        self._part_patterns: list[re.Pattern | None] = []
        # per part: ((alternative, letters it needs), ...) when some alternative needs any, else None
        self._part_needs: list[tuple[tuple[int, tuple[str, ...]], ...] | None] = []
        self._needs: list[list[Callable[[], list[tuple[str, ...]] | None]]] = []
        self._tests: list[list[Callable[[], tuple | None]]] = []
        # per part: its alternatives' word tests when every one has a test (see _word_decides), else None
        self._part_tests: list[tuple | None] = []
        self._shapes: list[list[Callable[[], tuple | None]]] = []
        # per part: its alternatives' word shapes when every one has them (see _window_steps), else None
        self._part_shapes: list[tuple | None] = []
        # per part without letters it needs: substrings its regex needs (see requirements), lazily
        self._part_reqs: list = []
        # (may_start, pair_length) of contentci.analysis.cues.patterns: what the next word rules out, or makes certain
        self._window_tests = window_tests
        for lid, (getters, literals, needs, tests, shapes) in enumerate(lists.values()):
            self._entries.append(getters)
            self._needs.append(needs)
            self._tests.append(tests)
            self._shapes.append(shapes)
            self._compiled.append([None] * len(getters))
            scanned = []
            for rank, lits in enumerate(literals):
                if not lits:
                    scanned.append(rank)
                    continue
                for lit, whole, alternative in lits:
                    (self._by_word if whole else self._by_literal).setdefault(lit, []).append((lid, rank, alternative))
            self._scanned.append(scanned)
        self._requirements: list[list[list[frozenset[str]]] | None] = [None] * len(self._scanned)
        self._lengths = sorted({len(k) for k in self._by_literal})
        self._names = list(lists)
        self._always = frozenset(name for name, scanned in zip(self._names, self._scanned) if scanned)
        self._word_hits: dict[str, tuple[tuple[int, tuple[int, ...] | None, tuple[int, ...], tuple], ...]] = {}
        # text -> [matches by list (lists with none left out), names that may match, (folded,
        #          has a digit, answers about substrings), scanned lists merged]
        self._texts: dict[str, list] = {}
        # a word and the next (with what stands between) -> its candidates that may match there
        self._windows: dict[str, tuple] = {}
        self._text_chars = 0
        self._remember_texts = remember_texts  # texts kept: sentences repeat within an article

    # -- public ------------------------------------------------------------------------------

    def finditer(self, name: str, text: str) -> list[re.Match]:
        """All non-overlapping matches of list ``name`` in ``text``, as the combined regex gives them."""
        return self._matches(self._ids[name], text)

    def has(self, name: str, text: str) -> bool:
        lid = self._ids[name]
        if lid in (self._texts.get(text) or self._index(text))[0]:
            return True  # a match at a word (merging a scanned entry's matches keeps one)
        return bool(self._scanned[lid]) and bool(self._matches(lid, text))

    def maybe(self, text: str) -> frozenset[str]:
        """Names of the lists that might match in ``text``; the others certainly do not.

        A set test is much cheaper than a call: callers asking about many lists of
        one sentence check this first.
        """
        entry = self._texts.get(text) or self._index(text)
        if entry[1] is None:
            names = self._names
            entry[1] = self._always.union([names[lid] for lid in entry[0]])
        return entry[1]

    def candidates(self, names: Sequence[str], texts: Sequence[str]) -> dict[str, list[int]]:
        """For each list in ``names``, the indexes of the ``texts`` it might match (as :meth:`maybe`).

        For a caller asking a few lists about every sentence of a document: one set
        intersection a text instead of a set of names built per text.
        """
        wanted = {self._ids[name]: name for name in names}
        out: dict[str, list[int]] = {name: [] for name in names}
        scanned = [name for lid, name in wanted.items() if self._scanned[lid]]
        for i, text in enumerate(texts):
            for lid in (self._texts.get(text) or self._index(text))[0].keys() & wanted.keys():
                out[wanted[lid]].append(i)
        for name in scanned:  # entries without leading letters: any text might match
            out[name] = list(range(len(texts)))
        return out

    def search(self, name: str, text: str, pos: int = 0) -> re.Match | None:
        """The first match at or after ``pos`` (like ``pattern.search(text, pos)``)."""
        if pos <= 0:
            found = self.finditer(name, text)
            return found[0] if found else None
        pos = min(pos, len(text))
        lid = self._ids[name]
        found = self._scan(lid, text, self._word_candidates(lid, text), pos, first_only=True)
        return found[0] if found else None

    def entries_with_candidates(self, name: str, text: str) -> list[int]:
        """Ranks of the entries of ``name`` that might match somewhere in ``text``."""
        lid = self._ids[name]
        ranks = {rank for _, parts in self._word_candidates(lid, text) for rank, _ in parts}
        ranks.update(self._scanned[lid])
        return sorted(ranks)

    def compiled(self, name: str, rank: int) -> re.Pattern:
        return self._pattern(self._ids[name], rank)

    # -- internals ---------------------------------------------------------------------------

    def _matches(self, lid: int, text: str) -> list:
        entry = self._texts.get(text) or self._index(text)
        if self._scanned[lid]:
            self._scanned_matches(lid, text, entry)
        found = entry[0].get(lid)
        if found is None:
            return []  # no match: the common case
        if found.__class__ is _Hits:  # as the word pass left it: match objects made when first asked
            found = entry[0][lid] = [WordMatch(text, *hit) if hit.__class__ is tuple else hit for hit in found]
        return found

    def _scanned_matches(self, lid: int, text: str, entry: list) -> None:
        """Matches of a list with entries found by scanning (entries that may start anywhere).

        The word pass gave its word matches; when the text has what a scanned entry needs,
        every candidate is merged again with the scan's.
        """
        found = entry[0]
        resolved = entry[3]
        if resolved is None:
            resolved = entry[3] = set()
        if lid not in resolved:
            resolved.add(lid)
            if self._live(lid, text):
                got = self._scan(lid, text, self._word_candidates(lid, text), 0)
                if got:
                    found[lid] = got
                else:
                    found.pop(lid, None)

    def _pattern(self, lid: int, rank: int) -> re.Pattern:
        pattern = self._compiled[lid][rank]
        if pattern is None:
            pattern = self._compiled[lid][rank] = self._entries[lid][rank]()
        return pattern

    def _index(self, text: str):
        """Every list's matches in ``text`` (see ``self._texts``), from one pass over its words."""
        entry = self._texts.get(text)
        if entry is not None:
            return entry
        if len(self._texts) >= self._remember_texts or self._text_chars > _MAX_REMEMBERED_CHARS:
            self._texts.clear()
            self._text_chars = 0
        self._text_chars += len(text)
        # Every list's matches from the text's words, in one pass: a word whose entries are
        # decided by the word alone adds its match; the others run their regexes here.
        found: dict[int, list] = {}  # per list: (start, end) of a word match, or a re.Match
        ends: dict[int, int] = {}  # per list, the end of its last match that ran past its word
        remembered = self._word_hits
        size = len(text)
        folded = None
        fallback = None
        # An apostrophe or hyphen next to a word changes what its entries match: there, every
        # candidate goes through its regex, as the words' decisions assume a plain edge.
        edgy = "'" in text or "-" in text or "\u2019" in text
        windows = self._windows
        search = _WORD.search
        for m in _WORD.finditer(text):
            info = remembered.get(m[0])
            if not info:
                if info is not None:
                    continue  # no list can match at this word: the common case
                if len(remembered) >= _MAX_REMEMBERED_WORDS:
                    remembered.clear()
                info = remembered[m[0]] = self._hits_for(m[0])
                if not info:
                    continue
            start, stop = m.span()
            if edgy and ((start and text[start - 1] in _EDGES) or (stop < size and text[stop] in _EDGES)):
                unsure = info.every  # beside an apostrophe or hyphen: every candidate through its regex
                sure = ()
            else:
                if info.windowed:
                    # Entries of several words: the next word rules most of them out. The key
                    # runs to the character after it, which decides what a two-word entry matches.
                    following = search(text, stop)
                    key = text[start : following.end() + 1] if following else text[start:]
                    narrowed = windows.get(key)
                    if narrowed is None:
                        if len(windows) >= _MAX_REMEMBERED_WORDS:
                            windows.clear()
                        narrowed = windows[key] = self._window(
                            info, m[0], key, stop - start, following and (following.start() - start, following[0])
                        )
                    info = narrowed
                sure, unsure = info.sure, info.unsure
            for lid in sure:
                if ends and start < ends.get(lid, 0):
                    continue  # inside this list's previous match
                hits = found.get(lid)
                if hits is None:
                    found[lid] = _Hits(((start, stop),))
                else:
                    hits.append((start, stop))
            for lid, steps in unsure:
                if ends and start < ends.get(lid, 0):
                    continue
                if folded is None:
                    folded = (fold(text), _DIGIT.search(text) is not None, {})
                hit = self._first(steps, text, start, stop, folded)
                if hit is None:
                    continue
                end = hit[1] if hit.__class__ is tuple else hit.end()
                if end == start:  # an empty match: leave the subtle cases to the regex itself
                    fallback = fallback or set()
                    fallback.add(lid)
                    continue
                if end > stop:
                    ends[lid] = end
                hits = found.get(lid)
                if hits is None:
                    found[lid] = _Hits((hit,))
                else:
                    hits.append(hit)
        for lid in fallback or ():
            found[lid] = self._fallback_matches(lid, text, 0)
            if not found[lid]:
                del found[lid]
        entry = self._texts[text] = [found, None, folded, None]  # names (and folded text): lazily
        return entry

    def _first(self, steps: tuple[int, ...], text: str, start: int, stop: int, folded: tuple[str, bool, dict]):
        """The first of these parts' regexes to match at ``start``, in order, or None.

        ``_SURE`` in ``steps``: the word itself (``start`` to ``stop``) matches there. A part
        is skipped when the text lacks what it needs (letters, or a regex's substrings);
        ``folded`` is the text folded, whether it has a digit, and those answers so far.
        """
        patterns, part_needs = self._part_patterns, self._part_needs
        for part in steps:
            if part < 0:  # decided where the word and the next were read: -1 the word, -2 - n two words
                return (start, stop) if part == _SURE else (start, start - 2 - part)
            needs = part_needs[part]
            if needs is None:
                reqs = self._part_reqs[part]
                if reqs is _UNKNOWN:
                    reqs = self._part_reqs[part] = requirements(self._part_pattern(part).pattern) or None
                if reqs is not None and not _meets_memo(reqs, folded):
                    continue
            else:
                answers = folded[2]
                alts = []
                for alt, letters in needs:
                    ok = answers.get(letters)
                    if ok is None:
                        ok = answers[letters] = all(x in folded[0] for x in letters)
                    if ok:
                        alts.append(alt)
                if not alts:
                    continue
                if len(alts) < len(needs):
                    lid, rank, _ = self._parts[part]
                    part = self._part_id(lid, rank, alts)
            m = (patterns[part] or self._part_pattern(part)).match(text, start)
            if m is not None:
                return m
        return None

    def _word_candidates(self, lid: int, text: str) -> list[tuple[int, tuple[tuple[int, int], ...]]]:
        """``(start, ((entry rank, part), ...))`` of each word of ``text`` that may start list ``lid``."""
        out = []
        remembered = self._word_hits
        for m in _WORD.finditer(text):
            info = remembered.get(m[0])
            if info is None:
                info = remembered[m[0]] = self._hits_for(m[0])
            parts = info.candidates.get(lid) if info else None
            if parts:
                out.append((m.start(), parts))
        return out

    def _hits_for(self, word: str) -> WordInfo | tuple[()]:
        """What ``word`` may start in every list (``()``: nothing), decided as far as the word allows.

        A part is the alternatives of one entry that the word can start; only they are
        compiled and tried there (the others cannot match at this word).
        """
        folded = fold(word)
        by_literal = self._by_literal
        found: set[tuple[int, int, int | None]] = set(self._by_word.get(folded, ()))
        for n in self._lengths:
            if n > len(folded):
                break
            got = by_literal.get(folded[:n])
            if got:
                found.update(got)
        alternatives: dict[tuple[int, int], set[int | None]] = {}
        for lid, rank, alternative in found:
            alternatives.setdefault((lid, rank), set()).add(alternative)
        by_list: dict[int, list[tuple[int, int]]] = {}
        for (lid, rank), alts in sorted(alternatives.items()):
            by_list.setdefault(lid, []).append((rank, self._part_id(lid, rank, alts)))
        sure, unsure, every, candidates = [], [], [], {}
        for lid, parts in by_list.items():
            tried = tuple(part for _, part in parts)
            steps = self._word_decides(word, tried)
            if steps == ():
                continue  # no entry of this list matches this word, whatever surrounds it
            if steps is None:
                sure.append(lid)
            else:
                unsure.append((lid, steps))
            every.append((lid, tried))
            candidates[lid] = tuple(parts)
        if not every:
            return ()
        windowed = bool(unsure) and word.isascii() and self._window_tests is not None
        return WordInfo(windowed, tuple(sure), tuple(unsure), tuple(every), candidates)

    def _window(self, info: WordInfo, word: str, key: str, length: int, following: tuple[int, str] | None) -> WordInfo:
        """``info`` of ``word`` narrowed by what follows it: ``key`` is the text from the word to
        just after the next word (or to the end), ``following`` that word's offset in ``key`` and
        text (None: there is none)."""
        if not key.isascii():
            return info._replace(windowed=False)
        if following is None:
            sep, after, following = key[length:], "", None
        else:
            offset, following = following
            sep, after = key[length:offset], key[offset + len(following) :]
        sure, unsure = list(info.sure), []
        for lid, steps in info.unsure:
            steps = self._window_steps(word, steps, sep, following, after)
            if steps == (_SURE,):
                sure.append(lid)
            elif steps:
                unsure.append((lid, steps))
        return info._replace(windowed=False, sure=tuple(sure), unsure=tuple(unsure))

    def _window_steps(self, word: str, steps: tuple, sep: str, following: str | None, after: str) -> tuple:
        """The parts of ``steps`` that may match at ``word`` with ``sep`` and ``following`` after it.

        A whole-word part decides there (``_SURE`` ends the steps when it matches); a part of
        longer alternatives is dropped when none of them can start so (``cues.may_start``), and
        ends the steps with the pair's length when its first live alternative is a pair of
        words that certainly matches (``cues.pair_length``; a step ``-2 - length``).
        """
        out: list = []
        lowered = word.lower()
        may_start, pair_length = self._window_tests
        for part in steps:
            tests = self._part_test(part)
            if tests is not None:
                for case_sensitive, words, prefixes in tests:
                    w = word if case_sensitive else lowered
                    if w in words or w.startswith(prefixes):
                        out.append(_SURE)
                        return tuple(out)
                continue
            shapes = self._part_shape(part)
            if shapes is None:
                out.append(part)
                continue
            for alternative in shapes:  # in the order the part's regex tries them
                if may_start(alternative, word, sep, following):
                    length = pair_length(alternative, word, sep, following, after)
                    if length is not None:
                        out.append(-2 - length)
                        return tuple(out)
                    out.append(part)
                    break
        return tuple(out)

    def _part_shape(self, part: int) -> tuple | None:
        """The word shapes of a part's alternatives, or None when one of them has none."""
        shapes = self._part_shapes[part]
        if shapes is _UNKNOWN:
            lid, rank, alts = self._parts[part]
            every = self._shapes[lid][rank]() if alts is not None else None
            chosen = None if every is None else [every[a] for a in alts]
            shapes = self._part_shapes[part] = None if chosen is None or None in chosen else tuple(chosen)
        return shapes

    def _word_decides(self, word: str, parts: tuple[int, ...]) -> tuple[int, ...] | None:
        """What list's candidate ``parts`` (in the order tried) give at ``word`` with plain edges.

        None: a match, the word itself. ``()``: no match. Otherwise the parts whose regexes
        must decide, in order. The combined regex tries the parts in this order and takes the
        first that matches; a part of whole-word alternatives (:func:`contentci.analysis.cues.patterns.word_test`)
        is decided here, for an ASCII word: with no apostrophe, hyphen or letter on either side
        its regex matches the word, whole, exactly when one of its words or prefixes does.
        """
        ascii_word = word.isascii()
        lowered = word.lower()
        for i, part in enumerate(parts):
            tests = self._part_test(part) if ascii_word else None
            if tests is None:
                return parts[i:]  # this part's regex decides, and the ones after it if it fails
            for case_sensitive, words, prefixes in tests:
                w = word if case_sensitive else lowered
                if w in words or w.startswith(prefixes):
                    return None
        return ()

    def _part_test(self, part: int) -> tuple | None:
        """The word tests of a part's alternatives, or None when one of them has none."""
        tests = self._part_tests[part]
        if tests is _UNKNOWN:
            lid, rank, alts = self._parts[part]
            every = self._tests[lid][rank]() if alts is not None else None
            chosen = None if every is None else [every[a] for a in alts]
            tests = self._part_tests[part] = None if chosen is None or None in chosen else tuple(chosen)
        return tests

    def _part_id(self, lid: int, rank: int, alts) -> int:
        """The number of the part of entry ``rank`` made of alternatives ``alts`` (None in it: all)."""
        key = (lid, rank, None if alts is None or None in alts else tuple(sorted(alts)))
        part = self._part_ids.get(key)
        if part is None:
            part = self._part_ids[key] = len(self._parts)
            self._parts.append(key)
            self._part_patterns.append(None)
            self._part_tests.append(_UNKNOWN)
            self._part_shapes.append(_UNKNOWN)
            self._part_reqs.append(_UNKNOWN)
            needs = self._needs[lid][rank]() if key[2] is not None else None
            self._part_needs.append(
                tuple((alt, needs[alt]) for alt in key[2]) if needs and any(needs[alt] for alt in key[2]) else None
            )
        return part

    def _narrow(self, part: int, text: str) -> int | None:
        """The part with only the alternatives whose needed letters ``text`` has (None: none has).

        ``# people|# patients|...`` is a candidate at every number; in a sentence without
        "people" or "patients" those alternatives cannot match, so they are not compiled.
        """
        entry = self._texts.get(text) or self._index(text)
        if entry[2] is None:
            entry[2] = (fold(text), _DIGIT.search(text) is not None, {})
        folded = entry[2][0]
        alts = []
        for alt, needs in self._part_needs[part]:
            for letters in needs:
                if letters not in folded:
                    break
            else:
                alts.append(alt)
        if not alts:
            return None
        lid, rank, _ = self._parts[part]
        return self._part_id(lid, rank, alts)

    def _part_pattern(self, part: int) -> re.Pattern:
        pattern = self._part_patterns[part]
        if pattern is None:
            lid, rank, alts = self._parts[part]
            pattern = self._pattern(lid, rank) if alts is None else self._entries[lid][rank](alts)
            self._part_patterns[part] = pattern
        return pattern

    def _finder(self, lid: int, ranks: tuple[int, ...]) -> re.Pattern:
        """One look-ahead scan giving every position where one of these entries matches."""
        finder = self._finders.get((lid, ranks))
        if finder is None:
            sources = "|".join(f"(?:{self._pattern(lid, r).pattern})" for r in ranks)
            finder = self._finders[(lid, ranks)] = re.compile(f"(?=(?:{sources}))", re.IGNORECASE)
        return finder

    def _live(self, lid: int, text: str) -> tuple[int, ...]:
        """The scanned entries of list ``lid`` whose required substrings ``text`` has."""
        reqs = self._requirements[lid]
        if reqs is None:
            reqs = self._requirements[lid] = [requirements(self._pattern(lid, r).pattern) for r in self._scanned[lid]]
        entry = self._texts.get(text) or self._index(text)
        if entry[2] is None:
            entry[2] = (fold(text), _DIGIT.search(text) is not None, {})
        folded = entry[2]
        return tuple(rank for rank, req in zip(self._scanned[lid], reqs) if _meets_memo(req, folded))

    def _scan(self, lid: int, text: str, word_hits, pos: int, first_only: bool = False) -> list[re.Match]:
        # (start, entry rank, part): sorted, a position's entries are tried in list order
        candidates = [(start, rank, part) for start, parts in word_hits for rank, part in parts]
        if self._scanned[lid]:
            live = self._live(lid, text)
            if live:
                whole = [(rank, self._part_id(lid, rank, None)) for rank in live]
                candidates.extend(
                    (m.start(), rank, part) for m in self._finder(lid, live).finditer(text) for rank, part in whole
                )
        if not candidates:
            return []
        candidates.sort()
        out: list[re.Match] = []
        end = pos
        patterns, part_needs, narrowed = self._part_patterns, self._part_needs, {}
        for start, _rank, part in candidates:
            if start < end:  # inside the previous match, or before ``pos``
                continue
            if part_needs[part] is not None:
                if part not in narrowed:
                    narrowed[part] = self._narrow(part, text)
                part = narrowed[part]
                if part is None:
                    continue
            m = (patterns[part] or self._part_pattern(part)).match(text, start)
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
        return list(self._fallback(self._names[lid]).finditer(text, pos))
