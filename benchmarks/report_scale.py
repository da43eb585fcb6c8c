"""The audit page at library size: what `contentci report` adds beyond the check, and how big the page is.

    python benchmarks/report_scale.py [--count 3000] [--repeats 3] [--json REPORT.json]

Generates ``--count`` articles (``benchmarks/generate_corpus.py``), checks them once
in-process (grammar off, no cache: the check's own time, for scale), then renders
the HTML page from that result ``--repeats`` times and prints the median render
time and the page size. ``--json`` renders a saved ``check --format json`` report
instead (for instance one with grammar findings), skipping the corpus and the check.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", metavar="REPORT.json")
    args = parser.parse_args()

    from contentci.output.report import render_html

    if args.json:
        from contentci.output.merge import load_report

        report = load_report(args.json)
        print(f"report: {args.json} ({len(report.files)} articles)")
    else:
        os.environ["CONTENTCI_GRAMMAR"] = "off"
        from contentci.run import runner

        corpus = Path(tempfile.mkdtemp(prefix="report-scale-"))
        subprocess.run(
            [sys.executable, str(HERE / "generate_corpus.py"), str(corpus), "--count", str(args.count)],
            check=True,
            capture_output=True,
        )
        start = time.perf_counter()
        report = runner.run(runner.RunOptions(paths=[str(corpus)], cache=False))
        print(f"check: {len(report.files)} articles in {time.perf_counter() - start:.1f} s (for scale)")
    times, page = [], ""
    for _ in range(args.repeats):
        start = time.perf_counter()
        page = render_html(report)
        times.append(time.perf_counter() - start)
    findings = sum(len(f.diagnostics) for f in report.files)
    print(f"findings: {findings}")
    print(f"render: median {statistics.median(times):.2f} s of {args.repeats} (min {min(times):.2f}, max {max(times):.2f})")
    print(f"page: {len(page.encode('utf-8')) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
