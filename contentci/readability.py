"""Readability analysis: one pass of counts per sentence, every formula from the same counts.

Classic formulas (Flesch-Kincaid, SMOG, Gunning Fog, Coleman-Liau, ARI,
Dale-Chall) are computed from shared counts rather than by re-tokenising the text
once per formula. The headline ``grade`` is *jargon-aware*: it applies the
syllable and word-list formulas after counting medical jargon (package list
``data/medical_jargon.txt``, plus unknown all-capital abbreviations) as long,
unfamiliar words and familiar long words (``data/familiar_words.txt``, e.g.
"medication") as ordinary ones. ``eval/readability`` measures how well each
ranks labelled passages (see the README).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from contentci import sentences, syllables
from contentci.resources import word_set

# Words: dotted abbreviations ("U.S.") and web addresses count as one word each.
WORD_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:\.(?:gov|org|com|net|edu))+|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,]\d+)*%?"
)
ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]{1,5}s?\Z")
# Blocks that hold sentences; headings and table cells are labels, not sentences.
SCORED_KINDS = ("paragraph", "list_item", "blockquote")


@dataclass
class Counts:
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # 3+ syllables
    letters: int = 0
    difficult: int = 0  # not on the Dale-Chall list of familiar words
    adj_syllables: int = 0  # jargon-aware versions
    adj_polysyllables: int = 0
    adj_difficult: int = 0
    sentences: int = 0

    def add(self, other: "Counts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class SentenceScore:
    block: int  # index into doc.blocks
    start: int  # prose offsets in that block
    end: int
    counts: Counts
    long_words: list[str] = field(default_factory=list)
    jargon: list[str] = field(default_factory=list)

    @property
    def grade(self) -> float:
        return jargon_aware_grade(self.counts)


@dataclass
class Readability:
    counts: Counts
    sentences: list[SentenceScore]
    scores: dict[str, float]
    jargon: list[str]

    @property
    def grade(self) -> float:
        return self.scores["grade"]


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    text = resources.files("textstat").joinpath("resources/en/easy_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


def _is_easy(word: str, easy: frozenset[str]) -> bool:
    if word in easy:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", "")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in easy:
            return True
    return False


@dataclass(frozen=True)
class Vocabulary:
    jargon: frozenset[str]
    familiar: frozenset[str]
    acronyms: frozenset[str]


def vocabulary(extra_jargon=(), extra_familiar=()) -> Vocabulary:
    return Vocabulary(
        word_set("medical_jargon.txt") | {w.lower() for w in extra_jargon},
        word_set("familiar_words.txt") | {w.lower() for w in extra_familiar},
        word_set("common_acronyms.txt"),
    )


def count_sentence(text: str, vocab: Vocabulary, easy: frozenset[str]) -> tuple[Counts, list[str], list[str]]:
    c = Counts(sentences=1)
    long_words: list[str] = []
    jargon: list[str] = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        c.words += 1
        if word[0].isdigit():
            c.syllables += 1
            c.adj_syllables += 1
            c.letters += len(word)
            continue
        lower = word.lower()
        n = syllables.count(word)
        c.syllables += n
        c.letters += len(word)
        difficult = not _is_easy(lower, easy)
        c.difficult += difficult
        if n >= 3:
            c.polysyllables += 1
        is_jargon = lower in vocab.jargon or (
            ACRONYM_RE.match(word) is not None and lower.rstrip("s") not in vocab.acronyms and lower not in vocab.acronyms
        )
        if is_jargon:
            jargon.append(word)
            c.adj_syllables += max(n, 3)
            c.adj_polysyllables += 1
            c.adj_difficult += 1
        elif lower in vocab.familiar:
            c.adj_syllables += min(n, 2)
        else:
            c.adj_syllables += n
            c.adj_polysyllables += n >= 3
            c.adj_difficult += difficult
            if n >= 3:
                long_words.append(word)
    return c, long_words, jargon


# -- formulas (all from Counts) ------------------------------------------------------

def flesch_kincaid(c: Counts, adjusted: bool = False) -> float:
    syl = c.adj_syllables if adjusted else c.syllables
    return 0.39 * c.words / c.sentences + 11.8 * syl / c.words - 15.59


def flesch_reading_ease(c: Counts) -> float:
    return 206.835 - 1.015 * c.words / c.sentences - 84.6 * c.syllables / c.words


def smog(c: Counts, adjusted: bool = False) -> float:
    poly = c.adj_polysyllables if adjusted else c.polysyllables
    return 1.0430 * math.sqrt(poly * 30 / c.sentences) + 3.1291


def gunning_fog(c: Counts, adjusted: bool = False) -> float:
    poly = c.adj_polysyllables if adjusted else c.polysyllables
    return 0.4 * (c.words / c.sentences + 100 * poly / c.words)


def coleman_liau(c: Counts) -> float:
    return 0.0588 * (100 * c.letters / c.words) - 0.296 * (100 * c.sentences / c.words) - 15.8


def ari(c: Counts) -> float:
    return 4.71 * c.letters / c.words + 0.5 * c.words / c.sentences - 21.43


def dale_chall(c: Counts, adjusted: bool = False) -> float:
    difficult = c.adj_difficult if adjusted else c.difficult
    pct = 100 * difficult / c.words
    return 0.1579 * pct + 0.0496 * c.words / c.sentences + (3.6365 if pct > 5 else 0)


_DC_POINTS = ((4.9, 4.0), (5.9, 6.0), (6.9, 8.0), (7.9, 10.0), (8.9, 12.0), (9.9, 15.0), (11.0, 17.0))


def dale_chall_grade(score: float) -> float:
    """The Dale-Chall score's grade band, interpolated so that rankings stay smooth."""
    if score <= _DC_POINTS[0][0]:
        return _DC_POINTS[0][1] - (_DC_POINTS[0][0] - score)
    for (s0, g0), (s1, g1) in zip(_DC_POINTS, _DC_POINTS[1:]):
        if score <= s1:
            return g0 + (g1 - g0) * (score - s0) / (s1 - s0)
    return _DC_POINTS[-1][1] + (score - _DC_POINTS[-1][0])


def jargon_aware_grade(c: Counts) -> float:
    """The headline grade: jargon-aware Flesch-Kincaid, Gunning Fog and Dale-Chall grade, weighted 1:1:3.

    The weights were chosen on the odd-numbered half of ``eval/readability`` only;
    the even half is held out to report how well it ranks (see the README).
    """
    if not c.words or not c.sentences:
        return 0.0
    return (flesch_kincaid(c, True) + gunning_fog(c, True) + 3 * dale_chall_grade(dale_chall(c, True))) / 5


def scores(c: Counts) -> dict[str, float]:
    if not c.words or not c.sentences:
        return {"grade": 0.0}
    dc = dale_chall(c)
    out = {
        "grade": jargon_aware_grade(c),
        "flesch_kincaid_grade": flesch_kincaid(c),
        "flesch_reading_ease": flesch_reading_ease(c),
        "smog_index": smog(c),
        "gunning_fog": gunning_fog(c),
        "coleman_liau_index": coleman_liau(c),
        "automated_readability_index": ari(c),
        "dale_chall_score": dc,
        "dale_chall_grade": dale_chall_grade(dc),
    }
    return {k: round(v, 1) for k, v in out.items()}


def analyze(doc, extra_jargon: tuple = (), extra_familiar: tuple = ()) -> Readability:
    """Counts and scores for a document's scored prose (use via ``doc.memo``)."""
    vocab = vocabulary(extra_jargon, extra_familiar)
    easy = _easy_words()
    total = Counts()
    scored: list[SentenceScore] = []
    all_jargon: dict[str, str] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind not in SCORED_KINDS:
            continue
        for s in sentences.split(block.text):
            counts, long_words, jargon = count_sentence(s.text, vocab, easy)
            if not counts.words:
                continue
            total.add(counts)
            scored.append(SentenceScore(index, s.start, s.end, counts, long_words, jargon))
            for word in jargon:
                all_jargon.setdefault(word.lower(), word)
    return Readability(total, scored, scores(total), list(all_jargon.values()))
