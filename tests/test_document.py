"""The document model maps prose back to exact source positions."""

from contentci.document.parse import parse
from contentci.document.sentences import split


def span_of(doc, needle):
    for block in doc.blocks:
        i = block.text.find(needle)
        if i >= 0:
            start, end = block.source_span(i, i + len(needle))
            return doc.position(start), doc.position(end), doc.source[start:end]
    raise AssertionError(f"{needle!r} not in prose: {[b.text for b in doc.blocks]}")


def test_positions_through_markup():
    src = (
        "---\ntitle: x\n---\n"
        "# Heading **bold**\n"
        "\n"
        "Text with &amp; entity and a [link text](http://e.com/x) then target.\n"
        "- item with *emphasis* word\n"
        "\n"
        "| a | b |\n|---|---|\n| cell one | cell two |\n"
    )
    doc = parse("a.md", src.encode())
    assert doc.front_matter == {"title": "x"}
    assert span_of(doc, "bold")[:2] == ((4, 13), (4, 17))
    assert span_of(doc, "& entity")[2] == "&amp; entity"
    line6 = src.splitlines()[5]
    assert span_of(doc, "then target")[0] == (6, line6.index("then target") + 1)
    assert span_of(doc, "link text")[0] == (6, line6.index("link text") + 1)
    assert span_of(doc, "emphasis word")[2] == "emphasis* word"
    assert span_of(doc, "cell two")[0] == (11, src.splitlines()[10].index("cell two") + 1)
    assert [b.kind for b in doc.blocks] == [
        "heading",
        "paragraph",
        "list_item",
        "table_cell",
        "table_cell",
        "table_cell",
        "table_cell",
    ]


def test_crlf_bom_and_code_points():
    src = "\ufeffFirst line here.\r\n\r\n\U0001f600 Emoji then word here.\r\n"
    doc = parse("a.md", src.encode("utf-8"))
    assert doc.bom
    assert span_of(doc, "word")[0] == (3, 14)  # the emoji is one column


def test_code_html_urls_are_not_prose():
    src = (
        "Keep this `not this` and <span>x</span> and https://example.com/nope end.\n\n```\nnope\n```\n\n<!-- nope -->\n"
    )
    doc = parse("a.md", src.encode())
    prose = doc.prose
    assert "nope" not in prose and "not this" not in prose
    assert "Keep this" in prose and "end." in prose
    assert doc.links[0].href == "https://example.com/nope"


def test_plain_text_paragraphs():
    doc = parse("a.txt", b"One line\nsame paragraph.\n\nSecond paragraph.\n")
    assert [b.text for b in doc.blocks] == ["One line\nsame paragraph.", "Second paragraph."]
    assert span_of(doc, "Second")[0] == (4, 1)


def test_sentence_splitter_keeps_abbreviations():
    text = "Dr. Lee gave 2.5 mg, e.g. with food. In the U.S. it is common. Is it safe? Ask J. Smith first."
    assert [s.text for s in split(text)] == [
        "Dr. Lee gave 2.5 mg, e.g. with food.",
        "In the U.S. it is common.",
        "Is it safe?",
        "Ask J. Smith first.",
    ]


def test_title_line_and_colon_line_end_sentences():
    text = "How Stem Cell Therapy Can Help\nAutoimmune diseases occur when it fails.\nPain Relief:\nMany people hurt."
    assert [s.text for s in split(text)] == [
        "How Stem Cell Therapy Can Help",
        "Autoimmune diseases occur when it fails.",
        "Pain Relief:",
        "Many people hurt.",
    ]


def test_bad_front_matter_is_reported_not_raised(run, tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\nHello there.\n")
    (tmp_path / "b.md").write_text("---\nx: !!python/object/apply:os.system ['echo hi']\n---\nHello.\n")
    result = run("check", "--format", "json", "a.md", "b.md")
    assert result.exit_code == 1
    assert result.rules("a.md") == ["contentci/front-matter"]
    assert result.rules("b.md") == ["contentci/front-matter"]


def test_capitalised_acronym_before_period_ends_sentence():
    text = "Most trials were in MS. In lupus, results were mixed. Ms. Lee agreed."
    assert [s.text for s in split(text)] == [
        "Most trials were in MS.",
        "In lupus, results were mixed.",
        "Ms. Lee agreed.",
    ]
