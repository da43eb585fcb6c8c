"""A run under hostile conditions: its parent killed, an absurd ``--jobs``.

A CI step reads contentci's output until the pipe closes, so a worker that outlives a killed
parent (holding stdout) hangs the job until its timeout. And ``--jobs`` is user input: 1,000
worker processes took 13 GB.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from contentci.run import parallel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate_corpus


def long_articles(folder: Path, count: int, parts: int) -> None:
    """``count`` articles of ``parts`` generated articles' bodies each (slow enough to catch a run mid-way)."""
    rng = random.Random(5)
    (folder / "content").mkdir(parents=True)
    for n in range(count):
        head = generate_corpus.article(rng, n)
        bodies = [generate_corpus.article(rng, 100 * n + k).split("---", 2)[-1] for k in range(parts)]
        (folder / "content" / f"a{n:03d}.md").write_text(head + "\n\n".join(bodies), encoding="utf-8")


def start(folder: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONTENTCI_CACHE_DIR": str(folder / ".user-cache")}
    return subprocess.Popen(
        [sys.executable, "-m", "contentci", "check", "--no-cache", "--ignore", "grammar", *args, "content"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out.update(int(c) for c in task.read_text().split())
        except OSError:
            pass
    return out


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def read_all(stream, into: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: into.append(stream.read()), daemon=True)
    thread.start()
    return thread


def test_workers_die_with_a_killed_parent_and_its_output_pipe_closes(tmp_path):
    long_articles(tmp_path, parallel.POOL_MIN_FILES * 5, parts=8)
    proc = start(tmp_path, "--jobs", "2")
    got: list = []
    reader = read_all(proc.stdout, got)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = {c for c in children(proc.pid) if alive(c)}
            time.sleep(0.02)
        assert len(workers) == 2, f"no pool seen (exit {proc.poll()}): {proc.stderr.read()!r}"
        time.sleep(0.3)  # the workers are checking files now
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 2
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if alive(w)], "workers outlived their killed parent"
        reader.join(max(0.0, deadline - time.monotonic()) + 0.5)
        assert not reader.is_alive(), "stdout still open: a CI step reading it would hang"
    finally:
        for w in workers:  # only when the assertion above failed: leave nothing behind
            if alive(w):
                os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def test_an_absurd_jobs_count_is_capped_with_a_notice(tmp_path):
    long_articles(tmp_path, 20, parts=1)
    reference = start(tmp_path, "--jobs", "1", "--format", "json")
    expected, _ = reference.communicate(timeout=120)
    proc = start(tmp_path, "--jobs", "1000", "--format", "json")
    got: list = []
    reader = read_all(proc.stdout, got)
    most = 0
    while proc.poll() is None:
        most = max(most, len(children(proc.pid)))
        time.sleep(0.01)
    reader.join(10)
    stderr = proc.stderr.read().decode()
    cap = parallel.worker_cap()
    assert proc.returncode == reference.returncode == 1, stderr
    assert got == [expected]  # the same report as one process gives
    assert f"contentci: --jobs 1000 is more than 4 per usable core; using {cap} worker processes" in stderr
    assert stderr.count("--jobs 1000") == 1
    assert most <= min(cap, 20)
