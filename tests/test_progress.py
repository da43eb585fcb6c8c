"""The progress bar: on a terminal's stderr only, never in CI logs, pipes, machine formats or --quiet."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from contentci.output import progress

REPO = Path(__file__).resolve().parent.parent


def make_files(folder: Path, n: int = 4) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.md").write_text(f"# Note {i}\n\nA cat sat on the mat.\n", encoding="utf-8")


def run_with_tty_stderr(args: list[str], cwd: Path, ci: str | None) -> tuple[int, str, str]:
    """Run the real CLI with stderr on a pseudo-terminal (as in a person's shell) and stdout on a pipe."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(REPO)
    if ci is not None:
        env["CI"] = ci
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "contentci", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read().decode()
    code = proc.wait(timeout=30)
    os.close(master)
    return code, out, b"".join(chunks).decode(errors="replace")


def test_bar_on_a_terminal(tmp_path):
    make_files(tmp_path / "docs")
    code, out, err = run_with_tty_stderr(["check", "docs"], tmp_path, ci=None)
    assert code == 0
    assert "checking" in err and "4/4" in err
    assert "checking" not in out  # stdout stays clean for pipes


@pytest.mark.parametrize(
    "args, ci",
    [
        (["check", "docs"], "true"),  # a CI log
        (["check", "--quiet", "docs"], None),
        (["check", "--format", "json", "docs"], None),  # machine format
    ],
)
def test_no_bar_in_ci_quiet_or_machine_formats(tmp_path, args, ci):
    make_files(tmp_path / "docs")
    code, out, err = run_with_tty_stderr(args, tmp_path, ci=ci)
    assert code == 0
    assert "checking" not in err and "4/4" not in err


def test_no_bar_when_stderr_is_a_pipe(run, tmp_path):
    make_files(tmp_path / "docs")
    r = run("check", "docs")
    assert r.exit_code == 0 and "checking" not in r.stderr


def test_ci_variable_values():
    assert progress.in_ci({"CI": "true"}) and progress.in_ci({"CI": "1"})
    assert not progress.in_ci({}) and not progress.in_ci({"CI": "false"}) and not progress.in_ci({"CI": "0"})


def test_runner_reports_each_finished_file(tmp_path, monkeypatch):
    from contentci.run import runner

    make_files(tmp_path / "docs", 3)
    monkeypatch.chdir(tmp_path)
    seen = []
    runner.run(runner.RunOptions(paths=["docs"], on_file=lambda done, total, path: seen.append((done, total, path))))
    assert seen == [(1, 3, "docs/a0.md"), (2, 3, "docs/a1.md"), (3, 3, "docs/a2.md")]
