"""Optimisations that must not change answers: each fast path against the straightforward one."""

from __future__ import annotations

import random
import re

import pyphen
import pytest

from conftest import SEED

from contentci import readability, sentences, syllables
from contentci.document import parse

PLAIN_WORD_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:\.(?:gov|org|com|net|edu))+|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,]\d+)*%?"
)


def test_word_regex_matches_the_three_alternative_form():
    rng = random.Random(5)
    alphabet = list("aZé.’'5,%- ") + [".gov", ".com", "U.S.", "e.g.", "a.b", "x.y.z.", "nih.gov.uk", "don't"]
    for _ in range(20_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 20)))
        assert readability.WORD_RE.findall(s) == PLAIN_WORD_RE.findall(s), s


@pytest.fixture(scope="module")
def dictionary():
    return syllables.table()


def test_bisected_dictionary_agrees_with_the_whole_table(dictionary):
    words = sorted(dictionary)
    rng = random.Random(2)
    for w in rng.sample(words, 3000) + [words[0], words[-1]]:
        assert syllables.lookup(w) == dictionary[w]
    for missing in ("", "zzzzqx", "~~", "a" * 300, "immunomodulatory", "ünïcødé"):
        assert syllables.lookup(missing) == dictionary.get(missing)


def test_hyphenation_agrees_with_pyphen(dictionary):
    hyphenator = pyphen.Pyphen(lang="en_US")
    rng = random.Random(1)
    words = rng.sample(sorted(dictionary), 3000) + [
        "immunomodulatory",
        "recalibrate",
        "hba1c",
        "naïve",
        "x",
        "ab",
        "rheumatoid",
    ]
    for w in words:
        assert syllables.hyphen_positions(w) == list(hyphenator.positions(w)), w


# -- sentence splitting: the candidate-first regex and slice-based checks against the original loop --

_REF_END = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s|$)|\n")
_REF_NEXT_CHAR = re.compile(r"\s*(\S)")


def reference_split(text: str) -> list[sentences.Sentence]:
    """The splitter as first written: a character loop for the word before a point."""
    abbreviations = sentences._abbreviations()
    out: list[sentences.Sentence] = []
    start = line_start = 0

    def add(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and sentences._LETTER.search(text, start, end):
            out.append(sentences.Sentence(start, end, text[start:end]))

    def is_boundary(m: re.Match) -> bool:
        following = _REF_NEXT_CHAR.match(text, m.end())
        if following is None:
            return True
        if following.group(1).islower():
            return False
        punct = m.group()
        if punct.startswith(".") and punct.rstrip("\"'\u2019\u201d)]") == ".":
            end = begin = m.start()
            floor = max(0, end - 256)
            while begin > floor and not text[begin - 1].isspace():
                begin -= 1
            if begin == floor and floor > 0 and not text[begin - 1].isspace():
                return True
            raw = text[begin:end].lstrip("(\"'\u2018\u201c[")
            word = raw.lower()
            if word in abbreviations and not (len(raw) > 1 and raw.isupper() and "." not in raw):
                return False
            if len(word) == 1 and word.isalpha():
                return False
            if "." in word and all(len(part) <= 2 for part in word.split(".")):
                return False
        return True

    for m in _REF_END.finditer(text):
        end = m.end()
        if m.group() == "\n":
            line = text[line_start : m.start()]
            line_start = end
            if not sentences._line_break_ends(line):
                continue
            end = m.start()
        elif not is_boundary(m):
            continue
        add(start, end)
        start = m.end()
    add(start, len(text))
    return out


_PIECES = [
    "The dose is 2.5 mg.",
    " Dr. Smith",
    " said so",
    "! ",
    "? ",
    "\u2026 ",
    ". ",
    '." ',
    ".\u201d ",
    ".) ",
    "e.g. the",
    " U.S. Army",
    " J. Smith",
    " MS. Jones",
    " Ms. Jones",
    "\n",
    "\r\n",
    "\n\n",
    "Title Case Line Here",
    "label:",
    " \u00a0",
    "\t",
    " caf\u00e9 na\u00efve",
    " \u0414\u041d\u041a \u043a\u043b\u0435\u0442\u043a\u0438.",
    " \u65e5\u672c\u8a9e\u3002",
    " 10.5% of",
    " www.nih.gov",
    " it\u2019s",
    " don't",
    " (MSC).",
    " [1].",
    " 12.",
    " - ",
    " \u2014 ",
    "a" * 300 + ".",
    " x" * 3,
    " Stem cell therapy utilizes immunomodulatory mechanisms",
    " 42",
    "...",
    " ?!",
    "A",
    " b",
]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 40))) for _ in range(count)]


def test_sentence_split_matches_the_reference_loop():
    for text in _random_texts(7, 4000) + ["", " ", ".", "\n", "A. B", "x" * 600 + ". Next"]:
        assert sentences.split(text) == reference_split(text), repr(text)
        assert sentences.split_cached(text) == tuple(reference_split(text)), repr(text)


# -- readability: per-token packed counts against count_sentence on every sentence ----------------


def reference_analyze(doc, extra_jargon=(), extra_familiar=()) -> readability.Readability:
    """``analyze`` as first written: count_sentence on each sentence, Counts added one by one."""
    vocab = readability.vocabulary(extra_jargon, extra_familiar)
    easy = readability._easy_words()
    total = readability.Counts()
    scored = []
    all_jargon: dict[str, str] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind not in readability.SCORED_KINDS:
            continue
        for s in reference_split(block.text):
            counts, long_words, jargon = readability.count_sentence(s.text, vocab, easy)
            if not counts.words:
                continue
            total.add(counts)
            scored.append(readability.SentenceScore(index, s.start, s.end, counts, long_words, jargon))
            for word in jargon:
                all_jargon.setdefault(word.lower(), word)
    return readability.Readability(total, scored, readability.scores(total), list(all_jargon.values()))


def test_readability_analysis_matches_the_reference(tmp_path):
    texts = _random_texts(11, 600)
    markdown = [
        "# Title\r\n\r\nA &amp; B said: \u201cno\u201d. It\u2019s 2.5 mg.\r\n\r\n- one\r\n  - two. Three\r\n    - four",
        "> Quoted *MSC* text. More **stent** here.\n> > Nested biopsy quote.\n\n| a | b |\n|---|---|\n| c. | d |",
        "1. First step. Then the next.\n2. Second &eacute;tape, caf\u00e9.\n\n```\ncode. Not prose.\n```\n",
        'See <https://x.org/a> and [the site](http://nih.gov "t"). Call 911! \\*Not\\* emphasis.',
    ]
    docs = [parse(f"t{n}.txt", text.encode()) for n, text in enumerate(texts)]
    docs += [parse(f"m{n}.md", text.encode()) for n, text in enumerate(texts[:200] + markdown)]
    docs.append(parse("seed.md", SEED.read_bytes()))
    for doc in docs:
        for extra in ((), (("stent", "Title"), ("immunomodulatory", "medication"))):
            fast = readability.analyze(doc, *extra)
            assert fast == reference_analyze(doc, *extra), doc.path
            assert [s.grade for s in fast.sentences] == [s.grade for s in reference_analyze(doc, *extra).sentences]
