"""Property tests (hypothesis) over the document model and the whole per-file pipeline."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants import document_problems, result_problems

from contentci.run import parallel
from contentci.config.loading import build_config
from contentci.core.registry import config_schema
from contentci.document.parse import decode, parse
from contentci.core.result import Selection
from contentci.engine.check import check_bytes
from contentci.core.errors import DocumentError

CONFIG = build_config({}, __import__("pathlib").Path("."), None, config_schema()).resolve("a.md")
PIECES = st.sampled_from(
    [
        "Word",
        "word",
        "The stem cell therapy utilizes immunomodulatory mechanisms",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "*",
        "**",
        "_",
        "`",
        "```\n",
        "[",
        "](",
        ")",
        "<",
        ">",
        "!",
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "    ",
        "|",
        "---\n",
        "&amp;",
        "&#169;",
        "\\",
        "http://x.y/z",
        "www.a.bc",
        "<http://q.r>",
        "<!-- c -->",
        "<b>",
        "é",
        "😀",
        "文",
        ".",
        ". ",
        "? ",
        "e.g. ",
        "Dr. ",
        "U.S. ",
        "\u00a0",
        "\u2028",
        "\ufeff",
        "\x0c",
        "title: x\n",
    ]
)
MARKDOWN = st.one_of(
    st.lists(PIECES, max_size=80).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300),
)
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(MARKDOWN, st.sampled_from(["a.md", "a.txt"]))
def test_document_model_maps_every_piece_back(text, name):
    doc = parse(name, text.encode("utf-8", "surrogatepass"))
    assert document_problems(doc) == []
    for offset in (0, len(doc.source) // 2, len(doc.source), len(doc.source) + 5):
        line, col = doc.position(offset)
        assert 1 <= line <= doc.line_count and col >= 1


@SETTINGS
@given(MARKDOWN)
def test_pipeline_findings_lie_inside_the_file(text):
    data = text.encode("utf-8", "surrogatepass")
    result = check_bytes("a.md", data, CONFIG, Selection())
    try:
        source = decode(data)[0]
    except DocumentError:
        assert [d.rule for d in result.diagnostics] == ["contentci/unreadable"]
        return
    assert result_problems(result, source.split("\n")) == []


@SETTINGS
@given(st.binary(max_size=400))
def test_pipeline_never_raises_on_arbitrary_bytes(data):
    result = check_bytes("a.md", data, CONFIG, Selection())
    assert not result.internal_error
    try:
        source = decode(data)[0]
    except DocumentError:
        return
    assert result_problems(result, source.split("\n")) == []


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN, min_size=parallel.POOL_MIN_FILES, max_size=parallel.POOL_MIN_FILES + 8))
def test_results_do_not_depend_on_jobs(texts):
    items = [
        (f"f{n:02d}.md", t.encode("utf-8", "surrogatepass"), CONFIG, Selection(), None) for n, t in enumerate(texts)
    ]
    one = parallel._run(items, 1, None)
    two = parallel._run(items, 2, None)
    assert [r.to_json() for r in one] == [r.to_json() for r in two]
