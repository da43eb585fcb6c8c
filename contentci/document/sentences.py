"""Sentence splitting for prose blocks.

A rule-based splitter, fast enough for pre-commit: a period, question or
exclamation mark (with any closing quotes) followed by white space and a capital,
digit or quote ends a sentence, unless the word before it is a known
abbreviation (``Dr.``, ``e.g.``, ``U.S.``; list in ``data/abbreviations.txt``)
or a single initial. Decimals (``2.5 mg``) never split because no space follows
the point. A line break also ends a sentence after a colon or after a
title-like line (short, no final punctuation, mostly capitalised words), which
is how headings and list labels look in plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from contentci.core.resources import word_set

# A candidate end: a line break, or end punctuation with any closing quotes before white space;
# group 1 is the next non-space character (None at the end). Written to start with one character
# class so that ``re`` skips to candidates in C: ``[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s|$)|\n``.
_END = re.compile(r"[.!?\u2026\n](?:(?<=\n)|[.!?\u2026]*[\"'\u2019\u201d)\]]*(?=\s|$)(?:(?=\s*(\S)))?)")
_WORD_WINDOW = 256
_TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_LETTER = re.compile(r"[^\W\d_]")


class Sentence(NamedTuple):
    """A sentence: ``text`` is ``block_text[start:end]``.

    A named tuple rather than a frozen dataclass: an article has ~60 sentences and a
    frozen dataclass takes three times as long to make (each field set through
    ``object.__setattr__``). Immutable, hashable and compared by value, as before.
    """

    start: int  # offsets into the block's prose text
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return word_set("abbreviations.txt")


def split(text: str) -> list[Sentence]:
    """Sentences of a prose block, as spans of ``text`` with surrounding space trimmed."""
    return list(split_cached(text))


# Several analyses split the same blocks (readability, health): remember the latest blocks' answers.
_RECENT: dict[str, tuple[Sentence, ...]] = {}
_RECENT_CHARS = 0
_RECENT_LIMIT = 1_000_000  # characters of block text kept (an article needs ~5,000)


def split_cached(text: str) -> tuple[Sentence, ...]:
    """:func:`split` as a shared tuple: what analyses that only read the sentences call."""
    global _RECENT_CHARS
    found = _RECENT.get(text)
    if found is None:
        found = tuple(_split(text))
        if _RECENT_CHARS + len(text) > _RECENT_LIMIT:
            _RECENT.clear()
            _RECENT_CHARS = 0
        _RECENT[text] = found
        _RECENT_CHARS += len(text)
    return found


_CLOSERS = "\"'\u2019\u201d)]"


def _split(text: str) -> list[Sentence]:
    """One pass over the candidate ends; the boundary checks and trimming are written out
    in the loop (two function calls per candidate were a third of the time)."""
    abbreviations = _abbreviations()
    ends_after = _ENDS_AFTER
    out: list[Sentence] = []
    start = 0
    line_start = 0
    for m in _END.finditer(text):
        punct = m.group()
        if punct == "\n":
            end = m.start()
            line = text[line_start:end]
            line_start = end + 1
            if not _line_break_ends(line):
                continue
        else:
            # Is this a boundary? Look only near the match, never slice or scan the rest of the
            # block: linear time on a 10 MB line.
            nxt = m.group(1)
            if nxt is not None:  # (None: only white space follows, which always ends a sentence)
                if nxt.islower():
                    continue
                if punct.rstrip(_CLOSERS) == ".":  # a single point: after an abbreviation?
                    point = m.start()
                    floor = max(0, point - _WORD_WINDOW)
                    window = text[floor:point]
                    # The word before the point: the run of non-space characters that ends the window.
                    before = "" if not window or window[-1].isspace() else window.rsplit(None, 1)[-1]
                    # (A "word" over 256 characters is no abbreviation.)
                    if not (len(before) == point - floor and floor > 0 and not text[floor - 1].isspace()):
                        verdict = ends_after.get(before)
                        if verdict is None:
                            if len(ends_after) > 50_000:
                                ends_after.clear()
                            verdict = ends_after[before] = _ends_after(before, abbreviations)
                        if not verdict:
                            continue
            end = m.end()
        segment = text[start:end]
        stripped = segment.strip()  # str.strip() and str.isspace() agree on what white space is
        if stripped and (stripped[0].isalpha() or _LETTER.search(stripped)):  # (an alphabetic character is a letter)
            first = start + len(segment) - len(segment.lstrip())
            out.append(Sentence(first, first + len(stripped), stripped))
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    segment = text[start:end]
    stripped = segment.strip()
    if stripped and (stripped[0].isalpha() or _LETTER.search(stripped)):
        start += len(segment) - len(segment.lstrip())
        out.append(Sentence(start, start + len(stripped), stripped))


_ENDS_AFTER: dict[str, bool] = {}  # word before a point -> whether the point can end a sentence


def _ends_after(before: str, abbreviations: frozenset[str]) -> bool:
    raw = before.lstrip("(\"'\u2018\u201c[")
    word = raw.lower()
    if word in abbreviations and not (len(raw) > 1 and raw.isupper() and "." not in raw):  # "MS." is not "Ms."
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return False
    if "." in word and all(len(part) <= 2 for part in word.split(".")):  # "U.S", "a.m"
        return False
    return True


def _line_break_ends(line: str) -> bool:
    stripped = line.rstrip()
    if not stripped:
        return True
    if stripped[-1] in ":;":
        return True
    if stripped[-1] in ",-\u2013\u2014(":
        return False
    words = _TITLE_WORD.findall(stripped)
    if not words or len(words) > 15:
        return False
    long_words = [w for w in words if len(w) >= 4]
    if not long_words:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.75
