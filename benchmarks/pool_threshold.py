"""Measure where a process pool starts to pay: in-process vs pool wall time for N files.

    python benchmarks/pool_threshold.py [--sizes 4,8,16,24,32,48,96] [--repeats 5]

Runs ``parallel._run`` on N generated articles with one worker (in-process)
and with all cores (pool forced on), after warming the word tables, and prints
median wall times; ``parallel.POOL_MIN_FILES`` is set from where the pool wins.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]


def main() -> None:
    import generate_corpus

    from contentci.run import parallel
    from contentci.config.loading import build_config
    from contentci.core.registry import config_schema
    from contentci.core.result import Selection

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="4,8,16,24,32,48,96")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    config = build_config({}, Path("."), None, config_schema()).resolve("a.md")
    rng = random.Random(3)
    articles = [generate_corpus.article(rng, n).encode() for n in range(max(map(int, args.sizes.split(","))))]
    parallel._run([("w.md", articles[0], config, Selection(), None)], 1, None)  # warm tables
    workers = parallel.default_jobs()
    parallel.POOL_MIN_FILES = 0
    print(f"{workers} workers; median of {args.repeats}")
    print(f"{'files':>6} {'in-process':>11} {'pool':>8}")
    for n in map(int, args.sizes.split(",")):
        items = [(f"a{i}.md", articles[i], config, Selection(), None) for i in range(n)]
        times = {}
        for label, w in (("in", 1), ("pool", workers)):
            runs = []
            for _ in range(args.repeats):
                t = time.perf_counter()
                parallel._run(items, w, None)
                runs.append(time.perf_counter() - t)
            times[label] = statistics.median(runs)
        print(f"{n:>6} {times['in'] * 1000:>9.0f}ms {times['pool'] * 1000:>6.0f}ms")


if __name__ == "__main__":
    main()
