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

import importlib.util
import math
import re
import struct
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

from contentci.document import sentences
from contentci.analysis.readability import difficulty, syllables
from contentci.core.resources import word_set

# Words: dotted abbreviations ("U.S.") and web addresses count as one word each.
WORD_RE = re.compile(
    # (Same matches as trying "U.S.", "nih.gov" and "word's" as three alternatives; the lookahead and
    # the shared letter run scan each word once, 40% faster. tests/test_speed_equivalence.py checks it.)
    r"(?=[^\W\d_]\.[^\W\d_]\.)(?:[^\W\d_]\.){2,}"
    r"|[^\W\d_]+(?:(?:\.(?:gov|org|com|net|edu))+|(?:['\u2019][^\W\d_]+)*)"
    r"|\d+(?:[.,]\d+)*%?"
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

    def add(self, other: Counts) -> None:
        self.words += other.words
        self.syllables += other.syllables
        self.polysyllables += other.polysyllables
        self.letters += other.letters
        self.difficult += other.difficult
        self.adj_syllables += other.adj_syllables
        self.adj_polysyllables += other.adj_polysyllables
        self.adj_difficult += other.adj_difficult
        self.sentences += other.sentences


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
        # Memoised by hand: functools.cached_property takes a lock on every first use (3.11).
        grade = self.__dict__.get("_grade")
        if grade is None:
            grade = self.__dict__["_grade"] = jargon_aware_grade(self.counts)
        return grade


class Readability:
    """Counts and scores of a document's scored prose, and of each of its sentences.

    Per sentence, :func:`analyze` keeps only its packed counts (see :class:`_TokenCounts`).
    :meth:`sentence_grades` grades every sentence straight from those, and
    :class:`SentenceScore` objects, with their long words and jargon, are made only
    for the sentences asked for: the hard-sentence rule grades ~60 sentences an
    article and reports five.
    """

    __slots__ = ("counts", "scores", "jargon", "_rows", "_table", "_sentences")

    def __init__(self, counts: Counts, scores: dict[str, float], jargon: list[str], rows: list, table: _TokenCounts):
        self.counts = counts
        self.scores = scores
        self.jargon = jargon
        self._rows = rows  # (block index, start, end, packed counts, text) per sentence, in document order
        self._table = table
        self._sentences: list[SentenceScore | None] = [None] * len(rows)

    @property
    def grade(self) -> float:
        return self.scores["grade"]

    def __len__(self) -> int:
        """How many sentences were scored."""
        return len(self._rows)

    def sentence(self, i: int) -> SentenceScore:
        """The ``i``-th scored sentence (document order)."""
        score = self._sentences[i]
        if score is None:
            index, start, end, packed, text = self._rows[i]
            if (packed & _COUNTS_MASK) >> _LONG_SHIFT:  # (long words or jargon: the top two counts)
                long_words, jargon = self._table.word_lists(text.split())
            else:
                long_words, jargon = [], []
            score = self._sentences[i] = SentenceScore(index, start, end, _unpack(packed), long_words, jargon)
            entry = _GRADED.get(packed & _GRADE_MASK)
            if entry is not None:  # graded already: the same float
                score.__dict__["_grade"] = entry[1]
        return score

    @property
    def sentences(self) -> list[SentenceScore]:
        return [self.sentence(i) for i in range(len(self._rows))]

    def sentence_text(self, i: int) -> str:
        """The ``i``-th scored sentence's prose text."""
        return self._rows[i][4]

    def sentence_block(self, i: int) -> int:
        """The index in ``doc.blocks`` of the block holding the ``i``-th scored sentence."""
        return self._rows[i][0]

    def sentence_difficulties(self, min_words: int = 0) -> list[tuple[int, float]]:
        """(words, difficulty grade) of each sentence: :mod:`difficulty`'s fitted model.

        The same value as :func:`sentence_difficulty` on the sentence's text (with this
        analysis's jargon list), from the difficulty sums packed above the counts. Sentences
        of fewer than ``min_words`` words are not graded (grade 0.0).
        """
        graded = _DIFFICULTY
        get = graded.get
        initial = self._table.initial_fix
        out = []
        append = out.append
        for row in self._rows:
            if min_words and (row[3] & _MASK) < min_words:
                append((row[3] & _MASK, 0.0))
                continue
            if len(row[4]) >= _DIFF_TEXT_LIMIT:
                append(sentence_difficulty(row[4], self._table.vocab))
                continue
            # The sums take every capitalised word as a name; the first word is capitalised by position.
            key = (row[3] >> _DIFF_SHIFT) + initial(row[4].split(None, 1)[0])
            entry = get(key)
            if entry is None:
                entry = _difficulty_graded(key)
            append(entry)
        return out

    def sentence_grades(self) -> list[tuple[int, float]]:
        """(words, jargon-aware grade) of each sentence, as ``sentence(i).counts.words`` and ``.grade``.

        A sentence's grade depends only on its four grading counts, the low four fields of its
        packed counts, and few combinations occur (~5,000 in 600 articles, ~85% of a fresh
        article's sentences seen before), so each is graded once: see :func:`_graded`.
        """
        graded = _GRADED
        get = graded.get
        out = []
        append = out.append
        for row in self._rows:
            key = row[3] & _GRADE_MASK
            entry = get(key)
            if entry is None:
                entry = _graded(key)
            append(entry)
        return out


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    """textstat's Dale-Chall list, read from its files without importing textstat.

    Importing textstat imports NLTK (~0.5 s cold); ``find_spec`` only locates the package.
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textstat is not installed; contentci needs its easy-words list")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "resources" / "en" / "easy_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


def _is_easy(word: str, easy: frozenset[str]) -> bool:
    if word in easy:
        return True
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("er", ""),
        ("est", ""),
    ):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in easy:
            return True
    return False


@dataclass(frozen=True)
class Vocabulary:
    jargon: frozenset[str]
    familiar: frozenset[str]
    acronyms: frozenset[str]


def vocabulary(extra_jargon=(), extra_familiar=()) -> Vocabulary:
    return _vocabulary(tuple(extra_jargon), tuple(extra_familiar))


@lru_cache(maxsize=32)
def _vocabulary(extra_jargon: tuple, extra_familiar: tuple) -> Vocabulary:
    return Vocabulary(
        word_set("medical_jargon.txt") | {w.lower() for w in extra_jargon},
        word_set("familiar_words.txt") | {w.lower() for w in extra_familiar},
        word_set("common_acronyms.txt"),
    )


def count_sentence(text: str, vocab: Vocabulary, easy: frozenset[str]) -> tuple[Counts, list[str], list[str]]:
    words = WORD_RE.findall(text)
    if not words:
        return Counts(sentences=1), [], []
    cache = _word_cache(vocab)
    infos = []
    for word in words:
        info = cache.get(word)
        if info is None:
            info = cache[word] = _word_info(word, vocab, easy)
        infos.append(info)
    syl, poly, letters, difficult, adj_syl, adj_poly, adj_difficult, long_flag, jargon_flag = map(sum, zip(*infos))
    c = Counts(len(words), syl, poly, letters, difficult, adj_syl, adj_poly, adj_difficult, 1)
    long_words = [w for w, i in zip(words, infos) if i[7]] if long_flag else []
    jargon = [w for w, i in zip(words, infos) if i[8]] if jargon_flag else []
    return c, long_words, jargon


_WORD_CACHES: dict[Vocabulary, dict[str, tuple[int, ...]]] = {}


def _word_cache(vocab: Vocabulary) -> dict[str, tuple[int, ...]]:
    """Per-vocabulary memo of :func:`_word_info`: most words of a corpus repeat."""
    cache = _WORD_CACHES.get(vocab)
    if cache is None or len(cache) > 200_000:
        if len(_WORD_CACHES) > 8:
            _WORD_CACHES.clear()
        cache = _WORD_CACHES[vocab] = {}
    return cache


def _word_info(word: str, vocab: Vocabulary, easy: frozenset[str]) -> tuple[int, ...]:
    """One word's contribution to :class:`Counts`, plus whether it is a long word or jargon.

    (syllables, polysyllables, letters, difficult, adj_syllables, adj_polysyllables,
    adj_difficult, long word, jargon)
    """
    if word[0].isdigit():
        return (1, 0, len(word), 0, 1, 0, 0, 0, 0)
    lower = word.lower()
    n = syllables.count(word)
    difficult = 0 if _is_easy(lower, easy) else 1
    poly = 1 if n >= 3 else 0
    is_jargon = lower in vocab.jargon or (
        ACRONYM_RE.match(word) is not None and lower.rstrip("s") not in vocab.acronyms and lower not in vocab.acronyms
    )
    if is_jargon:
        return (n, poly, len(word), difficult, max(n, 3), 1, 1, 0, 1)
    if lower in vocab.familiar:
        return (n, poly, len(word), difficult, min(n, 2), 0, 0, 0, 0)
    return (n, poly, len(word), difficult, n, poly, difficult, poly, 0)


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
_DC_SCORES = tuple(score for score, _ in _DC_POINTS)
# Segment k runs from point k to point k + 1: (score, grade, grade rise, score run).
_DC_SEGMENTS = tuple((s0, g0, g1 - g0, s1 - s0) for (s0, g0), (s1, g1) in zip(_DC_POINTS, _DC_POINTS[1:]))


def dale_chall_grade(score: float) -> float:
    """The Dale-Chall score's grade band, interpolated so that rankings stay smooth.

    Below the first point and above the last the grade moves one for one with the score.
    (The segment is found by bisection; ``tests/test_speed_equivalence.py`` checks it
    against walking the points in order.)
    """
    k = bisect_left(_DC_SCORES, score)  # the first point whose score is >= score
    if k == 0:
        return _DC_POINTS[0][1] - (_DC_POINTS[0][0] - score)
    if k == len(_DC_SCORES):
        return _DC_POINTS[-1][1] + (score - _DC_POINTS[-1][0])
    s0, g0, rise, run = _DC_SEGMENTS[k - 1]
    return g0 + rise * (score - s0) / run


def jargon_aware_grade(c: Counts) -> float:
    """The headline grade: jargon-aware Flesch-Kincaid, Gunning Fog and Dale-Chall grade, weighted 1:1:3.

    The weights were chosen on the odd-numbered half of ``eval/readability`` only;
    the even half is held out to report how well it ranks (see the README).
    """
    if not c.words or not c.sentences:
        return 0.0
    return grade_of(c.words, c.adj_syllables, c.adj_polysyllables, c.adj_difficult, c.sentences)


def grade_of(words: int, syllables: int, polysyllables: int, difficult: int, sentences: int) -> float:
    """:func:`jargon_aware_grade` from the jargon-aware counts, ``words`` > 0.

    The three formulas written out in one function: every sentence of a document is
    graded, and three formula calls on a ``Counts`` cost three times as much. The
    operations and their order are those of :func:`flesch_kincaid`, :func:`gunning_fog`
    and :func:`dale_chall` (``adjusted=True``), so the result is the same float.
    """
    fk = 0.39 * words / sentences + 11.8 * syllables / words - 15.59
    fog = 0.4 * (words / sentences + 100 * polysyllables / words)
    pct = 100 * difficult / words
    dc = 0.1579 * pct + 0.0496 * words / sentences + (3.6365 if pct > 5 else 0)
    return (fk + fog + 3 * dale_chall_grade(dc)) / 5


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
    """Counts and scores for a document's scored prose (use via ``doc.memo``).

    Gives the same counts as :func:`count_sentence` on each sentence, faster: see
    :class:`_TokenCounts` (``tests/test_speed_equivalence.py`` compares the two).
    """
    vocab = vocabulary(extra_jargon, extra_familiar)
    table = _token_counts(vocab)
    packed_of = table.packed.__getitem__
    jargon_of = table.jargon.get
    rows: list[tuple[int, int, int, int, str]] = []
    append = rows.append
    all_jargon: dict[str, str] = {}
    grand = 0
    for index, block in enumerate(doc.blocks):
        if block.kind not in SCORED_KINDS:
            continue
        for start, end, text in sentences.split_cached(block.text):
            tokens = text.split()
            try:
                packed = sum(map(packed_of, tokens))
            except KeyError:  # a token seen for the first time
                packed = table.learn(tokens)
            if not packed & _MASK:  # no words (the lowest field)
                continue
            grand += packed
            append((index, start, end, packed, text))
            if (packed & _COUNTS_MASK) >> _JARGON_SHIFT:  # (the top count)
                if len(tokens) <= _TABLE_LIMIT:  # every token is in the table now
                    jargon = chain.from_iterable(filter(None, map(jargon_of, tokens)))
                else:  # a sentence too long for the table is counted without being remembered
                    jargon = table.count(tokens)[2]
                for word in jargon:
                    all_jargon.setdefault(word.lower(), word)
    total = _unpack(grand, len(rows))
    return Readability(total, scores(total), list(all_jargon.values()), rows, table)


_PUNCTUATION = re.compile(r"[(\[,;]")


def sentence_difficulty(text: str, extra_jargon: tuple | Vocabulary = ()) -> tuple[int, float]:
    """(words, difficulty grade) of one sentence of plain text, without the token table.

    The reference for :meth:`Readability.sentence_difficulties`; ``eval/readability`` scores with it.
    ``extra_jargon``: words to add to the jargon list, or the vocabulary to use.
    """
    words = WORD_RE.findall(text)
    if not words:
        return 0, 0.0
    jargon = (extra_jargon if isinstance(extra_jargon, Vocabulary) else vocabulary(extra_jargon)).jargon
    initial = 1 if WORD_RE.search(text.split(None, 1)[0]) else 0  # the first word, if it starts the first token
    sums = difficulty.sentence_sums(text, words, jargon, initial)
    return len(words), difficulty.grade(difficulty.features(sums))


# -- the fast path: per whitespace-separated token, counts packed into one integer --------
#
# A word never contains white space, so a sentence's words are the words of its
# ``str.split()`` tokens, in order. Each distinct token ("cells," or "(MSC)") is
# counted once per process; its ten counts, and above them the sentence-difficulty sums
# (``difficulty.WORD_FIELDS``), are packed into one integer, 64 bits a
# field (32 for the difficulty sums), so summing a sentence's tokens is one ``sum`` of
# integers. No count can reach 2**64: each is at most a few times the number of characters
# in the text (a sentence too long for 32-bit difficulty sums is graded from its text). The fields,
# from the lowest: words and the three jargon-aware counts a sentence is graded by
# (``packed & _GRADE_MASK`` is the grade's key), the four plain counts (syllables,
# polysyllables, letters, difficult), then the long-word and jargon tallies. A sentence
# has words exactly when its lowest field is not 0 (a lone bracket or comma packs to
# difficulty fields only).

_BITS = 64
_MASK = (1 << _BITS) - 1
_BYTES = 10 * _BITS // 8
_FIELDS = struct.Struct("<10Q").unpack  # a packed integer's to_bytes(_BYTES, "little"), field by field
_COUNTS_MASK = (1 << 10 * _BITS) - 1  # the ten counts; the difficulty sums lie above them
_GRADE_MASK = (1 << 4 * _BITS) - 1  # words, adj_syllables, adj_polysyllables, adj_difficult
_LONG_SHIFT = 8 * _BITS  # the long-word tally, then the jargon tally
_JARGON_SHIFT = 9 * _BITS
_DIFF_SHIFT = 10 * _BITS  # difficulty.WORD_FIELDS, 32 bits each (half the width: summed for every token)
_DIFF_FIELDS = len(difficulty.WORD_FIELDS)
_DIFF_UNPACK = struct.Struct(f"<{_DIFF_FIELDS}I").unpack
_DIFF_PACK = struct.Struct(f"<{_DIFF_FIELDS}I").pack
_DIFF_BYTES = _DIFF_FIELDS * 4
# No difficulty field exceeds 45 per character of the sentence (rarity, in tenths, is at most 45
# a word); a sentence this long or longer is graded from its text instead of the 32-bit fields.
_DIFF_TEXT_LIMIT = (1 << 32) // 46
_TOKEN_TABLES: dict[Vocabulary, _TokenCounts] = {}
_TABLE_LIMIT = 100_000  # tokens remembered per vocabulary (~30 MB at most)


def _pack(values) -> int:
    packed = 0
    for shift, value in enumerate(values):
        packed |= value << (shift * _BITS)
    return packed


def _difficulty_int(vector) -> int:
    """A difficulty vector (``difficulty.WORD_FIELDS``) packed, 32 bits a field."""
    return int.from_bytes(_DIFF_PACK(*vector), "little")


def _pack_difficulty(vector) -> int:
    """A difficulty vector packed and shifted above the counts."""
    return _difficulty_int(vector) << _DIFF_SHIFT


def _unpack(packed: int, sentence_count: int = 1) -> Counts:
    words, adj_syl, adj_poly, adj_difficult, syl, poly, letters, difficult, _, _ = _FIELDS(
        (packed & _COUNTS_MASK).to_bytes(_BYTES, "little")
    )
    return Counts(words, syl, poly, letters, difficult, adj_syl, adj_poly, adj_difficult, sentence_count)


# (words, jargon-aware grade) by a sentence's grading fields (``packed & _GRADE_MASK``).
_GRADED: dict[int, tuple[int, float]] = {}
_GRADED_LIMIT = 50_000  # combinations remembered (~10 MB at most), then it starts over
_GRADE_FIELDS = struct.Struct("<4Q").unpack


# (words, difficulty grade) by a sentence's difficulty sums (``packed >> _DIFF_SHIFT``).
_DIFFICULTY: dict[int, tuple[int, float]] = {}


def _difficulty_graded(key: int) -> tuple[int, float]:
    sums = _DIFF_UNPACK(key.to_bytes(_DIFF_BYTES, "little"))
    if len(_DIFFICULTY) >= _GRADED_LIMIT:
        _DIFFICULTY.clear()
    entry = _DIFFICULTY[key] = (sums[0], difficulty.grade(difficulty.features(sums)))
    return entry


def _graded(key: int) -> tuple[int, float]:
    """Grade one combination of grading fields (``words`` > 0) and remember it."""
    words, syllables, polysyllables, difficult = _GRADE_FIELDS(key.to_bytes(4 * _BITS // 8, "little"))
    if len(_GRADED) >= _GRADED_LIMIT:
        _GRADED.clear()
    entry = _GRADED[key] = (words, grade_of(words, syllables, polysyllables, difficult, 1))
    return entry


class _TokenCounts:
    """Per vocabulary: each token's packed counts, long words and jargon words, learnt once.

    ``long_words`` and ``jargon`` hold only the tokens that have some (most have none);
    a token of the table that is missing from them has none.
    """

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.easy = _easy_words()
        self.packed: dict[str, int] = {}
        self.long_words: dict[str, tuple[str, ...]] = {}
        self.jargon: dict[str, tuple[str, ...]] = {}
        self.difficulty: dict[str, int] = {}  # word -> its difficulty vector, packed and shifted
        self.initial: dict[str, int] = {}  # first token -> its first word's vector as initial, less as not

    def initial_fix(self, token: str) -> int:
        """What to add to a sentence's difficulty sums (unshifted) when ``token`` comes first."""
        fix = self.initial.get(token)
        if fix is None:
            word = WORD_RE.search(token)
            if word is None:
                fix = 0
            else:
                jargon = self.vocab.jargon
                fix = _difficulty_int(difficulty.word_vector(word[0], jargon, True)) - _difficulty_int(
                    difficulty.word_vector(word[0], jargon)
                )
            if len(self.initial) > _TABLE_LIMIT:
                self.initial.clear()
            self.initial[token] = fix
        return fix

    def count(self, tokens: list[str]) -> tuple[int, list[str], list[str]]:
        """Packed counts, long words and jargon of a sentence's tokens, learning the new ones.

        A sentence of more tokens than the table may hold is counted without remembering them.
        """
        if len(tokens) > _TABLE_LIMIT:
            packed, long_words, jargon = 0, [], []
            seen: dict[str, tuple] = {}  # this sentence's own memo: a crafted one repeats a few tokens
            for token in tokens:
                counted = seen.get(token)
                if counted is None:
                    counted = seen[token] = self._count(token)
                token_packed, token_long, token_jargon = counted
                packed += token_packed
                long_words += token_long
                jargon += token_jargon
            return packed, long_words, jargon
        self._remember(tokens)
        packed = sum(map(self.packed.__getitem__, tokens))
        return (packed, *self._lists(tokens))

    def learn(self, tokens: list[str]) -> int:
        """Packed counts of a sentence's tokens, learning the new ones (as :meth:`count`)."""
        if len(tokens) > _TABLE_LIMIT:
            return self.count(tokens)[0]
        self._remember(tokens)
        return sum(map(self.packed.__getitem__, tokens))

    def word_lists(self, tokens: list[str]) -> tuple[list[str], list[str]]:
        """Long words and jargon of a sentence's tokens, in order."""
        if all(map(self.packed.__contains__, tokens)):
            return self._lists(tokens)
        _, long_words, jargon = self.count(tokens)  # forgotten since (the table starts over when full)
        return long_words, jargon

    def _lists(self, tokens: list[str]) -> tuple[list[str], list[str]]:
        """Long words and jargon of tokens that are all in the table."""
        return (
            list(chain.from_iterable(filter(None, map(self.long_words.get, tokens)))),
            list(chain.from_iterable(filter(None, map(self.jargon.get, tokens)))),
        )

    def _remember(self, tokens: list[str]) -> None:
        if len(self.packed) + len(tokens) > _TABLE_LIMIT:
            self.packed.clear()
            self.long_words.clear()
            self.jargon.clear()
            self.difficulty.clear()
        packed = self.packed
        for token in tokens:
            if token not in packed:
                packed[token], long_words, jargon = self._count(token)
                if long_words:
                    self.long_words[token] = long_words
                if jargon:
                    self.jargon[token] = jargon

    def _count(self, token: str) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        words_cache = _word_cache(self.vocab)
        difficulty_cache = self.difficulty
        packed = _pack_difficulty(difficulty.punctuation_vector(token)) if _PUNCTUATION.search(token) else 0
        long_words = []
        jargon = []
        for word in WORD_RE.findall(token):
            info = words_cache.get(word)
            if info is None:
                info = words_cache[word] = _word_info(word, self.vocab, self.easy)
            syl, poly, letters, difficult, adj_syl, adj_poly, adj_difficult, long_word, is_jargon = info
            packed += _pack((1, adj_syl, adj_poly, adj_difficult, syl, poly, letters, difficult, long_word, is_jargon))
            vector = difficulty_cache.get(word)
            if vector is None:
                vector = difficulty_cache[word] = _pack_difficulty(difficulty.word_vector(word, self.vocab.jargon))
            packed += vector
            if info[7]:
                long_words.append(word)
            if info[8]:
                jargon.append(word)
        return packed, tuple(long_words), tuple(jargon)


def _token_counts(vocab: Vocabulary) -> _TokenCounts:
    table = _TOKEN_TABLES.get(vocab)
    if table is None:
        if len(_TOKEN_TABLES) > 8:
            _TOKEN_TABLES.clear()
        table = _TOKEN_TABLES[vocab] = _TokenCounts(vocab)
    return table
