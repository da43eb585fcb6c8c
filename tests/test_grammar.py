"""grammar/*: a real LanguageTool server, exact positions, what is never checked, cache, settings."""

import time

from conftest import source_at
from lt_support import CountingProxy

TYPOS = """---
title: Typos everywhere
---
Thiss line comes right after the front matter.

This is a **mistaek** in bold.

- A list iteem here.

😀 An emoji befor the typo.

See [the docs herre](https://example.com/page) for more.

| Dose | Note |
| --- | --- |
| Daily | Take it dayly |

Fish &amp; chips are tastey.
"""
# (line, column, typo) of each typo above
EXPECTED = [
    (4, 1, "Thiss"),
    (6, 13, "mistaek"),
    (8, 10, "iteem"),
    (10, 12, "befor"),
    (12, 15, "herre"),
    (16, 19, "dayly"),
    (18, 22, "tastey"),
]

IN_CODE = """---
title: mistaek in front matter
---
Run `mistaek --fix` before you start.

```
mistaek in a code block
```

    indented code mistaek

Visit https://mistaek.example.org today.

See [the guide](https://example.com/mistaek) for details.

<!-- mistaek in a comment -->

<div>mistaek in HTML</div>

An image ![mistaek](pic.png) here.
"""


def grammar_findings(result, path=None):
    return [
        d
        for f in result.json["files"]
        if path is None or f["path"] == path
        for d in f["diagnostics"]
        if d["rule"].startswith("grammar/")
    ]


def test_each_typo_is_reported_once_at_its_exact_line_and_column(run, tmp_path, grammar_env):
    doc = tmp_path / "typos.md"
    doc.write_text(TYPOS, encoding="utf-8")
    result = run("check", "typos.md", "--select", "grammar", "--format", "json")
    found = grammar_findings(result)
    assert [(d["rule"], d["line"], d["column"]) for d in found] == [
        ("grammar/MORFOLOGIK_RULE_EN_US", line, col) for line, col, _ in EXPECTED
    ]
    for d, (_, _, typo) in zip(found, EXPECTED):
        assert source_at(doc, d["line"], d["column"], len(typo)) == typo
        assert d["end_column"] - d["column"] == len(typo)
        assert typo in d["message"]
    assert found[1]["suggestion"] == "mistake" and found[1]["severity"] == "warning"
    assert result.exit_code == 0  # warnings do not fail the default --fail-on error


def test_the_same_typos_in_code_urls_html_and_front_matter_are_not_reported(run, tmp_path, grammar_env):
    (tmp_path / "code.md").write_text(IN_CODE, encoding="utf-8")
    result = run("check", "code.md", "--select", "grammar", "--format", "json")
    assert result.exit_code == 0
    assert grammar_findings(result) == []


def test_crlf_file_positions_are_exact(run, tmp_path, grammar_env):
    doc = tmp_path / "crlf.md"
    doc.write_bytes(b"A first line\r\nwith a secnod line.\r\n\r\n> Quoted\r\n> text with a typoo.\r\n")
    found = grammar_findings(run("check", "crlf.md", "--select", "grammar", "--format", "json"))
    assert [(d["line"], d["column"]) for d in found] == [(2, 8), (5, 15)]
    assert source_at(doc, 2, 8, 6) == "secnod" and source_at(doc, 5, 15, 5) == "typoo"


def test_second_run_over_unchanged_files_sends_nothing(run, tmp_path, grammar_env, monkeypatch):
    proxy = CountingProxy(grammar_env.url)
    try:
        monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_URL", proxy.url)
        (tmp_path / "a.md").write_text(TYPOS, encoding="utf-8")
        (tmp_path / "b.md").write_text(
            "A second file with a speling error.\n\nAnd a clean paragraph.\n", encoding="utf-8"
        )
        first = run("check", ".", "--select", "grammar", "--format", "json")
        sent = proxy.checks
        assert sent >= 1 and len(grammar_findings(first)) == len(EXPECTED) + 1
        second = run("check", ".", "--select", "grammar", "--format", "json")
        assert proxy.checks == sent, "an unchanged second run must send nothing to LanguageTool"
        assert second.output == first.output
        # Change one paragraph: only that paragraph is sent.
        (tmp_path / "b.md").write_text("A second file with a speling error.\n\nAnd a new paragrap.\n", encoding="utf-8")
        third = run("check", ".", "--select", "grammar", "--format", "json")
        assert proxy.checks == sent + 1
        assert b"paragrap" in proxy.bodies[-1] and b"speling" not in proxy.bodies[-1]
        assert [(d["line"], d["column"]) for d in grammar_findings(third, "b.md")] == [(1, 22), (3, 11)]
        # grammar.cache = false: every run asks again.
        (tmp_path / ".contentci.toml").write_text("[grammar]\ncache = false\n")
        before = proxy.checks
        run("check", "b.md", "--select", "grammar", "--format", "json")
        run("check", "b.md", "--select", "grammar", "--format", "json")
        assert proxy.checks == before + 2
    finally:
        proxy.close()


def test_grammar_findings_stay_when_the_content_cache_skips_reading_unchanged_files(
    run, tmp_path, grammar_env, monkeypatch
):
    # A warm run takes unchanged files' offline results from stat records without reading them;
    # the grammar part still needs their text (it once got none, and every finding vanished).
    from contentci.run import cache as content_cache

    proxy = CountingProxy(grammar_env.url)
    try:
        monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_URL", proxy.url)
        monkeypatch.setattr(content_cache, "clock", lambda: time.time_ns() + 10**10)  # files have settled
        (tmp_path / "a.md").write_text(TYPOS, encoding="utf-8")
        first = run("check", ".", "--format", "json")
        sent = proxy.checks
        assert len(grammar_findings(first)) == len(EXPECTED)
        second = run("check", ".", "--format", "json")
        assert second.output == first.output
        assert proxy.checks == sent  # the paragraphs came from the grammar cache
        # Changed between its stat (which matched the record) and the read for grammar: both
        # parts are then checked on the bytes read, as a run without the cache would.
        from contentci.run import parallel

        changed = TYPOS + "\nOne more sentance, and a revolutionary cure.\n"
        real = parallel.read_file
        monkeypatch.setattr(parallel, "read_file", lambda p: changed.encode() if str(p).endswith("a.md") else real(p))
        third = run("check", ".", "--format", "json")
        monkeypatch.setattr(parallel, "read_file", real)
        (tmp_path / "a.md").write_text(changed, encoding="utf-8")
        fresh = run("check", ".", "--format", "json", "--no-cache")
        assert third.json["files"] == fresh.json["files"]
        assert len(grammar_findings(third)) == len(EXPECTED) + 1
    finally:
        proxy.close()


def test_medical_words_are_accepted_and_config_adds_words_and_disables_rules(run, tmp_path, grammar_env):
    (tmp_path / "med.md").write_text(
        "Mesenchymal stromal cells differ from hematopoietic stem cells. Remestemcel is one product.\n\n"
        "Zorblaxine is a made-up drug.\n",
        encoding="utf-8",
    )
    found = grammar_findings(run("check", "med.md", "--select", "grammar", "--format", "json"))
    assert [(d["line"], d["column"], d["rule"]) for d in found] == [(3, 1, "grammar/MORFOLOGIK_RULE_EN_US")]
    (tmp_path / ".contentci.toml").write_text('[grammar]\naccept = ["Zorblaxine"]\n')
    assert grammar_findings(run("check", "med.md", "--select", "grammar", "--format", "json")) == []
    (tmp_path / ".contentci.toml").write_text('[grammar]\ndisable_rules = ["MORFOLOGIK_RULE_EN_US"]\n')
    assert grammar_findings(run("check", "med.md", "--select", "grammar", "--format", "json")) == []


def test_severity_follows_the_category_and_can_be_configured(run, tmp_path, grammar_env):
    (tmp_path / "style.md").write_text("He is a very unique person.\n\nI could of done it.\n", encoding="utf-8")
    found = grammar_findings(run("check", "style.md", "--select", "grammar", "--format", "json"))
    assert [(d["rule"], d["severity"]) for d in found] == [
        ("grammar/VERY_UNIQUE", "info"),
        ("grammar/MODAL_OF", "warning"),
    ]
    (tmp_path / ".contentci.toml").write_text(
        '[grammar]\ncategories = {REDUNDANCY = "error"}\n[rules]\n"grammar/MODAL_OF" = "off"\n'
    )
    result = run("check", "style.md", "--select", "grammar", "--format", "json")
    assert [(d["rule"], d["severity"]) for d in grammar_findings(result)] == [("grammar/VERY_UNIQUE", "error")]
    assert result.exit_code == 1
    only = run("check", "style.md", "--select", "grammar/VERY_UNIQUE", "--format", "json")
    assert [d["rule"] for d in only.json["files"][0]["diagnostics"]] == ["grammar/VERY_UNIQUE"]


def test_bad_category_severity_is_a_config_error(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text('[grammar]\ncategories = {STYLE = "loud"}\n')
    (tmp_path / "a.md").write_text("Hello.\n")
    result = run("check", "a.md")
    assert result.exit_code == 2 and "grammar.categories" in result.stderr and "loud" in result.stderr


def test_unavailable_languagetool_gives_one_notice_or_exit_2_when_required(run, tmp_path, monkeypatch):
    monkeypatch.setenv("CONTENTCI_GRAMMAR", "on")
    monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_HOME", str(tmp_path / "nothing-here"))
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("A short clean paragraph.\n")
    result = run("check", ".")
    assert result.exit_code == 0
    notices = [line for line in result.stderr.splitlines() if "grammar not checked" in line]
    assert len(notices) == 1 and "contentci languagetool install" in notices[0]
    assert run("check", ".", "--ignore", "grammar").stderr == ""
    required = run("check", ".", "--require-grammar")
    assert required.exit_code == 2 and "grammar is required" in required.stderr
    (tmp_path / ".contentci.toml").write_text("[grammar]\nrequired = true\n")
    assert run("check", ".").exit_code == 2


def test_unreachable_remote_server_is_named_in_the_notice(run, tmp_path, monkeypatch):
    from contentci.services.languagetool.server import pick_port

    url = f"http://127.0.0.1:{pick_port(None)}"
    monkeypatch.setenv("CONTENTCI_GRAMMAR", "on")
    monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_URL", url)
    (tmp_path / "a.md").write_text("A short clean paragraph.\n")
    result = run("check", "a.md")
    assert result.exit_code == 0 and f"{url} is not answering" in result.stderr


def test_server_dying_mid_run_is_a_clean_error(run, tmp_path, grammar_env, monkeypatch):
    proxy = CountingProxy(grammar_env.url, die_after=1)
    try:
        monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_URL", proxy.url)
        (tmp_path / "a.md").write_text("The first file is fine.\n")
        (tmp_path / "b.md").write_text("The second file never gets an answr.\n")
        result = run("check", ".", "--select", "grammar")
        assert result.exit_code == 2  # grammar was selected, so it is required
        assert "grammar is required but was not checked in 1 of 2 files: LanguageTool stopped answering" in (
            result.stderr
        )
        assert "Traceback" not in result.stderr + result.output
    finally:
        proxy.close()


def test_hung_server_times_out_instead_of_hanging(run, tmp_path, grammar_env, monkeypatch):
    proxy = CountingProxy(grammar_env.url)
    proxy.hang.set()
    try:
        monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_URL", proxy.url)
        (tmp_path / ".contentci.toml").write_text("[languagetool]\ntimeout = 2\n")
        (tmp_path / "a.md").write_text("Nobody answers this paragraph.\n")
        started = time.monotonic()
        result = run("check", "a.md", "--select", "grammar")
        assert result.exit_code == 2 and "stopped answering" in result.stderr
        assert time.monotonic() - started < 15
    finally:
        proxy.close()


def test_annotated_text_is_exactly_the_source_and_reads_as_the_prose():
    from contentci.document.parse import parse
    from contentci.services.languagetool.annotate import paragraphs

    src = "Some **bold** and `code` with &amp; an [link](https://x.org/a) and https://y.org here.\r\nNext line.\n"
    doc = parse("a.md", src.encode())
    (para,) = paragraphs(doc)
    assert para.source == doc.source[para.start : para.start + len(para.source)]
    reads_as = "".join(s.interpret if s.markup else s.source for s in para.segments)
    assert reads_as == "Some bold and X with & an link and X here.\nNext line."
    code = para.source.index("`code`")
    assert para.touches_opaque(code + 1, code + 3) and not para.touches_opaque(0, 4)


def test_utf16_offsets_become_code_points():
    from contentci.services.languagetool.client import Utf16Index, utf16_len

    text = "😀 a 𝒳 typo"
    index = Utf16Index(text)
    assert utf16_len(text) == len(text) + 2
    assert index.to_cp(utf16_len("😀 a 𝒳 ")) == text.index("typo")
