"""What was asked for and could not be checked fails the run (exit 2), with outputs still written;
a broken config is an error, never replaced by a parent's or the defaults; a bug is exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import SEED

GOOD = "# Gardening\n\nWater the beans in the morning.\n"


@pytest.fixture
def unlistable(monkeypatch):
    """Make a folder unlistable: for real with permissions when not root, else as the OS would
    answer a user without read permission (root reads everything)."""

    def make(folder):
        if os.geteuid() != 0:
            folder.chmod(0)
            return
        real = os.scandir

        def scandir(path="."):
            if os.path.realpath(path) == os.path.realpath(folder):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)

    yield make


def test_a_folder_that_cannot_be_listed_fails_the_run(run, tmp_path, unlistable):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "seed.md").write_bytes(SEED.read_bytes())
    out = tmp_path / "report.json"
    unlistable(tmp_path / "private")
    try:
        result = run("check", "--format", "json", "--output-format", f"json={out}", ".")
    finally:
        (tmp_path / "private").chmod(0o755)
    assert result.exit_code == 2
    assert "contentci: error: private: cannot list this folder: Permission denied" in result.stderr
    assert [f["path"] for f in result.json["files"]] == ["good.md"]  # the rest still checked
    assert json.loads(out.read_text())["errors"] == ["private: cannot list this folder: Permission denied"]


def test_a_path_that_does_not_exist_fails_the_run(run, tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    result = run("check", "-q", "good.md", "does/not/exist.md")
    assert result.exit_code == 2
    assert "contentci: error: does/not/exist.md: no such file or folder" in result.stderr


@pytest.mark.parametrize("kind", ["dangling link", "folder", "fifo"])
def test_a_broken_config_file_is_an_error(tmp_path, kind):
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / ".contentci.toml").write_text('profile = "general"\n')  # must not be used instead
    (project / "seed.md").write_bytes(SEED.read_bytes())
    config = project / ".contentci.toml"
    {"dangling link": lambda: config.symlink_to("nowhere.toml"), "folder": config.mkdir, "fifo": lambda: os.mkfifo(config)}[
        kind
    ]()
    proc = subprocess.run(
        [sys.executable, "-m", "contentci", "check", "."],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CONTENTCI_GRAMMAR": "off"},
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    why = {"dangling link": "broken symbolic link", "folder": "it is a folder", "fifo": "it is not a regular file"}[kind]
    assert f"contentci: error: cannot read {config}: {why}" in proc.stderr


def test_an_internal_error_exits_2_without_a_traceback(tmp_path, monkeypatch, capsys):
    from contentci.cli import main as cli_main
    from contentci.run import runner

    def broken(options):
        raise RuntimeError("something of ours broke")

    monkeypatch.setattr(runner, "run", broken)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["contentci", "check", "."])
    with pytest.raises(SystemExit) as exit_:
        cli_main.main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "contentci: error: internal error: RuntimeError: something of ours broke" in err
    assert "Traceback" not in err


def test_a_glob_the_shell_did_not_expand_is_expanded(run, tmp_path):
    (tmp_path / "content" / "deep" / "er").mkdir(parents=True)
    (tmp_path / "content" / "a.md").write_text(GOOD)
    (tmp_path / "content" / "deep" / "er" / "b.md").write_text(GOOD)
    (tmp_path / "content" / "notes.txt").write_text(GOOD)
    result = run("check", "--format", "json", "content/**/*.md")
    assert result.exit_code == 0, result.stderr
    assert [f["path"] for f in result.json["files"]] == ["content/a.md", "content/deep/er/b.md"]
    nothing = run("check", "-q", "content/**/*.rst")
    assert nothing.exit_code == 2
    assert "contentci: error: content/**/*.rst: no such file or folder" in nothing.stderr


def test_a_run_that_checks_no_file_fails_unless_allowed(run, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.rst").write_text(GOOD)  # not an included kind of file
    result = run("check", "empty")
    assert result.exit_code == 2
    assert "contentci: error: no files to check (--allow-empty makes that a pass)" in result.stderr
    allowed = run("check", "--allow-empty", "empty")
    assert allowed.exit_code == 0
    assert "contentci: no files to check" in allowed.stderr
