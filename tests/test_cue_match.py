"""The word-indexed cue matcher finds exactly what the plain combined regex finds.

Health findings (their spans, counts and messages) come from cue matches, so the fast
matcher must agree with ``compile_list(items).finditer(text)`` match for match: same
starts, ends and text, on any input. Texts are built from the cue words themselves,
numbers, odd case (``ſ``, ``İ``, Kelvin sign), other scripts' digits and punctuation.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentci.analysis.cues import patterns as cues
from contentci.analysis.health import sentence_cues
from contentci.analysis.cues.matcher import fold

LISTS = cues.builtin_lists()
EXTRA = {
    # user entries of every shape: raw regexes, a leading wildcard, optional letters, an empty match
    "odd": (
        "re:[$£€]\\s?\\d",
        "* cure",
        "tumou?r*",
        "colou?r",
        "# in #",
        "re:\\bx?",
        "gumm(y|ies)",
        "FDA",
        "st. john's wort",
    ),
}
# Plain entries of awkward shapes: runs of word* broken by other alternatives, groups,
# optional letters, a standalone *, numbers, acronyms.
SHAPES = (
    "improv*|relie*|help|helps|eas(e|es|ed|ing)|sooth*|heal*",
    "tumou?r*|cancer*|# in #|side effect*|st. john's wort*|big tumou?r*|# people|# of the # people",
    "lost * sight|sight*|x?*|y??*|z*",
    "FDA|GP*|ab&c*",
    "under_score*|ſ*|k*",
)
# Escapes and parentheses that balance only across alternatives: the word index cannot read
# these (nor could it before), but each entry must still compile to what it always meant.
MALFORMED = ("foo)*|(bar*", "x|a)*|b*|(y", "a\\(b*|c*")
ALL = {**LISTS, **EXTRA, "shapes": SHAPES}
WORDS = sorted({w for items in ALL.values() for e in items for w in re.findall(r"[A-Za-z]+", e)})
WORDS += ["foo", "x", "a", "b", "y", "c"]
WORDS += ["tumor", "tumour", "tumors", "ease", "eased", "sooth", "bar", "abc", "under_scores"]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.upper),
    st.sampled_from(WORDS).map(str.title),
    st.sampled_from(
        ["ſupplement", "İnsulin", "\u212aratom", "1 in 5", "٣ in ٥", "20%", "$40", "x", "-cure", "cure-all"]
    ),
    st.integers(0, 2000).map(str),
    st.sampled_from([" ", "  ", "\n", ", ", ". ", "'", "\u2019", "-", "(", ")", '"', "\u201c", "\u201d", ";"]),
    st.text(max_size=3),
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def reference(items, text):
    return [(m.start(), m.end(), m.group()) for m in cues.compile_list(items).finditer(text)]


def reference_with_suggestions(items, text):
    """The original per-entry scan of ``find_with_suggestions``."""
    if not reference(items, text):
        return []
    found = {}
    for entry in items:
        _, suggestion = cues.split_suggestion(entry)
        for m in cues.compile_entry(entry).finditer(text):
            prev = found.get(m.start())
            if prev is None or m.end() > prev.end:
                found[m.start()] = cues.Match(m.start(), m.end(), m.group(), suggestion)
    out, last_end = [], -1
    for start in sorted(found):
        if start >= last_end:
            out.append(found[start])
            last_end = found[start].end
    return out


class _Ctx:
    """A context whose config replaces no list and adds the ``odd`` entries to hype."""

    class config:
        @staticmethod
        def section(name):
            return {"extend_hype": list(EXTRA["odd"])} if name == "cues" else {}


CUE_SET = cues.cue_set(tuple(ALL.items()))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_every_list_matches_like_the_combined_regex(text):
    for name, items in ALL.items():
        got = [(m.start(), m.end(), m.group()) for m in CUE_SET.finditer(name, text)]
        assert got == reference(items, text), name


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 60))
def test_search_from_a_position_matches_the_regex(text, pos):
    for name, items in ALL.items():
        m = CUE_SET.search(name, text, pos)
        want = cues.compile_list(items).search(text, pos)
        assert (m and m.span()) == (want and want.span()), name


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_suggestions_match_the_per_entry_scan(text):
    c = sentence_cues.Cues(_Ctx())
    for name in ("hype", "absolute", "cost"):
        assert c.find_with_suggestions(name, text) == reference_with_suggestions(c.items(name), text)


def test_known_matches_at_their_offsets():
    text = "A revolutionary therapy: 1 in 5 people had nausea. It costs $40."
    c = sentence_cues.Cues(None)  # the built-in lists
    assert [(m.start, m.text) for m in c.find("hype", text)] == [(2, "revolutionary")]
    assert [(m.start, m.text) for m in c.find("frequency", text)] == [(25, "1 in 5")]
    assert c.has("cost", text) and not c.has("cost", "Take one tablet daily.")
    assert [(m.text, m.suggestion) for m in c.find_with_suggestions("hype", "a revolutionary, miracle cure")] == [
        ("revolutionary", "new"),
        ("miracle", "helpful"),
        ("cure", "treatment"),
    ]


def test_fold_is_the_regex_engines_case_folding():
    assert fold("ſupplement") == "supplement"
    assert fold("İnsulin") == "insulin"
    assert fold("\u212aratom") == "kratom"
    assert fold("٣") == "3"
    for word in ["ſupplement", "İnsulin", "\u212aratom"]:
        assert re.fullmatch(re.escape(fold(word)), word, re.IGNORECASE)


def test_a_regex_is_skipped_only_when_text_lacks_what_it_needs():
    from contentci.analysis.cues.matcher import DIGIT, meets, requirements

    src = r"\b(cuts?|reduces?)\b[^.]{0,40}\bby\s+\d[\d,.]*\s*(%|percent)"
    reqs = requirements(src)
    assert reqs == [frozenset({"cut", "reduce"}), frozenset({"by"}), frozenset({DIGIT}), frozenset({"%", "percent"})]
    text = "It Cuts the risk BY 30 percent."
    assert re.search(src, text, re.IGNORECASE) and meets(reqs, fold(text), True)
    assert not meets(reqs, fold("It cuts the risk by a third."), False)
    assert requirements(r"x?|y") == []  # a branch that needs nothing: no requirement at all


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_raw_entry_that_matches_meets_its_requirements(text):
    from contentci.analysis.cues.matcher import meets, requirements

    for items in ALL.values():
        for entry in items:
            src = cues.entry_source(entry)
            if re.search(src, text, re.IGNORECASE):
                assert meets(requirements(src), fold(text), bool(re.search(r"\d", text))), entry


def test_raw_entries_that_begin_at_a_word_are_indexed_the_rest_scanned():
    from contentci.analysis.cues.matcher import raw_literals

    # a space or boundary after the letters: the word is exactly them ("a median" starts at "a", not "about")
    assert raw_literals(r"\b(study|trial)\s+(found|showed)") == [("study", True), ("trial", True)]
    assert raw_literals(r"\b(lost|gained)\s+\d") == [("lost", True), ("gained", True)]
    assert raw_literals(r"\bfoo\b") == [("foo", True)]
    assert raw_literals(r"\b(foo)bar ") == [("foobar", True)]
    assert raw_literals(r"\btransform\w*\s") == [("transform", False)]  # more letters may follow
    assert raw_literals(r"\bcure") == [("cure", False)]
    assert raw_literals(r"(?<!treat or )\bcures?\s+all") == [("cure", False)]
    assert [lit for lit, _ in raw_literals(r"\b\d+%")] == list("0123456789")
    assert raw_literals(r"\d+%") is None  # no boundary: may start inside a word
    assert raw_literals(r"\(source|journal") is None
    assert raw_literals(r"[$£€]\s?\d") is None


# -- the compiled form of an entry: cheaper to compile, the same matches ------------------------------
#
# The straightforward translation, as contentci first compiled cue entries: one [\w'\u2019-]*
# per "word*" and one look-around class each side. ``cues.entry_source`` now factors the suffix
# out of runs and splits the look-arounds (both much cheaper to compile); these tests hold it to
# the old form, match for match.

_OLD_BEFORE, _OLD_AFTER = r"(?<![\w'\u2019-])", r"(?![\w'\u2019])"


def _old_translate(alt):
    out = []
    i = 0
    while i < len(alt):
        c = alt[i]
        if c == "\\" and i + 1 < len(alt):
            out.append(alt[i : i + 2])
            i += 2
            continue
        if c == "*":
            standalone = (i == 0 or alt[i - 1] == " ") and (i + 1 == len(alt) or alt[i + 1] == " ")
            out.append(r"\S+" if standalone else r"[\w'\u2019-]*")
        elif c == "#":
            out.append(cues.NUMBER)
        elif c == " ":
            out.append(r"\s+")
        elif c == "'":
            out.append("['\u2019]")
        elif c in "()|?":
            out.append(c)
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    if re.fullmatch(r"[A-Z&][A-Z&\d ]*[A-Z\d]s?", alt) and any(ch.isupper() for ch in alt):
        body = f"(?-i:{body})"
    return body


def old_entry_source(entry):
    pattern, _ = cues.split_suggestion(entry)
    if pattern.startswith("re:"):
        return pattern[3:]
    return _OLD_BEFORE + "(?:" + "|".join(_old_translate(a) for a in cues._split_top(pattern)) + ")" + _OLD_AFTER


ENTRIES = sorted({e for items in ALL.values() for e in items} | set(MALFORMED))


def test_translation_is_the_old_translation():
    pieces = [a for e in ENTRIES for a in cues._split_top(cues.split_suggestion(e)[0])]
    pieces += ["a\\", "\\\\*", "* x *", "x\\ *", "'*'", "a\nb\\\n"]
    for alt in pieces:
        assert cues._translate(alt) == _old_translate(alt), alt


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_each_entry_matches_like_its_old_form(text):
    for entry in ENTRIES:
        new = [(m.start(), m.end(), m.group()) for m in cues.compile_entry(entry).finditer(text)]
        old = [(m.start(), m.end(), m.group()) for m in re.finditer(old_entry_source(entry), text, re.IGNORECASE)]
        assert new == old, entry


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_each_list_matches_like_its_old_combined_form(text):
    for name, items in {**ALL, "malformed": MALFORMED}.items():
        plain = [old_entry_source(e)[len(_OLD_BEFORE) : -len(_OLD_AFTER)] for e in items if cues._is_plain(e)]
        raw = [f"(?:{old_entry_source(e)})" for e in items if not cues._is_plain(e)]
        old = re.compile(
            "|".join(([_OLD_BEFORE + "(?:" + "|".join(plain) + ")" + _OLD_AFTER] if plain else []) + raw), re.I
        )
        assert [m.span() for m in cues.compile_list(items).finditer(text)] == [m.span() for m in old.finditer(text)], (
            name
        )


def test_word_star_runs_share_one_suffix():
    src = cues.entry_source("prevent*|protect*|help|repair*")
    assert src.count("[\\w'\\u2019-]*") == 2
    assert "(?:prevent|protect)[\\w'\\u2019-]*" in src


def test_a_word_compiles_only_the_alternatives_it_can_start():
    entry = "prevent*|protect*|help|repair*"
    assert cues.compile_alternatives(entry, (1,)).pattern == cues._BEFORE + "(?:protect[\\w'\\u2019-]*)" + cues._AFTER
    assert cues.compile_alternatives(entry, (0, 1, 2, 3)) is cues.compile_entry(entry)
    lits = cues._literals(entry)
    assert ("protect", False, 1) in lits and ("help", True, 2) in lits
    assert {alt for _, _, alt in cues._literals("a)*|b*")} == {None}  # not separable: compiled whole


def test_letters_an_alternative_needs():
    assert cues._needed_letters("# in #") == ("in",)
    assert cues._needed_letters("side effect*") == ("effect",)
    assert cues._needed_letters("big tumou?r*") == ("tumo", "r")
    assert cues._needed_letters("# of the # people") == ("of", "the", "people")
    assert cues._needed_letters("eas(e|es)") == ()  # a group may be optional
    c = cues.cue_set((("t", ("big tumou?r*|# people|# in #",)),))
    assert [m.group() for m in c.finditer("t", "A big tumor; 3 People; 1 in 5")] == ["big tumor", "3 People", "1 in 5"]
    assert c.finditer("t", "A big tumble, 3 persons") == []


# -- deciding at a word without its regex ------------------------------------------------------------

PLAIN_ALTERNATIVES = sorted(
    {alt for items in ALL.values() for e in items if cues._is_plain(e) for alt in cues._alternatives(e)}
)
# A word with no apostrophe, hyphen or letter on either side: where the word pass decides.
_NEUTRAL = re.compile(r"(?<![\w'\u2019-])\w+(?![\w'\u2019-])")
_PATTERNS = {
    alt: re.compile(cues._BEFORE + cues._alternation([alt]) + cues._AFTER, re.IGNORECASE) for alt in PLAIN_ALTERNATIVES
}
_TESTS = [(alt, cues.word_test(alt)) for alt in PLAIN_ALTERNATIVES]
_SHAPES = [(alt, cues.word_shapes(alt)) for alt in PLAIN_ALTERNATIVES]


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_word_test_decides_exactly_what_the_regex_matches_at_a_whole_word(text):
    """Where a word has no apostrophe, hyphen or letter beside it, a whole-word alternative
    matches there exactly when its word test says so, and the match is the word."""
    for m in _NEUTRAL.finditer(text):
        word = m.group()
        if not word.isascii():
            continue
        for alt, test in _TESTS:
            if test is None:
                continue
            case_sensitive, words, prefixes = test
            w = word if case_sensitive else word.lower()
            says = w in words or w.startswith(prefixes)
            got = _PATTERNS[alt].match(text, m.start())
            assert says == (got is not None), (alt, word)
            if got:
                assert got.span() == m.span(), (alt, word)


def test_word_tests_of_each_shape():
    assert cues.word_test("eas(e|es|ed|ing)") == (False, frozenset({"ease", "eases", "eased", "easing"}), ())
    assert cues.word_test("tumou?r*") == (False, frozenset(), ("tumor", "tumour"))
    assert cues.word_test("GPs") == (True, frozenset({"GPs"}), ())  # acronyms: capitals only
    for other in ("side effect*", "can't", "A&E", "x?*", "a)b", "# in #", "y??*", "omega-3*"):
        assert cues.word_test(other) is None, other


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_an_alternative_ruled_out_by_the_next_word_never_matches_there(text):
    """``may_start`` may say yes where the regex then finds nothing, never no where it matches;
    where ``pair_length`` is certain, the regex matches exactly that long."""
    words = list(re.finditer(r"\w+", text))
    for i, m in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        window = text[m.start() : following.end()] if following else text[m.start() :]
        if not window.isascii() or not _NEUTRAL.match(text, m.start()):
            continue
        sep = text[m.end() : following.start()] if following else text[m.end() :]
        after = text[following.end() : following.end() + 1] if following else ""
        for alt, shapes in _SHAPES:
            if shapes is None:
                continue
            got = _PATTERNS[alt].match(text, m.start())
            if not cues.may_start(shapes, m.group(), sep, following and following.group()):
                assert got is None, (alt, window)
                continue
            length = cues.pair_length(shapes, m.group(), sep, following and following.group(), after)
            if length is not None:
                assert got is not None and got.span() == (m.start(), m.start() + length), (alt, window)


def test_the_next_word_rules_out_longer_alternatives():
    shapes = cues.word_shapes("a few")
    assert cues.may_start(shapes, "a", " ", "few") and not cues.may_start(shapes, "a", " ", "fewer")
    assert not cues.may_start(shapes, "a", ", ", "few")  # the words must be apart by spaces only
    number = cues.word_shapes("# in #")
    assert cues.may_start(number, "1", " ", "in") and not cues.may_start(number, "1", " ", "out")
    assert cues.may_start(number, "a", " ", "hundred") and not cues.may_start(number, "a", " ", "dog")
    assert cues.may_start(number, "1", ",", "000")  # the number may go on
    assert not cues.may_start(cues.word_shapes("can't"), "can", " ", "do")  # needs the apostrophe
    assert cues.may_start(cues.word_shapes("A&E"), "A", "&", "E")
    assert not cues.may_start(cues.word_shapes("A&E"), "a", "&", "E")  # capitals only
    assert [shape[:3] for shape in cues.word_shapes("not (medical )?advice")] == [
        (("word", "not", False), ("space", ("word", "advice", True)), False),
        (("word", "not", False), ("space", ("word", "medical", True)), False),
    ]


def test_a_pair_of_words_is_certain_only_when_both_words_and_what_follows_allow_it():
    side = cues.word_shapes("side effect*")
    assert cues.pair_length(side, "side", " ", "effects", ".") == len("side effects")
    assert cues.pair_length(side, "Side", "\n", "Effects", "") == len("Side\nEffects")
    assert cues.pair_length(side, "side", " ", "effects", "-") is None  # the * would run on
    assert cues.pair_length(side, "side", " ", "affects", ".") is None
    people = cues.word_shapes("# people")
    assert cues.pair_length(people, "65", " ", "people", " ") == len("65 people")
    assert cues.pair_length(people, "6", ".", "5", " ") is None
    assert cues.pair_length(cues.word_shapes("a few"), "a", " ", "few", "'") is None  # "a few's"
    assert cues.pair_length(cues.word_shapes("not (medical )?advice"), "not", " ", "advice", " ") is None  # two shapes
