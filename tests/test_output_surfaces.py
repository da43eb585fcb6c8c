"""The output surfaces of `check` and `merge`: the gitlab, rdjson, checkstyle and azure formats,
-o/--output-file, --statistics, --exit-zero, --color, and the text excerpts (--concise).

Each format is checked as its consumer reads it: GitLab's Code Quality fields (the shape its
documentation requires, as a JSON schema below), reviewdog's published rdjson schema (vendored in
tests/fixtures), Checkstyle XML parsed back, Azure logging commands parsed back with a strict
pattern and unescaped as the agent does.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from contentci.output.formats.text import excerpt
from contentci.output.sources import Sources

FIXTURES = Path(__file__).parent / "fixtures"
RDJSON_SCHEMA = FIXTURES / "rdjson-DiagnosticResult.jsonschema"

# Non-ASCII before the hype words: code-point and UTF-8 byte columns differ (é is 2 bytes, 𐐀 4).
ARTICLE = "# Stem cell therapy\n\nAt the café 𐐀 clinic, this revolutionary treatment cures everything.\n"
HYPE = ["--select", "claims/hype"]

# GitLab Code Quality report: the fields GitLab's documentation marks required, and its severities.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- gitlab -------------------------------------------------------------------------------------
def test_gitlab_report_has_the_fields_gitlab_requires(run, article):
    result = run("check", "--format", "gitlab", "a.md")
    assert result.exit_code == 1
    issues = json.loads(result.output)
    errors = list(jsonschema.Draft7Validator(GITLAB_SCHEMA).iter_errors(issues))
    assert not errors, errors[0]
    hype = [i for i in issues if i["check_name"] == "claims/hype"]
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in hype] == [
        ("a.md", 3, "minor"),
        ("a.md", 3, "minor"),
    ]
    assert {i["severity"] for i in issues if i["check_name"] == "disclaimer/medical-advice"} == {"major"}
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab shows one issue per fingerprint


def test_gitlab_fingerprints_stay_when_lines_move(run, article):
    before = {(i["check_name"], i["description"]): i["fingerprint"] for i in run("check", "--format", "gitlab", "a.md").json}
    article.write_text(ARTICLE.replace("\n\n", "\n\nAn opening line.\n\n", 1), encoding="utf-8")
    moved = run("check", "--format", "gitlab", "a.md").json
    assert [i["location"]["lines"]["begin"] for i in moved if i["check_name"] == "claims/hype"] == [5, 5]
    after = {(i["check_name"], i["description"]): i["fingerprint"] for i in moved}
    assert {k: after[k] for k in before if k[0] == "claims/hype"} == {k: v for k, v in before.items() if k[0] == "claims/hype"}
    # ...and a file with another name gets other fingerprints for the same findings
    (article.parent / "b.md").write_text(ARTICLE, encoding="utf-8")
    both = run("check", "--format", "gitlab", "a.md", "b.md").json
    assert len({i["fingerprint"] for i in both}) == len(both)


# -- rdjson -------------------------------------------------------------------------------------
def _rdjson_validator():
    return jsonschema.Draft4Validator(json.loads(RDJSON_SCHEMA.read_text(encoding="utf-8")))


def _offset(data: bytes, line: int, column: int) -> int:
    """Byte offset of a 1-based line and UTF-8 byte column, as reviewdog reads them."""
    start = 0
    for _ in range(line - 1):
        start = data.index(b"\n", start) + 1
    return start + column - 1


def _apply(data: bytes, suggestions: list[dict]) -> bytes:
    spans = []
    for s in suggestions:
        r = s["range"]
        spans.append((_offset(data, **r["start"]), _offset(data, **r["end"]), s["text"].encode()))
    for start, end, text in sorted(spans, reverse=True):
        data = data[:start] + text + data[end:]
    return data


def test_rdjson_validates_and_counts_columns_in_utf8_bytes(run, article):
    result = run("check", "--format", "rdjson", *HYPE, "a.md")
    assert result.exit_code == 0  # warnings only
    doc = json.loads(result.output)
    assert not list(_rdjson_validator().iter_errors(doc))
    assert doc["source"]["name"] == "contentci" and doc["severity"] == "WARNING"
    line = ARTICLE.split("\n")[2].encode()
    for d in doc["diagnostics"]:
        r = d["location"]["range"]
        word = line[r["start"]["column"] - 1 : r["end"]["column"] - 1].decode()
        assert f"'{word}'" in d["message"]  # the byte range holds exactly the flagged word
        assert d["severity"] == "WARNING" and d["code"]["value"] == "claims/hype" and d["code"]["url"]
    assert [d["location"]["range"]["start"]["column"] for d in doc["diagnostics"]] == [32, 56]  # code points 28, 52; é +1, 𐐀 +3


def test_rdjson_suggestions_applied_by_bytes_fix_what_they_claim(run, article):
    doc = run("check", "--format", "rdjson", "--select", "claims/hype,disclaimer", "a.md").json
    assert not list(_rdjson_validator().iter_errors(doc))
    with_fix = {d["code"]["value"]: d["suggestions"] for d in doc["diagnostics"] if "suggestions" in d}
    assert [s["text"] for s in with_fix["claims/hype"]] == ["treats"]  # the last hype finding's
    hype = [d for d in doc["diagnostics"] if d["code"]["value"] == "claims/hype"]
    assert [d["suggestions"][0]["text"] for d in hype] == ["new", "treats"]
    inserts = [s for rule, found in with_fix.items() if rule.startswith("disclaimer/") for s in found]
    assert inserts and all(s["range"]["start"] == s["range"]["end"] for s in inserts)  # zero-width
    every = [s for d in doc["diagnostics"] for s in d.get("suggestions", [])]
    article.write_bytes(_apply(article.read_bytes(), every))
    fixed = article.read_text(encoding="utf-8")
    assert "this new treatment treats everything" in fixed
    assert fixed.count("It is not medical advice") == 1  # each insertion offered once
    again = run("check", "--format", "json", "--select", "claims/hype,disclaimer", "a.md")
    assert again.rules() == []


def test_rdjson_without_the_source_gives_lines_only_and_no_suggestions(run, article, tmp_path):
    report = run("check", "--format", "json", *HYPE, "a.md").output
    (tmp_path / "shard.json").write_text(report, encoding="utf-8")
    article.unlink()  # merged where the files are not
    doc = run("merge", "--format", "rdjson", "shard.json").json
    assert not list(_rdjson_validator().iter_errors(doc))
    assert [d["location"]["range"] for d in doc["diagnostics"]] == [{"start": {"line": 3}, "end": {"line": 3}}] * 2
    assert not any("suggestions" in d for d in doc["diagnostics"])


# -- checkstyle ---------------------------------------------------------------------------------
def test_checkstyle_parses_and_lists_each_finding(run, article):
    result = run("check", "--format", "checkstyle", *HYPE, "a.md")
    root = ET.fromstring(result.output.encode())
    assert root.tag == "checkstyle" and root.get("version")
    files = root.findall("file")
    assert [f.get("name") for f in files] == ["a.md"]
    errors = [(e.get("line"), e.get("column"), e.get("severity"), e.get("source")) for e in files[0]]
    assert errors == [("3", "28", "warning", "claims/hype"), ("3", "52", "warning", "claims/hype")]
    assert files[0][0].get("message") == "Hype: 'revolutionary' oversells. Try: 'new'. Suggestion: new"


def test_checkstyle_survives_hostile_names_and_messages(run, tmp_path):
    name = "x<script>&\"'\x1b[2J\x01.md"
    (tmp_path / name).write_text(ARTICLE.replace("# Stem", "# <b>Stem\x0b</b>"), encoding="utf-8")
    result = run("check", "--format", "checkstyle", ".")
    root = ET.fromstring(result.output.encode())  # well-formed XML 1.0
    (file,) = root.findall("file")
    assert file.get("name") == "x<script>&\"'\ufffd[2J\ufffd.md"  # escaped, forbidden characters replaced
    assert "<script>" not in result.output and "\x1b" not in result.output


# -- azure ----------------------------------------------------------------------------------------
AZURE = re.compile(
    r"##vso\[task\.logissue type=(error|warning);sourcepath=([^;\]\r\n]*);linenumber=(\d+);"
    r"columnnumber=(\d+);code=([^;\]\r\n]*)\]([^\r\n]*)"
)


def _unescape(text: str) -> str:
    """As the agent does (CommandStringConvertor.Unescape): the four tokens, then %AZP25."""
    for token, escaped in ((";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D")):
        text = text.replace(escaped, token)
    return text.replace("%AZP25", "%")


def test_azure_lines_parse_back_to_the_findings(run, tmp_path):
    name = "odd;name]%AZP25%3B.md"
    (tmp_path / name).write_text(ARTICLE.replace("clinic,", "clinic; 100% ]sure,"), encoding="utf-8")
    findings = run("check", "--format", "json", ".").json["files"][0]["diagnostics"]
    out = run("check", "--format", "azure", ".").output.splitlines()
    commands = [line for line in out if line.startswith("##vso[")]
    assert len(commands) == sum(d["severity"] != "info" for d in findings)
    for line, d in zip(commands, [d for d in findings if d["severity"] != "info"]):
        m = AZURE.fullmatch(line)
        assert m, line
        kind, path, number, column, code, message = m.groups()
        assert (kind, int(number), int(column), _unescape(code)) == (d["severity"], d["line"], d["column"], d["rule"])
        assert _unescape(path) == str(tmp_path / name)
        expected = d["message"] + (f"\nSuggestion: {d['suggestion']}" if d["suggestion"] else "")
        assert _unescape(message) == expected
    infos = [line for line in out if not line.startswith("##vso[")]
    assert infos[-1].startswith("contentci: ") and "checked" in infos[-1]
    assert len(infos) == 1 + sum(d["severity"] == "info" for d in findings)


# -- -o / --output-file ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "json", "gitlab", "checkstyle"])
def test_output_file_takes_the_output_instead_of_stdout(run, article, tmp_path, fmt):
    result = run("check", "--format", fmt, "-o", "out/report", "--color", "always", *HYPE, "a.md")
    assert result.exit_code == 0 and result.output == ""
    written = (tmp_path / "out" / "report").read_text(encoding="utf-8")
    assert "\x1b" not in written  # files are never coloured
    same = run("check", "--format", fmt, "--color", "never", *HYPE, "a.md").output
    assert written == same


def test_output_file_that_cannot_be_written_is_exit_2(run, article, tmp_path):
    (tmp_path / "dir").mkdir()
    result = run("check", "-o", "dir", *HYPE, "a.md")
    assert result.exit_code == 2 and "cannot write text output to dir" in result.stderr


# -- --statistics ---------------------------------------------------------------------------------
def test_statistics_counts_per_rule_most_frequent_first(run, article):
    result = run("check", "--statistics", "--concise", "--select", "claims/hype,disclaimer/medical-advice", "a.md")
    lines = result.output.splitlines()
    assert lines[-5:] == [
        "",
        "2  claims/hype                Sensational words (breakthrough, miracle, revolutionary, game-changer, cure...) "
        "at their exact span.",
        "1  disclaimer/medical-advice  No statement that the article is general information, not medical advice.",
        "",
        "1 error, 2 warnings, 0 infos in 1 file checked",
    ]


def test_statistics_with_a_machine_format_go_to_stderr(run, article):
    result = run("check", "--statistics", "--format", "json", *HYPE, "a.md")
    assert json.loads(result.output)["summary"]["warnings"] == 2  # stdout stays one JSON document
    assert result.stderr.splitlines()[0].split()[:2] == ["2", "claims/hype"]


# -- --exit-zero ----------------------------------------------------------------------------------
def test_exit_zero_passes_findings_but_never_a_failed_run(run, article, tmp_path):
    assert run("check", "a.md").exit_code == 1
    assert run("check", "--exit-zero", "a.md").exit_code == 0
    assert run("check", "--exit-zero", "missing.md").exit_code == 2
    (tmp_path / "empty").mkdir()
    assert run("check", "--exit-zero", "empty").exit_code == 2  # nothing checked
    (tmp_path / ".contentci.toml").write_text("[rules\n")
    broken = run("check", "--exit-zero", "a.md")
    assert broken.exit_code == 2 and ".contentci.toml" in broken.stderr  # config error
    (tmp_path / ".contentci.toml").unlink()
    required = run("check", "--exit-zero", "--require-grammar", "a.md", env={"CONTENTCI_GRAMMAR": "required",
                   "CONTENTCI_LANGUAGETOOL_URL": "http://127.0.0.1:9"})
    assert required.exit_code == 2 and "grammar is required but was not checked" in required.stderr


def test_merge_exit_zero(run, article, tmp_path):
    (tmp_path / "shard.json").write_text(run("check", "--format", "json", "a.md").output, encoding="utf-8")
    assert run("merge", "shard.json").exit_code == 1
    assert run("merge", "--exit-zero", "shard.json").exit_code == 0


# -- --color --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "flag, env, coloured",
    [
        ("always", {"NO_COLOR": "1"}, True),
        ("never", {"FORCE_COLOR": "1"}, False),
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("auto", {}, False),  # not a terminal
    ],
)
def test_color_flag_wins_over_the_environment(run, article, flag, env, coloured):
    result = run("check", "--color", flag, *HYPE, "a.md", env=env)
    assert ("\x1b[" in result.output) is coloured
    if coloured:
        assert "\x1b[33mwarning\x1b[0m" in result.output


# -- excerpts ---------------------------------------------------------------------------------------
def test_text_shows_the_source_line_and_carets_by_default(run, article):
    result = run("check", *HYPE, "a.md")
    assert result.output.splitlines() == [
        "a.md:3:28: warning claims/hype Hype: 'revolutionary' oversells. Try: 'new'.",
        "  3 | At the café 𐐀 clinic, this revolutionary treatment cures everything.",
        "    |                            ^^^^^^^^^^^^^",
        "    suggestion: new",
        "",
        "a.md:3:52: warning claims/hype Hype: 'cures' oversells. Try: 'treats'.",
        "  3 | At the café 𐐀 clinic, this revolutionary treatment cures everything.",
        "    |                                                    ^^^^^",
        "    suggestion: treats",
        "",
        "0 errors, 2 warnings, 0 infos in 1 file checked",
    ]


def test_concise_and_quiet_print_one_line_per_finding(run, article):
    concise = run("check", "--concise", *HYPE, "a.md").output.splitlines()
    assert concise == [
        "a.md:3:28: warning claims/hype Hype: 'revolutionary' oversells. Try: 'new'.",
        "    suggestion: new",
        "a.md:3:52: warning claims/hype Hype: 'cures' oversells. Try: 'treats'.",
        "    suggestion: treats",
        "",
        "0 errors, 2 warnings, 0 infos in 1 file checked",
    ]
    assert run("check", "-q", *HYPE, "a.md").output.splitlines() == [concise[0], concise[2]]


def test_excerpt_of_a_long_hostile_line_is_clipped_and_escaped(run, tmp_path):
    line = "It works well. " * 20 + "Th\x1b[2Je revolutionary treatment cures everything. " + "It works well. " * 20
    (tmp_path / "a.md").write_text(f"# Stem cell therapy\n\n{line}\n", encoding="utf-8")
    out = run("check", *HYPE, "a.md").output.splitlines()
    source, carets = out[1], out[2]
    assert source.startswith("  3 | …") and source.endswith("…")
    assert "\x1b" not in source and "\\x1b[2J" in source
    assert len(source) < 120
    start = carets.index("^")
    assert source[start : start + len("revolutionary")] == "revolutionary"
    assert carets[start:] == "^" * len("revolutionary")


def test_excerpt_falls_back_to_nothing_when_the_file_changed_or_vanished(tmp_path):
    from contentci.core.diagnostic import Diagnostic, Severity

    d = Diagnostic("claims/hype", Severity.WARNING, "m", 3, 28, 3, 41)
    assert Sources().lines(str(tmp_path / "gone.md")) is None
    (tmp_path / "fifo").exists() or os.mkfifo(tmp_path / "fifo")
    assert Sources().lines(str(tmp_path / "fifo")) is None  # never blocks on a FIFO
    assert excerpt(["# Title"], d) == []  # the line is gone
    assert excerpt(["# Title", "", "short"], d) == []  # the column is past the line's end
    assert excerpt(ARTICLE.split("\n"), d)[1].endswith("^" * 13)


def test_text_run_whose_file_vanished_prints_findings_without_excerpts(run, article, tmp_path, monkeypatch):
    import contentci.output.sources as sources

    monkeypatch.setattr(sources, "_read", lambda path: None)
    out = run("check", *HYPE, "a.md").output.splitlines()
    assert out[0].startswith("a.md:3:28:") and out[1] == "    suggestion: new"
