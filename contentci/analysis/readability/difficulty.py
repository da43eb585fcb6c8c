"""Sentence difficulty: a small linear model of how hard a reader finds one sentence.

Syllable formulas rank single medical sentences poorly (Spearman ~0.3-0.5 against human
ratings on MedReadMe). What readers trip on is mostly *rare words*: this score adds word
rarity from a real frequency list (``data/word_zipf.txt``, built from ``wordfreq`` by
``eval/readability/build_word_zipf.py``), medical jargon (the jargon list, and medical word
parts such as ``-itis``, ``-ectomy``, ``immuno-``), abbreviations, numbers and brackets to
length and syllables. Capitalised words after the first are taken as names (of people,
places, institutions, drugs' brands) and count only towards length: a 15-word sentence
about a chairman at the Cleveland Clinic is not hard to read, however rare its names.

The weights (``data/sentence_difficulty.json``) are a ridge regression fitted by
``eval/readability/medreadme.py --fit`` on the MedReadMe train split (Jiang and Xu, EMNLP
2024), with its penalty chosen by cross-validation on train; the prediction is mapped to a
US school grade by a linear map fitted on train (the jargon-aware grade's mean and spread
there), so thresholds keep meaning school grades. Applied here in plain Python.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from operator import mul

from contentci.analysis.readability import syllables
from contentci.core.resources import read_text

# Zipf value given to a word missing from the table (which keeps Zipf >= 2.0).
UNLISTED_ZIPF = 1.5
RARE_ZIPF = 3.5  # about 3 in a million words: "stent", "lumen", "autoimmune"
VERY_RARE_ZIPF = 2.5  # "mesenchymal", "pharmacokinetics"
LONG_LETTERS = 10
# Word parts that mark medical and scientific terms (checked on lowercase words of 7+ letters).
_AFFIX_RE = re.compile(
    r"(?:itis|osis|oses|emia|aemia|ectomy|otomy|ostomy|plasty|scopy|pathy|ology|ologist|genic|genesis|"
    r"ase|ases|oma|omas|cyte|cytes|philia|phobia|plasia|trophy|algia|uria|lysis|kinetic|kinetics|"
    r"ergic|mab|nib|vir|azole|statin|mycin|cillin|oid|oids)\Z"
    r"|\A(?:immuno|cardio|neuro|hepat|nephr|gastro|haem|hema|hemo|onco|pharmaco|patho|myo|osteo|derm|"
    r"endo|intra|peri|hyper|hypo|epi|cyto|geno|histo|angio|broncho|pneumo|arthr|leuk|lymph|glyc|lipo|"
    r"bio|micro|macro|poly|mono|meta|sub|trans|inter|multi|anti)"
)
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]{1,5}s?\Z")
# Words for rare_words (the message only): letter runs with inner apostrophes, and numbers.
_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d[\d.,]*")

# Per-word sums, in this order (see word_vector).
WORD_FIELDS = (
    "words",
    "syllables",
    "polysyllables",
    "letters",
    "rarity",  # 6 - Zipf, floored at 0, in tenths (an integer, so sums stay exact)
    "rare",
    "very_rare",
    "unlisted",
    "acronyms",
    "names",  # capitalised words after the first: these count only in "words"
    "numbers",
    "jargon",
    "affixed",
    "long",
    "brackets",
    "commas",
)
_N = len(WORD_FIELDS)


class _ZipfTable:
    """``data/word_zipf.txt``: ``word\tzipf*10`` lines after a ``#`` header, as a :class:`SortedTable`."""

    def __init__(self, text: str):
        body = text[text.find("\n", text.rfind("\n#")) + 1 :] if text.startswith("#") else text
        self.table = syllables.SortedTable(body)

    def get(self, word: str) -> float | None:
        found = self.table.value(word)
        return None if found is None else int(found) / 10


@lru_cache(maxsize=1)
def zipf_table() -> _ZipfTable:
    return _ZipfTable(read_text("word_zipf.txt"))


def zipf(word: str) -> float:
    """The word's Zipf frequency (log10 of uses per billion words), ``UNLISTED_ZIPF`` if unlisted."""
    lower = word.lower().replace("\u2019", "'")
    z = zipf_table().get(lower)
    if z is None and lower.endswith("'s"):
        z = zipf_table().get(lower[:-2])
    return UNLISTED_ZIPF if z is None else z


def word_vector(word: str, jargon: frozenset[str], initial: bool = False) -> tuple[int, ...]:
    """One word's contribution to the sentence sums (``WORD_FIELDS``; brackets and commas 0).

    ``initial``: the sentence's first word, capitalised by position, so not taken as a name.
    """
    if word[0].isdigit():
        return (1, 1, 0, len(word), 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    acronym = _ACRONYM_RE.match(word) is not None
    if not acronym and not initial and word[0].isupper():
        return _NAME
    lower = word.lower()
    n = syllables.count(word)
    z = zipf(word)
    return (
        1,
        n,
        1 if n >= 3 else 0,
        len(word),
        max(0, round((6.0 - z) * 10)),
        1 if z < RARE_ZIPF else 0,
        1 if z < VERY_RARE_ZIPF else 0,
        1 if z == UNLISTED_ZIPF else 0,
        1 if acronym else 0,
        0,
        0,
        1 if lower in jargon else 0,
        1 if len(lower) >= 7 and _AFFIX_RE.search(lower) else 0,
        1 if len(word) >= LONG_LETTERS else 0,
        0,
        0,
    )


_NAME = (1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)


def features(sums) -> list[float]:
    """The model's inputs from a sentence's sums (``WORD_FIELDS`` order); ``words`` > 0.

    Length and the shares of abbreviations and numbers are per word; the rest per word that
    is not a name.
    """
    (words, syl, poly, letters, rarity, rare, very_rare, unlisted, acronyms, names, numbers, jargon, affixed,
     long, brackets, commas) = sums  # fmt: skip
    w = float(words)
    c = float(words - names) or 1.0
    return [
        math.log(w),
        syl / c,
        poly / c,
        letters / c,
        rarity / 10 / c,
        rare / c,
        very_rare / c,
        unlisted / c,
        math.log1p(rare),
        math.log1p(very_rare),
        acronyms / w,
        numbers / w,
        math.log1p(jargon),
        affixed / c,
        math.log1p(affixed),
        long / c,
        1.0 if brackets else 0.0,
        commas / w,
    ]


FEATURE_NAMES = (
    "log words",
    "syllables per word",
    "share of 3+ syllable words",
    "letters per word",
    "mean rarity (6 - Zipf)",
    "share rare (Zipf < 3.5)",
    "share very rare (Zipf < 2.5)",
    "share unlisted (Zipf < 2)",
    "log(1 + rare words)",
    "log(1 + very rare words)",
    "share all-caps abbreviations",
    "share numbers",
    "log(1 + jargon-list words)",
    "share words with medical word parts",
    "log(1 + words with medical word parts)",
    "share words of 10+ letters",
    "has brackets",
    "commas per word",
)


def rare_words(text: str) -> list[str]:
    """The words of ``text`` rarer than ``RARE_ZIPF`` that are not names or numbers, in order."""
    out = []
    for k, word in enumerate(_WORDS.findall(text)):
        if word[0].isdigit() or (k and word[0].isupper() and not _ACRONYM_RE.match(word)):
            continue
        if zipf(word) < RARE_ZIPF:
            out.append(word)
    return out


def punctuation_vector(text: str) -> tuple[int, ...]:
    """The brackets and commas fields of a text (all other fields 0)."""
    return (0,) * (_N - 2) + (text.count("(") + text.count("["), text.count(",") + text.count(";"))


def sentence_sums(text: str, words: list[str], jargon: frozenset[str], initial: int = 1) -> list[int]:
    """The ``WORD_FIELDS`` sums of one sentence (its words as ``scores.WORD_RE`` finds them).

    ``initial``: how many of the first words to take as sentence-initial (0 or 1).
    """
    sums = list(punctuation_vector(text))
    for k, word in enumerate(words):
        for i, v in enumerate(word_vector(word, jargon, k < initial)):
            sums[i] += v
    return sums


@lru_cache(maxsize=1)
def model() -> dict:
    return json.loads(read_text("sentence_difficulty.json"))


def predict(x: list[float]) -> float:
    """The fitted model's rating (MedReadMe's scale, about 1-6) for a feature vector."""
    m = model()
    return m["intercept"] + sum(w * v for w, v in zip(m["weights"], x))


@lru_cache(maxsize=1)
def _grade_coefficients() -> tuple[float, tuple[float, ...]]:
    """The grade map folded into the weights: grade = base + sum(weight x feature)."""
    m = model()
    offset, scale = m["grade"]["offset"], m["grade"]["scale"]
    return offset + scale * m["intercept"], tuple(scale * w for w in m["weights"])


def grade(x: list[float]) -> float:
    """The rating mapped to a US school grade (the linear map of ``data/sentence_difficulty.json``)."""
    base, weights = _grade_coefficients()
    return base + sum(map(mul, weights, x))
