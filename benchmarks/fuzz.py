"""Fuzz the whole per-file pipeline: N generated inputs, every result checked against the invariants.

    python benchmarks/fuzz.py [--cases 100000] [--seed 1] [--jobs 2]

Each case is made from its own seed (so any failure is reproducible with
``--replay SEED``) by one of five generators: Markdown token soup, random
Unicode (controls, combining marks, RTL, emoji, line separators), byte-level
mutations of a realistic article (delete, duplicate, insert, flip, truncate),
random bytes, and random front matter. Every case runs ``check_bytes`` and must
raise nothing, report no internal error, and give findings that lie inside the
file with spans that never run backwards; one case in four also parses the
document with both Markdown front ends and checks every prose piece maps back
to the source exactly. Cases run in worker processes, so a crash in native code
is caught and reported with the batch that caused it.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests"), str(HERE)]

PIECES = [
    "Word",
    "word",
    "The therapy utilizes immunomodulatory mechanisms",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "```\n",
    "~~~\n",
    "~~",
    "[",
    "]",
    "](",
    "(",
    ")",
    "<",
    ">",
    "!",
    "![",
    "# ",
    "###### ",
    "=\n",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "> ",
    ">> ",
    "    ",
    "|",
    "| --- |",
    "---\n",
    "***\n",
    "&amp;",
    "&#169;",
    "&#x1F600;",
    "&bogus;",
    "\\",
    "\\*",
    "http://x.y/z",
    "https://a.b/c_(d).",
    "www.a.bc",
    "<http://q.r>",
    "<a@b.c>",
    "<!-- c -->",
    "<!--",
    "-->",
    "<b>",
    "</b>",
    "<div>\n",
    "</div>\n",
    "[ref]: http://z\n",
    "[ref]",
    "é",
    "😀",
    "文",
    "ü",
    "\u0301",
    "\u200b",
    "\u200f",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\x0c",
    "\x0b",
    "\u00a0",
    ".",
    ". ",
    "? ",
    "! ",
    "\u2026 ",
    "e.g. ",
    "Dr. ",
    "U.S. ",
    "3.5 mg",
    "50%",
    '"',
    "'",
    "\u201c",
    "\u2019",
]
CODEPOINTS = (
    [chr(c) for c in range(0x20, 0x7F)] * 4
    + [chr(c) for c in range(0x01, 0x20) if c != 0]
    + [chr(c) for c in range(0xA0, 0x250)]
    + [chr(c) for c in range(0x300, 0x370)]  # combining marks
    + [chr(c) for c in range(0x590, 0x700)]  # Hebrew, Arabic
    + [chr(c) for c in range(0x4E00, 0x4E80)]
    + ["\u2028", "\u2029", "\u200b", "\u200d", "\ufeff", "\ufffd", "😀", "👩\u200d💻", "\U0001f1fa\U0001f1f8"]
)


def make_case(seed: int) -> tuple[str, bytes]:
    import generate_corpus

    rng = random.Random(seed)
    kind = rng.randrange(5)
    name = rng.choice(["a.md", "a.md", "a.md", "a.txt", "b.markdown"])
    if kind == 0:
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 200)))
        return name, text.encode("utf-8")
    if kind == 1:
        text = "".join(rng.choice(CODEPOINTS) for _ in range(rng.randrange(0, 400)))
        return name, text.encode("utf-8")
    if kind == 2:
        data = bytearray(generate_corpus.article(rng, seed).encode("utf-8"))
        for _ in range(rng.randrange(1, 12)):
            op = rng.randrange(5)
            i = rng.randrange(len(data) + 1)
            j = min(len(data), i + rng.randrange(0, 200))
            if op == 0:
                del data[i:j]
            elif op == 1:
                data[i:i] = data[i:j] * rng.randrange(1, 4)
            elif op == 2:
                data[i:i] = rng.choice(PIECES).encode("utf-8")
            elif op == 3 and data:
                k = rng.randrange(len(data))
                data[k] = rng.randrange(1, 256)
            else:
                del data[j:]
        return name, bytes(data)
    if kind == 3:
        return name, bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
    keys = [
        "title",
        "tags",
        "profile",
        "date",
        "x",
        "a b",
        "- y",
        "? z",
        "&a",
        "*a",
        "!!str",
        "!!python/name:os.system",
    ]
    lines = []
    for _ in range(rng.randrange(0, 8)):
        lines.append(
            rng.choice(keys)
            + rng.choice([": ", ":", " : ", ": [", ": {", ": |\n  ", ": >-\n  "])
            + rng.choice(PIECES + ["1", "true", "null", "~"])
        )
    body = "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 60)))
    return name, ("---\n" + "\n".join(lines) + rng.choice(["\n---\n", "\n...\n", "\n", "\n--- \r\n"]) + body).encode(
        "utf-8", "replace"
    )


def check_case(seed: int) -> list[str]:
    """Problems with one case (empty: it passed)."""
    from invariants import document_problems, result_problems

    from contentci.document.parse import decode, parse
    from contentci.core.result import Selection
    from contentci.engine.check import check_bytes
    from contentci.core.errors import DocumentError

    config = _config()
    name, data = make_case(seed)
    try:
        result = check_bytes(name, data, config, Selection())
        try:
            source = decode(data)[0]
        except DocumentError:
            rules = [d.rule for d in result.diagnostics]
            return [] if rules == ["contentci/unreadable"] else [f"undecodable input gave {rules}"]
        problems = result_problems(result, source.split("\n"))
        if seed % 4 == 0:
            problems += ["fast: " + p for p in document_problems(parse(name, data))]
            saved = os.environ.get("CONTENTCI_MARKDOWN")
            os.environ["CONTENTCI_MARKDOWN"] = "py"
            try:
                problems += ["markdown-it-py: " + p for p in document_problems(parse(name, data))]
            finally:
                if saved is None:
                    del os.environ["CONTENTCI_MARKDOWN"]
                else:
                    os.environ["CONTENTCI_MARKDOWN"] = saved
        return problems
    except Exception as exc:  # the point of fuzzing: report, do not stop
        import traceback

        return [f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-4)}"]


_CONFIG = None


def _config():
    global _CONFIG
    if _CONFIG is None:
        from contentci.config.loading import build_config
        from contentci.core.registry import config_schema

        _CONFIG = build_config({}, Path("."), None, config_schema()).resolve("a.md")
    return _CONFIG


def run_batch(seeds: range) -> tuple[int, list[tuple[int, list[str]]]]:
    failures = []
    for seed in seeds:
        problems = check_case(seed)
        if problems:
            failures.append((seed, problems))
    return len(seeds), failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1, help="first case seed; cases use seed .. seed+cases-1")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--replay", type=int, help="run one case and print it and its problems")
    args = ap.parse_args()
    if args.replay is not None:
        name, data = make_case(args.replay)
        print(name, repr(data[:2000]))
        print("\n".join(check_case(args.replay)) or "no problems")
        return 0

    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    start = time.monotonic()
    batches = [
        range(s, min(s + args.batch, args.seed + args.cases))
        for s in range(args.seed, args.seed + args.cases, args.batch)
    ]
    done = 0
    failures: list[tuple[int, list[str]]] = []
    crashed: list[range] = []
    pending = list(batches)
    while pending:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(run_batch, b): b for b in pending}
            pending = []
            for future, batch in futures.items():
                try:
                    n, fails = future.result()
                except BrokenProcessPool:
                    crashed.append(batch)
                    continue
                done += n
                failures += fails
                if done % 10_000 < args.batch:
                    rate = done / (time.monotonic() - start)
                    print(f"  {done:,} cases, {len(failures)} failures, {rate:,.0f} cases/s", flush=True)
        if crashed and not pending:
            break
    elapsed = time.monotonic() - start
    for seed, problems in failures[:20]:
        print(f"FAIL seed {seed}: " + " | ".join(problems)[:2000])
    for batch in crashed:
        print(f"CRASH: a worker died in seeds {batch.start}..{batch.stop - 1}")
    print(
        f"{done:,} cases in {elapsed:.0f} s ({done / elapsed:,.0f}/s): {len(failures)} failures, {len(crashed)} crashed batches"
    )
    return 1 if failures or crashed else 0


if __name__ == "__main__":
    sys.exit(main())
