"""Article text and file names cannot start a CI workflow command or reach a terminal as escape
codes, in any format (docs/hardening.md, "Output")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from contentci.core.escape import json_text, markup_text, one_line
from contentci.output.formats import FORMATS

# A bad front-matter date is quoted in its finding; the title and body reach other findings.
INJECTED = (
    "2024-13-45\n::add-mask::secret\n::error file=a.md,line=1::forged\n##[error]legacy"
    "\x1b]0;title\x07\x1b[2J\x9b31m\u202e\u2028::warning::after separator"
    "##vso[task.setvariable variable=pwned]yes;%AZP25]%0A<script>alert(1)</script>"
)
ARTICLE = (
    "---\n"
    f"title: {json.dumps(chr(27) + '[31m ::error::title')}\n"
    f"last_reviewed: {json.dumps(INJECTED)}\n"
    "topic: treatment\n"
    "---\n\n"
    "# Stem cell therapy\n\n"
    "This revolutionary treatment cures everything.\n"
)
NAMES = [
    "x\n::error title=pwn::y.md",
    "::warning::z.md",
    "  ::notice::w.md",
    "e\x1b[2Jsc.md",
    "h##[group]x.md",
    "v##vso[task.complete result=Failed]%;]<script>.md",
]
OUR_ANNOTATION = ("::error file=", "::warning file=", "::notice file=")
OUR_AZURE = ("##vso[task.logissue type=error;", "##vso[task.logissue type=warning;")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name in NAMES:
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    return folder


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contentci", "check", "--no-cache", *args, "."],
        cwd=folder,
        capture_output=True,
        env={**os.environ, "CONTENTCI_GRAMMAR": "off", "NO_COLOR": "1"},
        timeout=120,
    )


def _assert_inert(output: bytes, fmt: str, where: str) -> None:
    assert b"\x1b" not in output and "\x9b".encode() not in output, f"{fmt} {where}: raw escape"
    assert "\u202e".encode() not in output and "\u2028".encode() not in output, f"{fmt} {where}"
    text = output.decode("utf-8")
    for line in text.splitlines():
        assert "##[" not in line, f"{fmt} {where}: {line!r}"
        # The agent acts on the first ##vso[ anywhere in a line: only azure's own, at the start.
        vso = line.find("##vso[")
        if vso >= 0:
            assert fmt == "azure" and vso == 0 and line.startswith(OUR_AZURE), f"{fmt} {where}: {line!r}"
            message = line.partition("]")[2]  # the properties end at the first ]: none from an article
            assert "]" not in message and ";" not in message and "\r" not in message, f"{fmt}: {line!r}"
        if line.lstrip(" \t").startswith("::"):
            assert fmt == "github" and line.startswith(OUR_ANNOTATION), f"{fmt}: {line!r}"
            assert "add-mask" not in line.split("::", 2)[1]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_format_lets_content_start_a_command(hostile, fmt):
    proc = _run(hostile, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    _assert_inert(proc.stdout, fmt, "stdout")
    _assert_inert(proc.stderr, fmt, "stderr")
    if fmt == "github":  # only annotations of ours: 10 errors and 10 warnings shown, a notice per file
        annotations = [line for line in proc.stdout.decode().splitlines() if line.startswith(OUR_ANNOTATION)]
        assert len(annotations) == 20 + len(NAMES)


def test_machine_formats_keep_the_exact_text(hostile):
    """JSON and SARIF escape losslessly: a reader gets back the file names and the quoted value."""
    report = json.loads(_run(hostile, "--format", "json").stdout)
    assert sorted(f["path"] for f in report["files"]) == sorted(NAMES)
    dates = [d["message"] for f in report["files"] for d in f["diagnostics"] if d["rule"] == "metadata/date"]
    assert len(dates) == len(NAMES) and all(INJECTED in m for m in dates)
    sarif = json.loads(_run(hostile, "--format", "sarif").stdout)
    texts = [r["message"]["text"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "metadata/date"]
    assert all(INJECTED in t for t in texts)


def test_output_files_are_inert_too(hostile, tmp_path):
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in sorted(FORMATS)}
    args = [a for fmt, path in outs.items() for a in ("--output-format", f"{fmt}={path}")]
    proc = _run(hostile, "-q", *args)
    assert proc.returncode == 1, proc.stderr
    for fmt, path in outs.items():
        _assert_inert(path.read_bytes(), fmt, "file")


def test_one_line_shows_what_it_escapes():
    assert one_line("a\nb\x1b[2J") == "a\\x0ab\\x1b[2J"
    assert one_line("::error::x") == "\\x3a:error::x"
    assert one_line("  ::x") == "  \\x3a:x"
    assert one_line("see ##[group]") == "see ##\\[group]"
    assert one_line("plain text: fine :: here") == "plain text: fine :: here"
    assert json.loads(json_text(json.dumps("##[x\x9b\u202e", ensure_ascii=False))) == "##[x\x9b\u202e"
    assert markup_text("<a>\n  ::x ##[y</a>") == "<a>\n  &#58;:x ##&#91;y</a>"
    assert one_line("a ##vso[task.setvariable variable=x]y") == "a ##vso\\[task.setvariable variable=x]y"
    assert json.loads(json_text(json.dumps("##vso[x]"))) == "##vso[x]" and "##vso[" not in json_text('"##vso[x]"')
    assert markup_text("<a>##vso[x]</a>") == "<a>##vso&#91;x]</a>"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, fmt):
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text(ARTICLE, encoding="utf-8")
    proc = _run(tmp_path, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr
    _assert_inert(proc.stdout, fmt, "stdout")
    if fmt == "json":
        assert json.loads(proc.stdout)["files"][0]["path"] == os.fsdecode(b"caf\xe9.md")
    if fmt == "sarif":
        location = json.loads(proc.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "caf%E9.md"
    if fmt == "text":
        assert b"caf\\udce9.md:" in proc.stdout  # shown escaped, one line
    if fmt in ("gitlab", "rdjson"):  # lossless JSON: the name as the file system has it
        doc = json.loads(proc.stdout)
        paths = {i["location"]["path"] for i in (doc if fmt == "gitlab" else doc["diagnostics"])}
        assert paths == {os.fsdecode(b"caf\xe9.md")}
    if fmt == "checkstyle":
        import xml.etree.ElementTree as ET

        assert [f.get("name") for f in ET.fromstring(proc.stdout).iter("file")] == ["caf\ufffd.md"]
    if fmt == "azure":
        assert b"sourcepath=" in proc.stdout and b"caf\\udce9.md;" in proc.stdout


def test_machine_formats_of_hostile_names_parse_and_keep_them(hostile):
    """gitlab and rdjson keep every name exactly; checkstyle stays well-formed XML."""
    import xml.etree.ElementTree as ET

    gitlab = json.loads(_run(hostile, "--format", "gitlab").stdout)
    assert {i["location"]["path"] for i in gitlab} == set(NAMES)
    rdjson = json.loads(_run(hostile, "--format", "rdjson").stdout)
    assert {d["location"]["path"] for d in rdjson["diagnostics"]} == set(NAMES)
    assert all(INJECTED in d["message"] for d in rdjson["diagnostics"] if d["code"]["value"] == "metadata/date")
    files = ET.fromstring(_run(hostile, "--format", "checkstyle").stdout).findall("file")
    assert len(files) == len(NAMES)
    assert "v##vso[task.complete result=Failed]%;]<script>.md" in {f.get("name") for f in files}
