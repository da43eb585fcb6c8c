"""Grammar timing: cold (JVM start + first check) vs warm server vs cached second run.

Usage: python benchmarks/grammar_bench.py [--repeat N] [--files N]

Each mode runs contentci's runner with ``--select grammar`` (grammar only) over two corpora:
``content/`` and a generated corpus of distinct paragraphs with typos. Modes:

- cold:   no server running, empty cache: a private server is started, used and stopped.
- warm:   a background server is already running (``contentci languagetool start``), empty cache.
- cached: the cache holds every paragraph and no server runs: nothing is sent.

It uses the provisioned install through a private LanguageTool home (symlinked jars), so a
server you started yourself is neither used nor disturbed. Prints medians in seconds.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = [
    "stem",
    "cells",
    "doctors",
    "patients",
    "trial",
    "study",
    "vitamin",
    "blood",
    "sugar",
    "insulin",
    "heart",
    "kidney",
    "bone",
    "risk",
    "benefit",
    "dose",
    "daily",
    "weekly",
    "treatment",
    "therapy",
    "evidence",
    "results",
    "people",
    "adults",
    "children",
    "research",
    "small",
    "large",
    "early",
    "late",
    "clinic",
    "hospital",
    "test",
    "measure",
    "change",
    "improve",
    "reduce",
    "increase",
    "common",
    "rare",
    "side",
    "effect",
]
TYPOS = ("recieve", "seperate", "occured", "definately", "accomodate", "untill", "wich", "becuase")


def generate(folder: Path, files: int, paragraphs: int = 12, seed: int = 0) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        parts = [f"# Generated article {n}\n"]
        for p in range(paragraphs):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                words = rng.sample(WORDS, rng.randint(6, 12))
                if rng.random() < 0.3:
                    words[rng.randrange(len(words))] = rng.choice(TYPOS)
                sentences.append(" ".join(words).capitalize() + f" in group {n}-{p}.")
            parts.append(" ".join(sentences) + "\n")
        (folder / f"article-{n:03d}.md").write_text("\n".join(parts), encoding="utf-8")
    return folder


def timed_run(paths: list[str]) -> tuple[float, int]:
    from contentci.run import runner

    started = time.perf_counter()
    report = runner.run(runner.RunOptions(paths=paths, select=("grammar",)))
    elapsed = time.perf_counter() - started
    if report.notices:
        raise SystemExit(f"grammar did not run: {report.notices}")
    return elapsed, sum(1 for _ in report.diagnostics)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--files", type=int, default=40, help="files in the generated corpus")
    args = ap.parse_args()

    from contentci.services.languagetool import install, server
    from tests.lt_support import private_home

    real = install.installed()
    if real is None:
        raise SystemExit("LanguageTool is not installed: run scripts/provision")
    work = Path(tempfile.mkdtemp(prefix="grammar-bench-"))
    try:
        os.environ["CONTENTCI_LANGUAGETOOL_HOME"] = str(private_home(real, work / "home"))
        os.environ.pop("CONTENTCI_LANGUAGETOOL_URL", None)
        os.environ["CONTENTCI_GRAMMAR"] = "on"
        corpora = {
            "content/": [str(ROOT / "content")],
            f"generated ({args.files} files)": [str(generate(work / "gen", args.files))],
        }
        print(f"LanguageTool {real.name}, {os.cpu_count()} CPUs, median of {args.repeat} runs, seconds\n")
        print(f"{'corpus':<24} {'paragraphs':>10} {'findings':>8} {'cold':>7} {'warm':>7} {'cached':>7}")
        for name, paths in corpora.items():
            times: dict[str, list[float]] = {"cold": [], "warm": [], "cached": []}
            findings = 0
            for i in range(args.repeat):
                os.environ["CONTENTCI_CACHE_DIR"] = str(work / f"cache-cold-{name[:3]}-{i}")
                t, findings = timed_run(paths)
                times["cold"].append(t)
            shared = server.start(shared=True, port=None)
            try:
                for i in range(args.repeat):
                    os.environ["CONTENTCI_CACHE_DIR"] = str(work / f"cache-warm-{name[:3]}-{i}")
                    times["warm"].append(timed_run(paths)[0])
            finally:
                server.stop(shared)
            for i in range(args.repeat):  # the warm runs' caches are full; no server is running now
                os.environ["CONTENTCI_CACHE_DIR"] = str(work / f"cache-warm-{name[:3]}-{i}")
                times["cached"].append(timed_run(paths)[0])
            paragraphs = _paragraph_count(paths)
            med = {k: statistics.median(v) for k, v in times.items()}
            print(
                f"{name:<24} {paragraphs:>10} {findings:>8} {med['cold']:>7.2f} {med['warm']:>7.2f} {med['cached']:>7.2f}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _paragraph_count(paths: list[str]) -> int:
    from contentci.document.parse import parse
    from contentci.services.languagetool.annotate import paragraphs

    return sum(len(paragraphs(parse(str(f), f.read_bytes()))) for p in paths for f in sorted(Path(p).rglob("*.md")))


if __name__ == "__main__":
    main()
