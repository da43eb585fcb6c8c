"""Optimisations that must not change answers: each fast path against the straightforward one."""

from __future__ import annotations

import bisect
import random
import re

import pyphen
import pytest

from conftest import SEED

from contentci.document import markdown, markdown_fast, sentences
from contentci.analysis.readability import scores as readability, syllables
from contentci.document.model import _URL_TRAILING, URL_RE, Link, Piece, _BlockBuilder, add_prose_text
from contentci.document.parse import parse

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


def reference_lookup(word: str) -> int | None:
    """``syllables.lookup`` as first written: bisection over the whole blob, line by line."""
    blob = syllables._dictionary()
    lo, hi = 0, len(blob)
    while lo < hi:
        mid = (lo + hi) // 2
        s = blob.rfind("\n", lo, mid)
        s = lo if s < 0 else s + 1
        e = blob.find("\n", s)
        tab = blob.find("\t", s, e)
        key = blob[s:tab]
        if key == word:
            return int(blob[tab + 1 : e])
        if key < word:
            lo = e + 1
        else:
            hi = s
    return None


def test_sampled_dictionary_search_agrees_with_bisecting_the_blob(dictionary):
    words = sorted(dictionary)
    assert all(syllables.lookup(w) == dictionary[w] for w in words)  # every entry, first and last included
    keys = syllables.SortedTable(syllables._dictionary()).keys
    rng = random.Random(43)
    near = [w + s for w in rng.sample(words, 3000) + keys for s in ("", "a", "'", "\t", "\n", " ")]
    near += [w[:-1] for w in keys if w] + ["", "\t", "\n", "\t1\n", "~", "\U0010ffff", "0", "a\nb"]
    near += ["".join(rng.choice("ab'\t\n.-") for _ in range(rng.randrange(0, 6))) for _ in range(3000)]
    for w in near:
        assert syllables.lookup(w) == reference_lookup(w), repr(w)


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
    return total, scored, readability.scores(total), list(all_jargon.values())


@pytest.mark.parametrize("table_limit", [None, 3])
def test_readability_analysis_matches_the_reference(table_limit, monkeypatch):
    if table_limit is not None:  # the token table forgetting, and huge sentences counted on the side
        monkeypatch.setattr(readability, "_TABLE_LIMIT", table_limit)
        monkeypatch.setattr(readability, "_TOKEN_TABLES", {})
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
            total, scored, scores, jargon = reference_analyze(doc, *extra)
            assert (fast.counts, fast.sentences, fast.scores, fast.jargon) == (total, scored, scores, jargon), doc.path
            assert fast.grade == scores["grade"] and len(fast) == len(scored)
            grades = [(s.counts.words, s.grade) for s in scored]
            assert fast.sentence_grades() == grades
            assert [(s.counts.words, s.grade) for s in fast.sentences] == grades


# -- parsing: the direct walk of the Rust tree against flattening it into tokens -------------------

_MARKDOWN_PIECES = [
    "word",
    "Word ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "*",
    "**",
    "_",
    "`",
    "``",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "!",
    "# ",
    "## ",
    "- ",
    "  - ",
    "    - ",
    "1. ",
    "> ",
    "> > ",
    "    ",
    "\t",
    "&amp;",
    "&eacute;",
    "&#169;",
    "\\",
    "\\*",
    "  \n",
    "\\\n",
    "http://x.y/z",
    "www.a.bc",
    "WWW.A.BC ",
    "<http://q.r>",
    "<a@b.c>",
    '[t](http://u.v "ti")',
    "![i *x*](p.png)",
    "[r][ref]\n\n[ref]: http://z\n",
    "`co de`",
    "<span>h</span>",
    "<!-- c -->",
    "\n<div>\nx\n</div>\n",
    "| a | b |\n|---|---|\n| c | d |\n",
    "\n```\ncode\n```\n",
    "caf\u00e9 ",
    "\U0001f600",
    "\u00fc",
    "\u2019",
    "Setext\n===\n",
    "e.g. ",
    "Dr. ",
    ".",
]


def _markdown_texts() -> list[str]:
    import test_markdown_fast

    rng = random.Random(13)
    texts = list(test_markdown_fast.SAMPLES)
    texts += [test_markdown_fast.generate_corpus.article(rng, n) for n in range(40)]
    texts += [SEED.read_text(encoding="utf-8")]
    texts += ["".join(rng.choice(_MARKDOWN_PIECES) for _ in range(rng.randrange(0, 80))) for _ in range(1500)]
    texts += [t.replace("\n", "\r\n") for t in texts[:60]]
    texts += ["---\ntitle: Caf\u00e9 \u2615\n---\n" + t for t in texts[:30]]
    texts += [t.replace("e", "\u00e9").replace(">", "\u2019>") for t in texts[-200:]]  # bytes != characters
    return texts


def test_direct_tree_walk_matches_the_token_route(monkeypatch):
    import reference_flatten
    import test_markdown_fast

    if not markdown_fast.available():
        pytest.skip("markdown-it-pyrs is not installed")
    for text in _markdown_texts():
        data = text.encode("utf-8")
        fast = test_markdown_fast.shape(parse("a.md", data))
        with monkeypatch.context() as m:
            m.setattr(markdown_fast, "extract", reference_flatten.reference_extract)
            reference = test_markdown_fast.shape(parse("a.md", data))
        assert fast == reference, repr(text[:300])


class ReferenceBuilder:
    """``_BlockBuilder`` as first written: a Piece per add, replaced when verbatim runs merge."""

    def __init__(self):
        self.parts, self.pieces, self.size = [], [], 0

    def add(self, text, src_start, src_len=None):
        if not text:
            return
        src_len = len(text) if src_len is None else src_len
        last = self.pieces[-1] if self.pieces else None
        if (
            last is not None
            and last.verbatim
            and src_len == len(text)
            and last.src_start + last.src_len == src_start
            and last.text_start + last.length == self.size
        ):
            self.pieces[-1] = Piece(last.text_start, last.src_start, last.length + len(text), last.src_len + src_len)
        else:
            self.pieces.append(Piece(self.size, src_start, len(text), src_len))
        self.parts.append(text)
        self.size += len(text)


def test_block_builder_and_url_filter_match_the_reference():
    rng = random.Random(17)
    words = ["a", "bc", "", "&", "\n", "see http://x.y/z.", "www.q.org", "WWW.Q.ORG", "w.", "W.", ":/", "ftp://a"]
    for _ in range(3000):
        fast, slow = _BlockBuilder(), ReferenceBuilder()
        pos = 0
        for _ in range(rng.randrange(0, 12)):
            text = rng.choice(words)
            gap = rng.choice((0, 0, 1, 3))
            src_len = rng.choice((None, None, len(text), len(text) + 4))
            pos += gap
            fast.add(text, pos, src_len)
            slow.add(text, pos, src_len)
            pos += len(text) if src_len is None else src_len
        assert (fast.parts, fast.pieces, fast.size) == (slow.parts, slow.pieces, slow.size)
    doc = parse("x.txt", b"")
    for _ in range(3000):
        text = "".join(rng.choice(words + [" ", "."]) for _ in range(rng.randrange(0, 8)))
        fast, slow = _BlockBuilder(), ReferenceBuilder()
        doc.links.clear()
        add_prose_text(doc, fast, text, 5)
        fast_links = list(doc.links)
        doc.links.clear()
        pos = 0
        for m in URL_RE.finditer(text):  # the loop without the "://" / "w." pre-check
            url = m.group().rstrip(_URL_TRAILING)
            slow.add(text[pos : m.start()], 5 + pos)
            doc.links.append(Link(url, 5 + m.start()))
            pos = m.start() + len(url)
        slow.add(text[pos:], 5 + pos)
        assert (fast.parts, fast.pieces, fast_links) == (slow.parts, slow.pieces, doc.links), text


def reference_matching_bracket(src: str, i: int) -> int:
    depth, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


def reference_skip_destination(src: str, cursor: int) -> int:
    i = src.find("]", cursor)
    if i < 0:
        return cursor
    i += 1
    if i < len(src) and src[i] == "(":
        depth, quote, n = 0, None, len(src)
        while i < n:
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if quote:
                if c == quote:
                    quote = None
            elif c in "\"'" and depth == 1 and src[i - 1] in " \t\n":
                quote = c
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return n
    if i < len(src) and src[i] == "[":
        j = src.find("]", i)
        return j + 1 if j >= 0 else i
    return i


def test_link_scanners_and_nesting_check_match_the_reference():
    rng = random.Random(19)
    alphabet = ["[", "]", "(", ")", "\\", '"', "'", " ", "\t", "\n", "a", "b", "\u00e9", "!["]
    for _ in range(20_000):
        src = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        i = rng.randrange(0, len(src) + 2)
        assert markdown._matching_bracket(src, i) == reference_matching_bracket(src, i), (src, i)
        assert markdown._skip_destination(src, i) == reference_skip_destination(src, i), (src, i)
    deep = re.compile(r"^[ \t>*+\-0-9.)]{400,}", re.MULTILINE)
    prefixes = ["", "x\n", "\n", "\r\n", "a\n\n", "text " * 3 + "\n"]
    runs = ["> " * 200, ">" * 399, "1. " * 150, " " * 400, "- " * 199 + "x", "*" * 401]
    for prefix in prefixes:
        for run in runs:
            for suffix in ("", " x", "\n"):
                text = prefix + run + suffix
                assert (
                    markdown_fast._DEEP_PREFIX.match(text) is None and markdown_fast._DEEP_LINE.search(text) is None
                ) == (deep.search(text) is None), repr(text[:20])


def test_hyphenation_cache_file_round_trips_and_a_bad_one_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTENTCI_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(syllables, "_patterns", None)
    built = syllables._hyphenation()
    (path,) = tmp_path.glob("hyphen-en_US-*.txt")
    assert syllables._load_patterns(path.read_bytes()) == built
    hd = pyphen.Pyphen(lang="en_US").hd
    assert {k: syllables._encode(*v) for k, v in hd.patterns.items()} == built[0] and built[1] == hd.maxlen
    path.write_bytes(b"12 .ab")  # truncated: read as a miss and written again
    monkeypatch.setattr(syllables, "_patterns", None)
    assert syllables._hyphenation() == built
    assert syllables._load_patterns(path.read_bytes()) == built


# -- second round: the grade formulas, lazy pieces, line starts, the short-text nesting check -------


def reference_dale_chall_grade(score: float) -> float:
    points = readability._DC_POINTS
    if score <= points[0][0]:
        return points[0][1] - (points[0][0] - score)
    for (s0, g0), (s1, g1) in zip(points, points[1:]):
        if score <= s1:
            return g0 + (g1 - g0) * (score - s0) / (s1 - s0)
    return points[-1][1] + (score - points[-1][0])


def reference_grade(c: readability.Counts) -> float:
    """``jargon_aware_grade`` as first written: the three formula functions on a Counts."""
    if not c.words or not c.sentences:
        return 0.0
    fk = readability.flesch_kincaid(c, True)
    fog = readability.gunning_fog(c, True)
    return (fk + fog + 3 * reference_dale_chall_grade(readability.dale_chall(c, True))) / 5


def test_grade_arithmetic_matches_the_formula_functions():
    rng = random.Random(23)
    scores = [p[0] + d for p in readability._DC_POINTS for d in (-1e-9, 0.0, 1e-9)] + [-50.0, 0.0, 1e6]
    scores += [rng.uniform(-5, 20) for _ in range(20_000)]
    for score in scores:
        assert readability.dale_chall_grade(score) == reference_dale_chall_grade(score), score
    for _ in range(50_000):
        words = rng.randrange(0, 60)
        c = readability.Counts(
            words,
            rng.randrange(0, 4 * words + 1),
            rng.randrange(0, words + 1),
            rng.randrange(0, 9 * words + 1),
            rng.randrange(0, words + 1),
            rng.randrange(0, 4 * words + 1),
            rng.randrange(0, words + 1),
            rng.randrange(0, words + 1),
            rng.choice((0, 1, 1, 1, 2, 7, 400)),
        )
        assert readability.jargon_aware_grade(c) == reference_grade(c), c


def reference_line_starts(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def test_line_starts_match_the_regex_scan():
    from contentci.document.model import line_starts

    rng = random.Random(29)
    for _ in range(20_000):
        text = "".join(
            rng.choice(["a", "\n", "\r\n", " ", "\u00e9", "\U0001f600", "\n\n"]) for _ in range(rng.randrange(0, 30))
        )
        assert line_starts(text) == reference_line_starts(text), repr(text)


class ReferenceBlock:
    """``Block`` as first written: offsets translated through its Piece objects."""

    def __init__(self, block):
        self.text, self.pieces = block.text, list(block.pieces)
        self.starts = [p.text_start for p in self.pieces]

    def source_offset(self, i):
        if not self.pieces:
            return 0
        if i >= len(self.text):
            return self.pieces[-1].src_start + self.pieces[-1].src_len
        p = self.pieces[bisect.bisect_right(self.starts, i) - 1]
        return p.src_start + (i - p.text_start if p.verbatim else 0)

    def source_end(self, j):
        if j <= 0 or not self.pieces:
            return self.source_offset(0)
        p = self.pieces[bisect.bisect_right(self.starts, j - 1) - 1]
        return p.src_start + (j - p.text_start) if p.verbatim else p.src_start + p.src_len


def test_blocks_from_runs_translate_offsets_as_pieces_did():
    from contentci.document.model import Block

    texts = _markdown_texts()[::4] + _random_texts(31, 300)
    for n, text in enumerate(texts):
        doc = parse(f"d{n}.md" if n % 2 else f"d{n}.txt", text.encode("utf-8"))
        for block in doc.blocks:
            reference = ReferenceBlock(block)
            for i in range(-1, len(block.text) + 2):
                assert block.source_offset(i) == reference.source_offset(i), (text, block.text, i)
                assert block.source_end(i) == reference.source_end(i), (text, block.text, i)
            rebuilt = Block(block.kind, block.text, block.pieces, block.level)
            assert rebuilt == block and rebuilt.pieces == block.pieces and repr(rebuilt) == repr(block)
            assert block != Block(block.kind, block.text + "x", block.pieces, block.level)


def test_short_texts_skip_the_delimiter_count_with_the_same_verdict(monkeypatch):
    def reference(text):
        delimiters = sum(text.count(c) for c in "*_~>`")  # brackets are not counted (see safe_for_fast)
        if len(text) > markdown_fast.MAX_CHARS or delimiters > markdown_fast.MAX_DELIMITERS:
            return False
        return markdown_fast._DEEP_PREFIX.match(text) is None and markdown_fast._DEEP_LINE.search(text) is None

    monkeypatch.setattr(markdown_fast, "MAX_DELIMITERS", 12)
    rng = random.Random(37)
    for _ in range(20_000):
        text = "".join(rng.choice("*_~[>`ab \n") for _ in range(rng.randrange(0, 30)))
        assert markdown_fast.safe_for_fast(text) == reference(text), repr(text)
