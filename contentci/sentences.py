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
from dataclasses import dataclass
from functools import lru_cache

from contentci.resources import word_set

_END = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"(\S+)$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the block's prose text
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return word_set("abbreviations.txt")


def split(text: str) -> list[Sentence]:
    """Sentences of a prose block, as spans of ``text`` with surrounding space trimmed."""
    abbreviations = _abbreviations()
    out: list[Sentence] = []
    start = 0
    line_start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group() == "\n":
            line = text[line_start : m.start()]
            line_start = end
            if not _line_break_ends(line):
                continue
            end = m.start()
        elif not _is_boundary(text, m, abbreviations):
            continue
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _LETTER.search(text, start, end):
        out.append(Sentence(start, end, text[start:end]))


def _is_boundary(text: str, m: re.Match, abbreviations: frozenset[str]) -> bool:
    rest = text[m.end() :].lstrip()
    if not rest:
        return True
    nxt = rest[0]
    if nxt.islower():
        return False
    punct = m.group()
    if punct.startswith(".") and punct.rstrip("\"'\u2019\u201d)]") == ".":
        before = _WORD_BEFORE.search(text, 0, m.start())
        raw = before.group(1).lstrip("(\"'\u2018\u201c[") if before else ""
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
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", stripped)
    if not words or len(words) > 15:
        return False
    long_words = [w for w in words if len(w) >= 4]
    if not long_words:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.75
