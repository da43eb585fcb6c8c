"""Benchmark contentci on a generated corpus, and proselint on the same articles, in one run.

    python benchmarks/run.py [--articles 3000] [--repeats 3] [--proselint-articles 300] [--vocabulary wide]

Prints articles/s and words/s for a cold run (empty result cache) and a warm
re-run (nothing changed), CPU seconds per article (load-independent), the peak
resident memory of the whole process tree, one-file latency (the pre-commit
case), and proselint's articles/s on the same articles as a ratio. Every figure
is the median of ``--repeats`` runs. Rules that need a service (grammar) are
ignored, as the targets are for the offline rules.

It benchmarks this checkout (``PYTHONPATH`` is set to it) with the interpreter
running this script, called directly (a pyenv shim adds ~0.1 s a call). Byte
code is written once first, as an installed package would have it. proselint
is installed from PyPI into ``benchmarks/.venv-proselint`` on first use, never
into the environment under test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROSELINT_VERSION = "0.16.0"
sys.path.insert(0, str(HERE))


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class Measured:
    def __init__(
        self, wall: float, cpu: float, rss_mb: float, returncode: int, pss_mb: float = 0.0, top_mb: float = 0.0
    ):
        self.wall, self.cpu, self.rss_mb, self.returncode = wall, cpu, rss_mb, returncode
        self.pss_mb, self.top_mb = pss_mb, top_mb


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Wall time, CPU time (process tree) and peak memory of the process tree.

    Memory three ways: RSS summed over the processes (counts the pages forked workers share
    with the parent once per process), PSS summed (each shared page split between its
    sharers: the tree's real footprint), and the largest single process's RSS.
    """
    try:
        import psutil
    except ImportError:
        psutil = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or _env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0, 0]  # summed RSS, summed PSS, largest RSS
    if psutil is not None:

        def sample():
            try:
                root = psutil.Process(proc.pid)
                n = 0
                while proc.poll() is None:
                    total = pss = top = 0
                    full = n % 20 == 0  # PSS reads smaps: every 0.2 s, so sampling does not slow the run
                    n += 1
                    for p in [root, *root.children(recursive=True)]:
                        try:
                            info = p.memory_full_info() if full else p.memory_info()
                        except psutil.Error:
                            continue
                        total += info.rss
                        pss += getattr(info, "pss", 0)
                        top = max(top, info.rss)
                    peak[0], peak[1], peak[2] = max(peak[0], total), max(peak[1], pss), max(peak[2], top)
                    time.sleep(0.01)
            except psutil.Error:
                pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    if psutil is not None:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = peak[0] / 2**20 if peak[0] else after.ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return Measured(wall, cpu, rss, proc.returncode, peak[1] / 2**20, peak[2] / 2**20)


def median(runs: list[Measured], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def contentci_cmd(*args: str) -> list[str]:
    cmd = [sys.executable, "-m", "contentci", "check", *args]
    rules = subprocess.run(
        [sys.executable, "-m", "contentci", "rules"], env=_env(), capture_output=True, text=True
    ).stdout
    if any(line.startswith("grammar/") for line in rules.splitlines()):
        cmd += ["--ignore", "grammar"]
    return cmd


def proselint_bin() -> Path:
    venv = HERE / ".venv-proselint"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        print(f"installing proselint {PROSELINT_VERSION} into {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"proselint=={PROSELINT_VERSION}"], check=True)
    return exe


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="contentci --jobs (0: all cores)")
    ap.add_argument(
        "--proselint-articles", type=int, default=300, help="proselint is slow: time it on the first N articles"
    )
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument("--keep", type=Path, help="generate the corpus here and keep it")
    ap.add_argument(
        "--vocabulary",
        choices=("narrow", "wide"),
        default="narrow",
        help="wide: thousands of distinct words, as real articles have (see generate_corpus.py)",
    )
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    import generate_corpus

    work = Path(tempfile.mkdtemp(prefix="contentci-bench-"))
    corpus = args.keep or work / "corpus"
    paths = generate_corpus.generate(corpus, args.articles, vocabulary=args.vocabulary)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    n = len(paths)
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    cmd = contentci_cmd(str(corpus), *jobs)
    cache = corpus / ".contentci_cache"
    print(
        f"corpus: {n} articles, {words:,} words ({words // n} a file; {args.vocabulary} vocabulary); "
        f"{os.cpu_count()} cores; python {sys.version.split()[0]}"
    )
    print(f"command: {' '.join(cmd[1:])}")

    # Warm-up: byte code, the syllable table, the OS file cache.
    measure(contentci_cmd(str(paths[0]), "--no-cache"), corpus)
    measure(cmd + ["--no-cache"], corpus)

    cold, warm, nocache = [], [], []
    for _ in range(args.repeats):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(measure(cmd, corpus))
        warm.append(measure(cmd, corpus))
        nocache.append(measure(cmd + ["--no-cache"], corpus))
    one_dir = work / "one"
    one_dir.mkdir()
    shutil.copy(paths[0], one_dir / "one.md")
    one = [measure(contentci_cmd("one.md", "--no-cache"), one_dir) for _ in range(max(5, args.repeats))]
    one_warm = [measure(contentci_cmd("one.md"), one_dir) for _ in range(max(5, args.repeats))]
    bare = [measure([sys.executable, "-c", "pass"], one_dir) for _ in range(5)]

    figures = {
        "articles": n,
        "words": words,
        "cold_wall_s": median(cold, "wall"),
        "cold_articles_per_s": n / median(cold, "wall"),
        "cold_words_per_s": words / median(cold, "wall"),
        "cold_cpu_ms_per_article": 1000 * median(cold, "cpu") / n,
        "no_cache_articles_per_s": n / median(nocache, "wall"),
        "warm_wall_s": median(warm, "wall"),
        "warm_percent_of_cold": 100 * median(warm, "wall") / median(cold, "wall"),
        "peak_rss_mb": max(r.rss_mb for r in cold + nocache),
        "peak_pss_mb": max(r.pss_mb for r in cold + nocache),
        "largest_process_rss_mb": max(r.top_mb for r in cold + nocache),
        "one_file_s": median(one, "wall"),
        "one_file_warm_cache_s": median(one_warm, "wall"),
        "python_start_s": median(bare, "wall"),
    }
    if not args.no_proselint:
        exe = proselint_bin()
        subset = work / "proselint"
        subset.mkdir()
        k = min(args.proselint_articles, n)
        for p in paths[:k]:
            shutil.copy(p, subset / p.name)
        pl = [measure([str(exe), "-o", "compact", "check", str(subset)], subset) for _ in range(args.repeats)]
        figures["proselint_articles"] = k
        figures["proselint_articles_per_s"] = k / median(pl, "wall")
        figures["proselint_cpu_ms_per_article"] = 1000 * median(pl, "cpu") / k
        figures["speedup_vs_proselint"] = figures["cold_articles_per_s"] / figures["proselint_articles_per_s"]

    f = figures
    print(
        f"cold (empty cache):  {f['cold_articles_per_s']:8.0f} articles/s  {f['cold_words_per_s']:10,.0f} words/s  "
        f"({f['cold_wall_s']:.2f} s; {f['cold_cpu_ms_per_article']:.2f} ms CPU an article)"
    )
    print(f"no cache at all:     {f['no_cache_articles_per_s']:8.0f} articles/s")
    print(f"warm re-run:         {f['warm_wall_s']:8.2f} s = {f['warm_percent_of_cold']:.1f}% of cold")
    print(
        f"peak memory:             {f['peak_rss_mb']:.0f} MB RSS summed over the processes, "
        f"{f['peak_pss_mb']:.0f} MB PSS summed, largest process {f['largest_process_rss_mb']:.0f} MB RSS"
    )
    print(
        f"one file:            {f['one_file_s']:8.3f} s (warm cache {f['one_file_warm_cache_s']:.3f} s; bare `python -c pass` {f['python_start_s']:.3f} s)"
    )
    if "proselint_articles_per_s" in f:
        print(
            f"proselint {PROSELINT_VERSION}:     {f['proselint_articles_per_s']:8.1f} articles/s on {f['proselint_articles']} articles "
            f"({f['proselint_cpu_ms_per_article']:.1f} ms CPU an article) -> contentci is {f['speedup_vs_proselint']:.1f}x faster"
        )
    try:
        load = os.getloadavg()[0]
        print(f"load average during the run: {load:.1f} (figures are medians of {args.repeats})")
        f["load_average"] = load
    except OSError:
        pass
    if args.json:
        args.json.write_text(json.dumps(f, indent=2) + "\n")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
