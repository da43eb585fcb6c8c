"""The fast Markdown front end (markdown-it-pyrs) must give exactly the documents markdown-it-py gives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentci.document import markdown_fast
from contentci.document.parse import parse

pytestmark = pytest.mark.skipif(not markdown_fast.available(), reason="markdown-it-pyrs is not installed")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate_corpus

FIXTURES = Path(__file__).parent / "fixtures"


def shape(doc):
    return (
        [
            (b.kind, b.level, b.text, [(p.text_start, p.src_start, p.length, p.src_len) for p in b.pieces])
            for b in doc.blocks
        ],
        [(link.href, link.start) for link in doc.links],
        sorted(doc.html_spans),
    )


def both(text: str, monkeypatch=None):
    data = text.encode("utf-8")
    fast = parse("a.md", data)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(markdown_fast, "extract", lambda *a: False)
        slow = parse("a.md", data)
    return shape(fast), shape(slow)


SAMPLES = [
    "# Head *x*\nSetext\n===\n- a **b** ~~s~~\n  - c <span>h</span>\n\n> q\n>> r\n\n1. one  \n   two\\\n   three\n",
    "| a | b |\n|---|---|\n| c \\| d | e |\n\n```py\ncode\n```\n\n    indented\n\n<!-- c -->\n<div>\nx\n</div>\n",
    "![alt *t*](i.png \"t\") <http://x.y> [r][ref] [t](u 'tt') foo@bar.com <a@b.c>\n\n[ref]: http://z\n***\n",
    "- a\n\n  b\n- ``x`` y\n\n1) loose\n   cont\n\ntext &amp; \\* é ü 😀 [é](ü) and `ç` done\n",
    "---\ntitle: Café ☕\n---\n\n# Über *naïve*\r\nLine one\r\nline two https://example.com/ü. End.\r\n",
    'Visit www.example.com, or (https://a.b/c_(d)).\n\n> quote with [link](http://x "t")\n> and more\n',
    "* * *\n\n+ plus\n+ list\n\n2. two\n3. three\n\n<b>bold</b> text &copy; &#169; &#xA9;\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_front_end_matches_markdown_it_py(text, monkeypatch):
    fast, slow = both(text, monkeypatch)
    assert fast == slow


def test_fast_front_end_matches_on_generated_articles_and_fixtures(monkeypatch):
    rng = random.Random(3)
    texts = [generate_corpus.article(rng, n) for n in range(60)]
    texts += [generate_corpus.article(rng, n, wide=True) for n in range(20)]  # the benchmark's wide vocabulary
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.md"))]
    for text in texts:
        fast, slow = both(text, monkeypatch)
        assert fast == slow, text[:200]


def test_deeply_nested_input_uses_the_safe_parser():
    assert not markdown_fast.safe_for_fast(">" * 100_000 + " x\n")
    assert not markdown_fast.safe_for_fast("1. " * 100_000)
    assert not markdown_fast.safe_for_fast("*a " * 30_000)
    assert markdown_fast.safe_for_fast("# Title\n\nSome *text* with > and [a](b).\n")


PIECES = st.sampled_from(
    [
        "word",
        "Word",
        " ",
        " ",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "#",
        "# ",
        "- ",
        "1. ",
        "> ",
        "    ",
        "\t",
        "&amp;",
        "&#169;",
        "\\",
        "\\*",
        "http://x.y/z",
        "www.a.bc",
        "<http://q.r>",
        "é",
        "😀",
        "ü",
        "|",
        "---",
        "~~",
        "<!--",
        "-->",
        "<b>",
        "</b>",
        "\r\n",
        '"',
        "'",
        ".",
        "e.g.",
        "Dr.",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join))
def test_fast_front_end_gives_a_valid_document_on_markdown_soup(text):
    """On garbage both parsers may read a delimiter run differently (``~~a~~~~b``, ``<!-->``,
    emphasis beside an emoji); what must hold is that every prose piece maps back exactly."""
    doc = parse("a.md", text.encode("utf-8"))
    assert_valid(doc)


def assert_valid(doc):
    src = doc.source
    last = -1
    for block in doc.blocks:
        pos = 0
        for p in block.pieces:
            assert p.text_start == pos and p.length > 0
            assert 0 <= p.src_start and p.src_start + p.src_len <= len(src)
            if p.verbatim:
                assert src[p.src_start : p.src_start + p.length] == block.text[pos : pos + p.length]
            assert p.src_start >= last
            last = p.src_start
            pos += p.length
        assert pos == len(block.text)
