"""Build ``contentci/data/word_zipf.txt``: English word frequencies (Zipf scale) from wordfreq.

Usage: python eval/readability/build_word_zipf.py [--min-zipf 2.0]   (needs the ``eval`` extra)

contentci rates word rarity from this table rather than importing ``wordfreq`` at run time:
importing it and loading its English list takes ~0.6 s, six times a one-file run. The table
keeps every purely alphabetic word (an apostrophe inside allowed) whose Zipf frequency in
wordfreq's ``large`` English list is at least ``--min-zipf``, rounded to one decimal. A word
missing from the table is rarer than that. Zipf = log10(occurrences per billion words); 7 is
"the", 3 is about once per million words.

One line per word, sorted (so contentci reads the file as one string and finds a word by
bisection, without building a dict): the word, a tab, its Zipf value times ten.
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "contentci" / "data" / "word_zipf.txt"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def build(min_zipf: float) -> str:
    from importlib.metadata import version

    import wordfreq

    freqs = wordfreq.get_frequency_dict("en", wordlist="large")
    table: dict[str, int] = {}
    for word, freq in freqs.items():
        if not WORD.fullmatch(word):
            continue
        zipf = round(math.log10(freq) + 9, 1)  # wordfreq.zipf_frequency, unrounded to two places first
        if zipf < min_zipf:
            continue
        table[word] = round(zipf * 10)
    header = (
        f"# English word frequencies on the Zipf scale, from wordfreq {version('wordfreq')} "
        f"(large list, Zipf >= {min_zipf:g}), built by eval/readability/build_word_zipf.py.\n"
        "# wordfreq by Robyn Speer; its word lists are CC BY-SA 4.0 (github.com/rspeer/wordfreq).\n"
        "# One word a line, sorted: the word, a tab, Zipf x 10. Absent words are rarer.\n"
    )
    lines = [f"{word}\t{z}" for word, z in sorted(table.items())]
    return header + "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-zipf", type=float, default=2.0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    text = build(args.min_zipf)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({sum(1 for line in text.splitlines() if line[:1] != '#')} words)")


if __name__ == "__main__":
    main()
