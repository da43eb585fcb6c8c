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
NAMES = ["x\n::error title=pwn::y.md", "::warning::z.md", "  ::notice::w.md", "e\x1b[2Jsc.md", "h##[group]x.md"]
OUR_ANNOTATION = ("::error file=", "::warning file=", "::notice file=")


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
        if line.lstrip(" \t").startswith("::"):
            assert fmt == "github" and line.startswith(OUR_ANNOTATION), f"{fmt}: {line!r}"
            assert "add-mask" not in line.split("::", 2)[1]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_format_lets_content_start_a_command(hostile, fmt):
    proc = _run(hostile, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    _assert_inert(proc.stdout, fmt, "stdout")
    _assert_inert(proc.stderr, fmt, "stderr")
    if fmt == "github":  # only annotations of ours: 10 errors and 10 warnings shown, the 5 notices
        annotations = [line for line in proc.stdout.decode().splitlines() if line.startswith(OUR_ANNOTATION)]
        assert len(annotations) == 25


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
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("text", "json", "sarif", "junit", "summary", "github")}
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
