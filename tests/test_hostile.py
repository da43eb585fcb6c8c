"""Hostile inputs: each gets a clear per-file finding or a clean result, in bounded time and memory.

Every case runs the real command in a subprocess with a 1 GiB address-space
limit and a time limit, next to an ordinary article whose result must not
change, and must print no traceback.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED

from contentci.run import parallel

ROOT = Path(__file__).resolve().parents[1]
GOOD = "# A good article\n\nMax is a big dog. He likes to run. He can catch a ball and bring it back.\n"
HARD = (
    "By introducing healthy stem cells into the bloodstream, the body may begin to recalibrate its "
    "immune response, reducing the severity of autoimmune attacks."
)
MEMORY_LIMIT = 1 << 30
TIME_LIMIT = 60  # seconds; generous for a loaded CI machine, the cases take about a second each


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def contentci(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command in ``folder``, within the time and memory limits; it must print no traceback."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONTENTCI_CACHE_DIR": str(folder / ".user-cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "contentci", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
    )
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc


def check(folder: Path, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    proc = contentci(folder, "check", "--format", "json", "--no-cache", *args)
    elapsed = time.monotonic() - start
    assert proc.returncode in (0, 1), proc.stderr
    return proc, elapsed


def results(proc) -> dict[str, list[dict]]:
    return {f["path"]: f["diagnostics"] for f in json.loads(proc.stdout)["files"]}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    return tmp_path


_ALONE: list = []


def good_alone(tmp_path_factory) -> list[dict]:
    """The good article's result when checked on its own (computed once)."""
    if not _ALONE:
        d = tmp_path_factory.mktemp("alone")
        (d / "good.md").write_text(GOOD)
        _ALONE.append(results(check(d, "good.md")[0])["good.md"])
    return _ALONE[0]


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + GOOD


CASES = {
    # name: (bytes, expected rule ids for that file, a message fragment or None)
    "empty.md": (b"", [], None),
    "only-front-matter.md": (b"---\ntitle: Just metadata\ntags: [a, b]\n---\n", [], None),
    "binary.md": (bytes(range(256)) * 40, ["contentci/unreadable"], "binary"),
    "late-nul.md": (GOOD.encode() * 400 + b"\x00tail", ["contentci/unreadable"], "binary"),
    "invalid-utf8.md": (b"Hello \xff\xfe world.\n", ["contentci/unreadable"], "not valid UTF-8: byte 0xff at line 1"),
    "utf16.md": (GOOD.encode("utf-16"), [], None),
    "ten-mb-line.md": (b"The cat sat on the mat. " * 440_000, ["contentci/unreadable"], "MiB limit"),
    "one-mb-line.md": (b"The cat sat on the mat. " * 44_000, [], None),
    "100k-lines.md": (b"Short line.\n" * 100_000, [], None),
    "nested-lists.md": (b"- " * 10_000 + b"deep\n", [], None),
    "nested-quotes.md": (b">" * 10_000 + b" deep\n", [], None),
    "nested-quote-lines.md": ("".join("> " * i + "Deep.\n" for i in range(1, 1200)).encode(), [], None),
    "nested-emphasis.md": (b"*a " * 30_000 + b"b" + b"* " * 30_000, [], None),
    # Refused before anything is built: a rule reading a value as text would walk all 9**9 copies.
    "yaml-bomb.md": (_bomb().encode(), ["contentci/front-matter"], "once its YAML aliases are expanded; the limit is 20,000"),
    "yaml-aliases-reused.md": (b"---\ntags: &t [sleep, diet]\nkeywords: *t\n---\n\n" + GOOD.encode(), [], None),
    "huge-front-matter.md": (
        ("---\n" + "".join(f"key{i}: {'v' * 90}\n" for i in range(11_000)) + "---\n\n" + GOOD).encode(),
        ["contentci/front-matter"],
        "the limit is",
    ),
    "python-tag.md": (
        b"---\nx: !!python/object/apply:os.system ['touch PWNED']\n---\n\n" + GOOD.encode(),
        ["contentci/front-matter"],
        "could not determine a constructor",
    ),
    "impossible-date.md": (
        b"---\ndate: 2026-13-45\n---\n\n" + GOOD.encode(),
        ["contentci/front-matter"],
        "cannot read: month",
    ),
    "spaces and ünïcødé 文.md": (GOOD.encode(), [], None),
}


SLOW = {"100k-lines.md", "one-mb-line.md", "nested-emphasis.md"}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_gets_a_clear_result(folder, name, tmp_path_factory):
    data, expected, fragment = CASES[name]
    (folder / name).write_bytes(data)
    proc, elapsed = check(folder, ".")
    found = results(proc)
    rules = sorted({d["rule"] for d in found[name]})
    if expected:
        assert rules == expected, found[name]
        assert fragment in found[name][0]["message"]
    else:
        assert not any(r.startswith("contentci/") for r in rules), found[name]
    assert found["good.md"] == good_alone(tmp_path_factory)
    assert elapsed < TIME_LIMIT
    assert not (folder / "PWNED").exists()


def test_bom_and_crlf_positions(folder):
    (folder / "crlf.md").write_bytes(b"\xef\xbb\xbf# Title\r\n\r\n" + HARD.encode() + b"\r\n")
    proc, _ = check(folder, "crlf.md")
    hard = [d for d in results(proc)["crlf.md"] if d["rule"] == "readability/hard-sentence"]
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in hard] == [(3, 1, 3, len(HARD) + 1)]


def test_symlink_loop_fifo_and_folder_named_like_a_file(folder):
    os.symlink("loop-b.md", folder / "loop-a.md")
    os.symlink("loop-a.md", folder / "loop-b.md")
    os.mkfifo(folder / "pipe.md")
    (folder / "folder.md").mkdir()
    (folder / "folder.md" / "inner.md").write_text(GOOD)
    proc, _ = check(folder, ".")
    found = results(proc)
    for name, why in (
        ("loop-a.md", "symbolic link loop"),
        ("loop-b.md", "symbolic link loop"),
        ("pipe.md", "not a regular file"),
    ):
        assert [d["rule"] for d in found[name]] == ["contentci/unreadable"] and why in found[name][0]["message"]
    assert found["folder.md/inner.md"] == found["good.md"]
    proc = contentci(folder, "check", "--format", "json", "--no-cache", "loop-a.md")
    assert proc.returncode == 2  # asked for by name and not checked
    assert "contentci: error: loop-a.md: symbolic link loop" in proc.stderr


def test_everything_hostile_at_once_with_a_pool(folder, tmp_path_factory):
    for name, (data, _, _) in CASES.items():
        if name not in SLOW:  # each of those is already checked beside good.md above
            (folder / name).write_bytes(data)
    (folder / "seed.md").write_bytes(SEED.read_bytes())
    for n in range(parallel.POOL_MIN_FILES):
        (folder / f"more-{n:02d}.md").write_text(GOOD)
    one, _ = check(folder, "--jobs", "1", ".")
    two, _ = check(folder, "--jobs", "2", ".")
    assert one.stdout == two.stdout
    found = results(one)
    assert found["good.md"] == good_alone(tmp_path_factory)
    assert "readability/grade-level" in {d["rule"] for d in found["seed.md"]}


def test_unreadable_file_is_reported_and_the_others_checked(run, tmp_path, monkeypatch):
    """Tests run as root, so chmod 000 cannot deny a read; simulate the error the OS would give."""
    (tmp_path / "secret.md").write_text(GOOD)
    (tmp_path / "good.md").write_text(GOOD)
    real_open = os.open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)  # every read of the checkout goes through os.open
    result = run("check", "--format", "json", "--jobs", "1", "--no-cache", ".")
    assert result.exit_code == 1
    assert result.rules("secret.md") == ["contentci/unreadable"]
    secret = next(f for f in result.json["files"] if f["path"] == "secret.md")
    assert "Permission denied" in secret["diagnostics"][0]["message"]
    assert result.rules("good.md") == []


DEEP = "[" * 100_000 + "]" * 100_000  # past the recursion limit of Python's JSON and TOML parsers


@pytest.mark.parametrize(
    "command, file, text, message",
    [
        (["check", "a.md"], ".contentci.toml", f"x = {DEEP}\n", ".contentci.toml is not valid TOML: nested too deeply"),
        (
            ["check", "a.md"],
            ".contentci.toml",
            "x = '\udcff'\n",
            ".contentci.toml is not valid TOML: not UTF-8 (byte 0xff",
        ),
        (["check", "--baseline", "deep.json", "a.md"], "deep.json", DEEP, "is not valid JSON: nested too deeply"),
        (["merge", "deep.json"], "deep.json", DEEP, "deep.json is not a JSON report: nested too deeply"),
    ],
    ids=["config", "config-not-utf8", "baseline", "merge"],
)
def test_deeply_nested_or_non_utf8_config_baseline_or_report_is_a_clear_error(tmp_path, command, file, text, message):
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / file).write_bytes(text.encode("utf-8", "surrogateescape"))
    proc = contentci(tmp_path, *command)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    "command, file",
    [
        (["check", "--baseline", "base.json", "a.md"], "base.json"),
        (["check", "a.md"], ".contentci.toml"),
        (["merge", "shard.json"], "shard.json"),
    ],
    ids=["baseline", "config", "merge"],
)
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_baseline_config_or_shard_that_is_a_pipe_or_device_is_refused_at_once(tmp_path, command, file, kind):
    (tmp_path / "a.md").write_text(GOOD)
    if kind == "fifo":
        os.mkfifo(tmp_path / file)
    else:
        os.symlink("/dev/zero", tmp_path / file)
    proc = contentci(tmp_path, *command)
    assert proc.returncode == 2 and file in proc.stderr and "not a regular file" in proc.stderr, proc.stderr
