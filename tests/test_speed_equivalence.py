"""Optimisations that must not change answers: each fast path against the straightforward one."""

from __future__ import annotations

import random
import re

import pyphen
import pytest

from contentci import readability, syllables

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
