"""What the throughput target leaves per article, and what steps any design needs cost here.

    python benchmarks/floor.py [--articles 200] [--repeats 5] [--cores 2] [--target 700] [--vocabulary wide]

The issue's target is 700 articles/s on a 2-core machine: at most ``cores / target``
seconds of CPU an article (2.9 ms), start-up and output included. This script times,
in one process and in CPU seconds (so other load on a shared machine matters less),
the steps every implementation of these rules must take on the same generated
articles, from the cheapest up:

- ``split words``: ``str.split`` of the whole file (the brief's "reading and tokenising");
- ``words + lookup``: every ``\\w+`` word of the prose and one dict lookup each, the least
  a word-level rule (syllables, familiar words, cue words) can do in Python;
- ``markdown tree``: the Rust CommonMark parser alone (markdown-it-pyrs);
- ``document``: ``contentci.document.parse.parse`` (tree, prose blocks, offsets for line:col);
- ``sentences``: splitting every prose block into sentences;
- ``check``: the whole offline check (``engine.check_bytes``, grammar ignored).

It prints milliseconds an article (median of ``--repeats``) and each as a share of the
budget, so the gap between the target and this interpreter's floor is a measured figure
rather than a guess.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

_WORD = re.compile(r"\w+")


def _time_per_article(step, batches: list[list]) -> float:
    """Median CPU milliseconds per item of ``step``, one batch a run, after the first as warm-up.

    Each run gets articles it has not seen: memos keyed by text (sentence splits, cue
    matches) must not make a repeat look cheaper than a first sight.
    """
    runs = []
    for batch in batches:
        start = time.process_time()
        for item in batch:
            step(item)
        runs.append((time.process_time() - start) / len(batch) * 1000)
    return statistics.median(runs[1:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200, help="per run")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--target", type=float, default=700.0, help="articles/s")
    ap.add_argument("--vocabulary", choices=("narrow", "wide"), default="narrow", help="see generate_corpus.py")
    args = ap.parse_args()

    from generate_corpus import generate

    from contentci.document import markdown_fast, sentences
    from contentci.config.loading import load_config
    from contentci.core.registry import config_schema
    from contentci.document.parse import parse
    from contentci.core.result import Selection
    from contentci.engine.check import check_bytes

    gc.freeze()
    gc.set_threshold(10_000, 50, 50)  # as the command line runs
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.articles * (args.repeats + 1), vocabulary=args.vocabulary)
        files = [(str(p), p.read_bytes()) for p in paths]
    texts = [data.decode("utf-8") for _, data in files]
    docs = [parse(path, data) for path, data in files]

    def batches(items: list) -> list[list]:
        return [items[i : i + args.articles] for i in range(0, len(items), args.articles)]

    lookup: dict[str, int] = {}
    config = load_config(None, Path(tmp), schema=config_schema()).resolve("")
    selection = Selection(ignore=("grammar",))
    tree = markdown_fast._parser().tree

    def words_and_lookup(doc) -> None:
        get = lookup.get
        for block in doc.blocks:
            for word in _WORD.findall(block.text):
                if get(word) is None:
                    lookup[word] = len(word)

    def split_sentences(doc) -> None:
        for block in doc.blocks:
            sentences.split(block.text)

    steps = [
        ("split words", lambda text: text.split(), texts),
        ("words + lookup", words_and_lookup, docs),
        ("markdown tree", tree, texts),
        ("document", lambda f: parse(*f), files),
        ("sentences", split_sentences, docs),
        ("check", lambda f: check_bytes(f[0], f[1], config, selection), files),
    ]
    budget = args.cores / args.target * 1000
    words = statistics.mean(len(t.split()) for t in texts)
    print(
        f"{args.articles} generated articles a run ({args.vocabulary} vocabulary), ~{words:.0f} words each; "
        f"CPU ms per article, median of {args.repeats}"
    )
    print(
        f"budget for {args.target:.0f} articles/s on {args.cores} cores: {budget:.2f} ms an article, everything included"
    )
    print(f"{'step':16} {'ms':>7} {'of budget':>10}")
    for name, step, items in steps:
        ms = _time_per_article(step, batches(items))
        print(f"{name:16} {ms:7.3f} {ms / budget * 100:9.0f}%")


if __name__ == "__main__":
    main()
