"""The fixed cost of a run around the per-article analysis: start-up, reading, hashing, the pool, the cache, output.

    python benchmarks/overhead.py [--articles 1000] [--repeats 3] [--format text]

Runs the real command line (``contentci check CORPUS``) in a fresh interpreter
with ``engine.check_bytes`` replaced by a stand-in that returns a real result
(computed once beforehand for a dozen articles, so results have real sizes:
their findings and metrics) in no time. What is left is everything but
the analysis: interpreter and imports, config, discovery, reading and hashing
files, starting workers and shipping jobs and results, cache reads and writes,
rendering. Prints wall time and CPU (process tree) per article for a cold run
(empty cache), a warm re-run, ``--no-cache`` and ``--jobs 1``, medians of
``--repeats``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATES = 12  # real results computed once, reused round-robin

CHILD = r"""
import pickle, sys
from contentci import engine, parallel
from contentci.core.result import FileResult

with open(sys.argv[1], "rb") as fh:
    templates = pickle.load(fh)

def stand_in(path, data, config, selection=None, services=None):
    t = templates[len(data) % len(templates)]
    return FileResult(path, list(t.diagnostics), dict(t.metrics), t.internal_error)

engine.check_bytes = stand_in
parallel.check_bytes = stand_in
sys.argv = ["contentci", *sys.argv[2:]]
from contentci.cli.main import main
main()
"""


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _measure(cmd: list[str], cwd: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--format", default="text")
    args = ap.parse_args()

    sys.path[:0] = [str(ROOT), str(HERE)]
    import generate_corpus

    from contentci.config.loading import build_config
    from contentci.core.registry import config_schema
    from contentci.core.result import Selection
    from contentci.engine.check import check_bytes

    work = Path(tempfile.mkdtemp(prefix="contentci-overhead-"))
    try:
        corpus = work / "corpus"
        paths = generate_corpus.generate(corpus, args.articles)
        config = build_config({}, corpus, None, config_schema()).resolve("a.md")
        templates = [
            check_bytes(p.name, p.read_bytes(), config, Selection((), ("grammar",))) for p in paths[:TEMPLATES]
        ]
        (work / "templates.pickle").write_bytes(pickle.dumps(templates))
        findings = statistics.mean(len(t.diagnostics) for t in templates)
        base = [sys.executable, "-c", CHILD, str(work / "templates.pickle"), "check", ".", "--ignore", "grammar"]
        base += ["--format", args.format]
        cache = corpus / ".contentci_cache"
        _measure(base + ["--no-cache"], corpus)  # byte code, OS file cache
        rows = {"cold": [], "warm": [], "no-cache": [], "no-cache --jobs 1": []}
        for _ in range(args.repeats):
            shutil.rmtree(cache, ignore_errors=True)
            rows["cold"].append(_measure(base, corpus))
            rows["warm"].append(_measure(base, corpus))
            rows["no-cache"].append(_measure(base + ["--no-cache"], corpus))
            rows["no-cache --jobs 1"].append(_measure(base + ["--no-cache", "--jobs", "1"], corpus))
        n = len(paths)
        print(f"{n} articles, {findings:.0f} findings each, --format {args.format}, analysis replaced by a stand-in")
        for name, runs in rows.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"{name:<18} {wall:6.2f} s wall  {cpu:6.2f} s CPU = {1000 * cpu / n:5.2f} ms CPU an article")
        print(f"load average: {os.getloadavg()[0]:.1f} (medians of {args.repeats})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
