"""Crafted inputs at growing sizes: time and peak memory of one `contentci check` each, to show they grow linearly.

    python benchmarks/adversarial.py [--sizes 64K,256K,1M] [--only NAME,...] [--repeats 1]

Each class is an input someone opening a pull request could craft to hold a CI
job (super-linear regex, quadratic scanning, alias expansion, per-sentence work
on one endless sentence). For every class and size it writes the file into a
fresh folder beside a small good article, runs the real command line in a fresh
interpreter (``check --jobs 1 --no-cache --ignore grammar --format json``), and
prints wall time, peak resident memory of the process (``ru_maxrss``), the exit
code and what the crafted file got (its findings count, or the per-file error),
and checks the good article was still checked. The target on a 2-core machine:
every 1 MB case under 2 s and 300 MB. ``x4`` is the time of a size over the time
of the size before it (4x the input: linear is about 4, quadratic 16).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOOD = "# A good article\n\nThis short article is easy to read. It says one thing.\n"


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    body = unit * max(1, (size - len(head) - len(tail)) // len(unit))
    return head + body + tail


def _aliases(size: int) -> str:
    """Front matter whose every key is a chain of YAML aliases (billion laughs), used in title/topic."""
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    k = 0
    while sum(len(x) + 1 for x in lines) < size - 200:
        k += 1
        lines.append(f"a{k}: &a{k} [*a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}]")
    lines += [f"title: *a{k}", f"topic: *a{k}", f"last_reviewed: *a{k}", "---", "", "# Aliases", "", "Short text."]
    return "\n".join(lines) + "\n"


def _overrides(size: int) -> str:
    entries = []
    total, k = 0, 0
    while total < size:
        entry = f'[[overrides]]\nfiles = ["section-{k}/**/*.md", "other-{k}/*.md"]\nrules = {{"claims/hype" = "off"}}\n\n'
        entries.append(entry)
        total += len(entry)
        k += 1
    return "".join(entries)


# name -> (what it is, make(size) -> article text, or None when the class is a config file)
CLASSES = {
    "unclosed-suppressions": ("unclosed disable comments", lambda n: _fill("<!-- contentci-disable claims/hype\n", n)),
    "next-line-directives": (
        "disable-next-line directives",
        lambda n: _fill("<!-- contentci-disable-next-line claims/hype -->\nA revolutionary cure.\n", n),
    ),
    "dots-and-quotes": ("sentence-ending dots and quotes", lambda n: _fill('." .\' ."', n, "# Dots\n\n")),
    "hype-sentence": (
        "one sentence full of hype words",
        lambda n: _fill("a revolutionary miracle breakthrough that works and ", n, "# Hype\n\n"),
    ),
    "all-hype": ("every word a hype word", lambda n: _fill("revolutionary ", n, "# Hype\n\n")),
    "benefit-sentence": (
        "one benefit-claim sentence",
        lambda n: _fill("reduces pain by 50% and improves sleep and lowers risk and ", n, "# Claims\n\n"),
    ),
    "table-pipes": ("escaped table pipes", lambda n: _fill("\\| ", n, "# Table\n\n| a | b |\n|---|---|\n| ", " |\n")),
    "tiny-sentences": ("tiny health sentences", lambda n: _fill("Pain. Cure. ", n, "# Tiny\n\n")),
    "short-lines": ("short lines", lambda n: _fill("Ache.\n", n, "# Lines\n\n")),
    "unclosed-brackets": ("unclosed brackets", lambda n: _fill("[a ", n, "# Brackets\n\n")),
    "nested-brackets": ("nested brackets", lambda n: "# Nested\n\n" + "[" * (n // 2 - 8) + "]" * (n // 2 - 8) + "\n"),
    "no-spaces": ("one line without spaces", lambda n: _fill("abcdefgh", n, "# Word\n\n")),
    "unclosed-emphasis": ("unclosed emphasis and code", lambda n: _fill("*a _b `c ", n, "# Marks\n\n")),
    "alias-front-matter": ("front matter of nested YAML aliases", _aliases),
    "many-overrides": ("config with many [[overrides]]", None),
}


def parse_size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1024, "M": 1024 * 1024}.get(text[-1], 1)
    return int(float(text.rstrip("KM")) * scale)


def run_case(name: str, size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="contentci-adversarial-") as tmp:
        folder = Path(tmp)
        (folder / "good.md").write_text(GOOD, encoding="utf-8")
        make = CLASSES[name][1]
        if make is None:
            (folder / ".contentci.toml").write_text(_overrides(size), encoding="utf-8")
            target = "good.md"
        else:
            (folder / "crafted.md").write_text(make(size), encoding="utf-8")
            target = "crafted.md"
        cmd = [sys.executable, "-m", "contentci", "check", "--jobs", "1", "--no-cache", "--ignore", "grammar"]
        cmd += ["--format", "json", "."]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CONTENTCI_GRAMMAR": "off", "CONTENTCI_CACHE_DIR": tmp}
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = proc.communicate()
        elapsed = time.perf_counter() - start
        peak = _peak_kib()
        got, good_checked = "", False
        try:
            report = json.loads(out)
            by_path = {f["path"].lstrip("./"): f for f in report["files"]}
            good_checked = "good.md" in by_path
            crafted = by_path.get(target)
            if crafted is not None:
                ids = [d["rule"] for d in crafted["diagnostics"] if d["rule"].startswith("contentci/")]
                got = ids[0] if ids else f"{len(crafted['diagnostics'])} findings"
        except (ValueError, KeyError):
            got = err.decode("utf-8", "replace").strip().splitlines()[-1][:60] if err.strip() else "no JSON"
        return {
            "seconds": elapsed,
            "peak_mb": peak / 1024,
            "exit": proc.returncode,
            "got": got,
            "good": good_checked,
            "stderr": err.decode("utf-8", "replace")[-2000:],
        }


def _peak_kib() -> float:
    """Peak RSS (KiB) of the largest finished child; each case runs in its own interpreter
    (``_isolated``), whose only child is the check, so this is the check's peak."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="64K,256K,1M")
    parser.add_argument("--only", default="")
    parser.add_argument("--repeats", type=int, default=1, help="median of this many runs per case")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    names = [n for n in CLASSES if not args.only or n in args.only.split(",")]
    print(f"{'class':<24} {'size':>6} {'seconds':>8} {'x4':>5} {'peak MB':>8} {'exit':>4}  crafted file got / good file checked")
    worst_time = worst_mem = 0.0
    for name in names:
        before = None
        for size in sizes:
            runs = [_isolated(name, size) for _ in range(args.repeats)]
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = max(r["peak_mb"] for r in runs)
            r = runs[0]
            ratio = f"{seconds / before:5.1f}" if before else "    -"
            before = seconds
            label = f"{size // 1024}K" if size < 1024 * 1024 else f"{size / 1048576:g}M"
            good = "yes" if r["good"] else "NO"
            print(f"{name:<24} {label:>6} {seconds:8.2f} {ratio} {peak:8.0f} {r['exit']:>4}  {r['got']} / {good}")
            if size == max(sizes):
                worst_time, worst_mem = max(worst_time, seconds), max(worst_mem, peak)
    print(f"largest size: slowest {worst_time:.2f} s, most memory {worst_mem:.0f} MB")


def _isolated(name: str, size: int) -> dict:
    """One case in its own interpreter, so RUSAGE_CHILDREN's peak is this case's alone."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import adversarial as a; "
        "print(json.dumps(a.run_case(sys.argv[2], int(sys.argv[3]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).resolve().parent), name, str(size)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


if __name__ == "__main__":
    main()
