"""The result cache is not trusted: what ``.contentci_cache/`` holds may come from a branch or a CI
cache step, so a forged or foreign entry must be a miss (the file checked again), never a result.

Entries are authenticated with a key kept in the user cache folder, outside the repository.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from conftest import SEED

from contentci.core.result import FileResult
from contentci.run import cache as cache_module
from contentci.run import parallel

ROOT = Path(__file__).resolve().parents[1]
GOOD = "# A good article\n\nMax is a big dog. He likes to run. He can catch a ball and bring it back.\n"


def contentci(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    """``contentci check`` as another user would run it: the user cache folder under ``home``."""
    env = {k: v for k, v in os.environ.items() if k != "CONTENTCI_CACHE_DIR"}
    env.update(PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(home))
    proc = subprocess.run(
        [sys.executable, "-m", "contentci", "check", "--format", "json", "--jobs", "1", *args, "content"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def errors(proc: subprocess.CompletedProcess) -> list[str]:
    return [d["rule"] for f in json.loads(proc.stdout)["files"] for d in f["diagnostics"] if d["severity"] == "error"]


def cache_files(folder: Path) -> list[Path]:
    root = folder / ".contentci_cache"
    return list(root.rglob("bundles/*.tsv")) + list(root.rglob("packs/*.pack"))


@pytest.fixture
def failing(tmp_path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_bytes(SEED.read_bytes())
    return tmp_path


def test_a_result_edited_in_the_cache_does_not_pass_a_failing_article(failing, tmp_path):
    home = tmp_path / "home"
    first = contentci(failing, home)
    assert first.returncode == 1 and errors(first)
    forged = 0
    for path in cache_files(failing):  # every result row: its findings emptied, all else kept
        lines = path.read_bytes().decode("utf-8").split("\n")
        for n, line in enumerate(lines):
            fields = line.split("\t")
            for i, field in enumerate(fields):
                if field.startswith('["content/bad.md", ['):
                    fields[i] = json.dumps(["content/bad.md", []])
                    lines[n] = "\t".join(fields)
                    forged += 1
        path.write_bytes("\n".join(lines).encode("utf-8"))
    assert forged >= 2  # the bundle's row and the pack's
    again = contentci(failing, home)
    assert again.returncode == 1 and again.stdout == first.stdout


def test_a_cache_made_with_another_users_key_is_a_miss(failing, tmp_path, run, monkeypatch):
    # Someone else's machine (another XDG_CACHE_HOME) builds a cache in which the failing
    # article is clean, with a contentci that finds nothing, and commits it.
    theirs = tmp_path / "their-home"
    monkeypatch.delenv("CONTENTCI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(theirs))
    real = parallel.check_bytes
    monkeypatch.setattr(parallel, "check_bytes", lambda path, *args, **kwargs: FileResult(path))
    assert run("check", "--format", "json", "--jobs", "1", "content", cwd=failing).exit_code == 0
    monkeypatch.setattr(parallel, "check_bytes", real)
    assert contentci(failing, theirs).returncode == 0  # under their key the forged rows are results
    assert contentci(failing, theirs, "--no-cache").returncode == 1

    mine = tmp_path / "my-home"
    proc = contentci(failing, mine)
    assert proc.returncode == 1 and errors(proc)  # under mine they are misses: checked again
    assert proc.stdout == contentci(failing, mine, "--no-cache").stdout
    key = mine / "contentci" / "result-cache.key"
    assert len(key.read_bytes()) == 32 and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_bytes() != (theirs / "contentci" / "result-cache.key").read_bytes()


def test_a_forged_stat_record_does_not_skip_reading_a_changed_file(tmp_path, run, monkeypatch):
    # A stat record says "the file with this stat has bytes with this digest": forged, it would
    # pass a failing article under the digest of a clean one without reading it.
    monkeypatch.setattr(cache_module, "clock", lambda: time.time_ns() + 10**10)  # files have settled
    article = tmp_path / "content" / "a.md"
    article.parent.mkdir()
    article.write_text(GOOD, encoding="utf-8")
    assert run("check", "--format", "json", "--jobs", "1", "content").exit_code == 0
    article.write_bytes(SEED.read_bytes())
    stamp = cache_module._stamp(cache_module.signature(os.stat(article)))
    (pack,) = (tmp_path / ".contentci_cache").rglob("packs/*.pack")
    head, _, body = pack.read_bytes().partition(b"\n")
    lines = body.decode("utf-8").split("\n")
    records = [n for n, line in enumerate(lines) if line.startswith('"')]
    assert len(records) == 1
    name, _, digest = lines[records[0]].split("\t")
    lines[records[0]] = f"{name}\t{stamp}\t{digest}"  # the changed file's stat, the clean bytes' digest
    body = "\n".join(lines).encode("utf-8")
    magic = head.decode().rsplit(" ", 1)[0]
    pack.write_bytes(f"{magic} {zlib.crc32(body):08x}\n".encode() + body)  # the checksum anyone can make
    after = run("check", "--format", "json", "--jobs", "1", "content")
    assert after.exit_code == 1 and "contentci/internal-error" not in after.rules()
    assert after.output == run("check", "--format", "json", "--jobs", "1", "--no-cache", "content").output


def test_the_key_is_made_once_and_one_others_can_read_is_replaced(failing, tmp_path):
    home = tmp_path / "home"
    first = contentci(failing, home)
    key = home / "contentci" / "result-cache.key"
    made = key.read_bytes()
    assert contentci(failing, home).stdout == first.stdout and key.read_bytes() == made
    key.chmod(0o644)  # readable by others: anyone could forge entries with it
    assert contentci(failing, home).stdout == first.stdout
    assert key.read_bytes() != made and stat.S_IMODE(key.stat().st_mode) == 0o600


def test_without_a_usable_user_cache_folder_a_run_checks_everything_and_keeps_no_cache(failing, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")  # a user cache folder inside a file: nothing can be made there, even as root
    reference = contentci(failing, tmp_path / "home", "--no-cache")
    for _ in range(2):
        proc = contentci(failing, blocked)
        assert proc.returncode == 1 and proc.stdout == reference.stdout
        assert proc.stderr == reference.stderr
    assert not (failing / ".contentci_cache").exists()
