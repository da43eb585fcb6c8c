"""The cue-list pattern syntax that data files and config use."""

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contentci.analysis.health import sentence_cues

from contentci.analysis.cues.patterns import CUES_FILE, LIST_NAMES, builtin_lists, compile_entry, split_suggestion
from contentci.core.resources import read_text


@pytest.mark.parametrize(
    "entry, text, expected",
    [
        ("side effect*", "Side effects are rare.", "Side effects"),
        ("# in #", "about 1 in 1,000 people", "1 in 1,000"),
        ("# out of #", "nine out of ten users", "nine out of ten"),
        ("(medical )?advice", "not advice", "advice"),
        ("FDA", "the FDA said", "FDA"),
        ("FDA", "a fda-like word", None),  # acronyms match in capitals only
        ("cure", "secure the ham", None),  # whole words only
        ("don't know", "we don\u2019t know yet", "don\u2019t know"),
        ("re:\\bcures?\\s+all\\b", "it cures all ills", "cures all"),
        ("lost * sight", "three women lost their sight", "lost their sight"),
    ],
)
def test_pattern_syntax(entry, text, expected):
    m = compile_entry(entry).search(text)
    assert (m.group() if m else None) == expected


def test_suggestion_after_arrow():
    assert split_suggestion("game-changer|game changer -> important") == ("game-changer|game changer", "important")
    assert split_suggestion("re:a->b") == ("re:a->b", None)


def test_data_file_has_exactly_the_configurable_lists_and_every_entry_compiles():
    raw = yaml.safe_load(read_text(CUES_FILE))
    assert set(raw) == set(LIST_NAMES)  # every list in the file can be extended from config
    lists = builtin_lists()
    for name, entries in lists.items():
        assert entries, name
        for entry in entries:
            compile_entry(entry)


# -- negation and reported speech, read from the sentence's own matches --------------------------

_CLAUSE_WORDS = [
    "not", "no", "never", "can't", "cannot", "don't", "rather", "than", "instead", "of", "far", "from",
    "without", "helps", "pain", "promise", "claim", "clinics", "that", "sold", "the", "a", "cure", "miracle",
    "but", "while", "(", ")", ",", ";", "-", "'", "\u2019", "n't", "lack", "none", "nor", "hardly", "so-called",
]  # fmt: skip
_CLAUSE_SEPS = [" ", "  ", ", ", "; ", "-", "'", " (", ") ", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CLAUSE_WORDS), st.sampled_from(_CLAUSE_SEPS)), min_size=1, max_size=12))
def test_a_list_in_the_clause_before_is_what_the_clause_words_would_say(pieces):
    """``in_clause_before`` answers from the sentence's matches what asking the list of
    ``clause_before``'s words answers, at every word start."""
    from contentci.analysis.health import classify as health

    text = "".join(w + s for w, s in pieces).strip()
    c = sentence_cues.Cues(None)
    for m in re.finditer(r"\w+", text):
        for name, words in (("negation", 4), ("negation", 3), ("reported", 8), ("benefit", 5)):
            want = c.has(name, health.clause_before(text, m.start(), words))
            assert health.in_clause_before(c, name, text, m.start(), words) == want, (name, m.start())
