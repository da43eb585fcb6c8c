"""Score contentci's health judgments against HealthNewsReview.org expert reviews.

Usage (from the repository root):
    python eval/hnr/evaluate.py                          # Markdown table on stdout
    python eval/hnr/evaluate.py --force-topic treatment  # balance rules on every release
    python eval/hnr/evaluate.py --json figures.json      # every figure as JSON too
    python eval/hnr/evaluate.py --save-weights w.json    # fit the learned layer on all rows
    python eval/hnr/evaluate.py --findings-per-story     # false-alarm volume on unlabelled news

Each press release in ``../shared/data/hnr-dev.jsonl`` (beside the repository; it is not part
of it) becomes a Markdown document (``# title``, one paragraph per line of ``text``) and is
checked in-process with grammar off. A rule "predicts positive" when it has at least one
finding; positive means the expert said "Not Satisfactory" (for sensational language: the
release is sensational). "Not Applicable" rows are left out of that criterion. Beside each
rule are keyword baselines and, when scikit-learn is installed (``pip install -e '.[eval]'``),
a logistic regression on :func:`features`; anything chosen or fitted on the rows is scored by
stratified 5-fold cross-validation, so no row is scored by a model that saw it.

Exit codes: 0 done, 2 the data file is missing or unreadable.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "hnr-dev.jsonl"
DEFAULT_STORIES = ROOT.parent / "shared" / "data" / "news-stories-dev.jsonl"
POSITIVE = "Not Satisfactory"
NOT_APPLICABLE = "Not Applicable"
FOLDS = 5
SEED = 0

# criterion (label key) -> the rule whose findings answer it
CRITERIA = {
    "harms": "balance/harms-missing",
    "benefits": "balance/benefits-unquantified",
    "alternatives": "balance/alternatives-missing",
    "evidence": "balance/evidence-missing",
    "costs": "balance/costs-missing",
    "sensational_language": "claims/hype",
}


@dataclass(frozen=True)
class Keyword:
    """A regex baseline: positive when the pattern is absent (``absent=True``) or present."""

    name: str
    pattern: str
    absent: bool = True

    def predict(self, text: str) -> bool:
        found = re.search(self.pattern, text, re.IGNORECASE) is not None
        return not found if self.absent else found


# The simple baseline of each criterion: one fixed regex, no fitting.
BASELINES = {
    "harms": Keyword("no harm word", r"\b(side[- ]effects?|adverse|risks?|harms?|toxicit\w*|complications?)\b"),
    "benefits": Keyword("no percentage", r"\d+(\.\d+)?\s?%"),
    "alternatives": Keyword(
        "no alternative word", r"\b(other treatments?|alternatives?|compared (with|to)|standard (care|treatment))\b"
    ),
    "evidence": Keyword(
        "no evidence word",
        r"\b(limitations?|small study|randomi[sz]ed|placebo|observational|in mice|preliminary)\b",
    ),
    "costs": Keyword("no cost word", r"\$|\b(costs?|price[sd]?|pricing|insurance|insurers?|afford\w*)\b"),
    "sensational_language": Keyword(
        "any hype word", r"\b(breakthrough|revolutionary|miracle|game[- ]changer|cures?|dramatic)\b", absent=False
    ),
}

# Candidates for "best single keyword": each is tried absent->positive and present->positive;
# the choice is made on four folds and scored on the fifth.
CANDIDATES = {
    "harms": [
        r"\bside[- ]effects?\b",
        r"\badverse\b",
        r"\brisks?\b",
        r"\bharms?\b",
        r"\btoxicit\w*",
        r"\bcomplications?\b",
        r"\bsafe(ty)?\b",
        r"\btolerat\w*",
        BASELINES["harms"].pattern,
    ],
    "benefits": [
        r"\d+(\.\d+)?\s?%",
        r"\bpercent\b",
        r"\b\d+ (of|in|out of) (the )?\d+\b",
        r"\b(times|fold) (more|less|as|higher|lower)\b",
        r"\breduc\w+",
        r"\bimprov\w+",
        r"\d",
        r"\d+(\.\d+)?\s?%|\bpercent\b",
    ],
    "alternatives": [
        r"\balternatives?\b",
        r"\bother (treatments?|therap\w+|options?|drugs?)\b",
        r"\bcompared (with|to)\b",
        r"\bstandard (care|treatment|of care|therapy)\b",
        r"\bcurrent(ly)? (treat\w*|therap\w*|options?)\b",
        r"\bexisting\b",
        r"\bplacebo\b",
        BASELINES["alternatives"].pattern,
    ],
    "evidence": [
        r"\blimitations?\b",
        r"\bsmall (study|trial|sample)\b",
        r"\brandomi[sz]ed\b",
        r"\bplacebo\b",
        r"\bobservational\b",
        r"\b(in mice|mouse|animal|rats?)\b",
        r"\bpreliminary\b",
        r"\b(more|further|additional) (research|studies|study)\b",
        BASELINES["evidence"].pattern,
    ],
    "costs": [
        r"\$",
        r"\bcosts?\b",
        r"\bprice[sd]?\b|\bpricing\b",
        r"\binsur\w+",
        r"\bafford\w*",
        r"\b(covered|coverage|reimburs\w+)\b",
        BASELINES["costs"].pattern,
    ],
    "sensational_language": [
        r"\bbreakthrough\b",
        r"\brevolutionary\b|\brevolution\w*",
        r"\bmiracle\b",
        r"\bgame[- ]changer\b",
        r"\bcures?\b",
        r"\bdramatic\w*",
        r"\bfirst[- ](ever|of its kind)\b",
        r"\b(exciting|promising|remarkable|unprecedented)\b",
        BASELINES["sensational_language"].pattern,
    ],
}


# -- metrics --------------------------------------------------------------------------


@dataclass(frozen=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @classmethod
    def of(cls, truth: list[bool], predicted: list[bool]) -> Confusion:
        tp = sum(t and p for t, p in zip(truth, predicted))
        fp = sum(p and not t for t, p in zip(truth, predicted))
        fn = sum(t and not p for t, p in zip(truth, predicted))
        return cls(tp, fp, fn, len(truth) - tp - fp - fn)

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def positives(self) -> int:
        return self.tp + self.fn


def recall(c: Confusion) -> float:
    """Share of the releases that fail the criterion that the method flags (nan without any)."""
    return c.tp / (c.tp + c.fn) if c.tp + c.fn else math.nan


def specificity(c: Confusion) -> float:
    """Share of the releases that pass the criterion that the method leaves alone."""
    return c.tn / (c.tn + c.fp) if c.tn + c.fp else math.nan


def balanced_accuracy(c: Confusion) -> float:
    """Mean of recall and specificity: 0.5 for any constant answer, whatever the class balance."""
    return (recall(c) + specificity(c)) / 2


def cohen_kappa(c: Confusion) -> float:
    """Agreement with the expert beyond what chance agreement at the same rates would give.

    0 for a constant answer (chance agreement is then all the agreement there is).
    """
    n = c.n
    if not n:
        return math.nan
    observed = (c.tp + c.tn) / n
    chance = ((c.tp + c.fp) * (c.tp + c.fn) + (c.fn + c.tn) * (c.fp + c.tn)) / (n * n)
    return 0.0 if chance == 1 else (observed - chance) / (1 - chance)


def scores(c: Confusion) -> dict[str, float | int]:
    return {
        "n": c.n,
        "positives": c.positives,
        "balanced_accuracy": balanced_accuracy(c),
        "recall": recall(c),
        "specificity": specificity(c),
        "kappa": cohen_kappa(c),
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "tn": c.tn,
    }


def stratified_folds(truth: list[bool], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold number per row, each class dealt round-robin after a seeded shuffle (reproducible)."""
    rng = random.Random(seed)
    fold = [0] * len(truth)
    for cls in (True, False):
        rows = [i for i, t in enumerate(truth) if t == cls]
        rng.shuffle(rows)
        for j, i in enumerate(rows):
            fold[i] = j % k
    return fold


def best_keyword_cv(
    texts: list[str], truth: list[bool], candidates: list[str], folds: list[int]
) -> tuple[list[bool], list[float], list[str]]:
    """Out-of-fold predictions of the candidate (and polarity) best on the other folds.

    Returns the pooled predictions, each fold's balanced accuracy and the choice made per fold.
    """
    options = [Keyword(p, p, absent) for p in candidates for absent in (True, False)]
    hits = [[o.predict(t) for t in texts] for o in options]
    predicted = [False] * len(texts)
    fold_ba, chosen = [], []
    for f in sorted(set(folds)):
        train = [i for i, g in enumerate(folds) if g != f]
        test = [i for i, g in enumerate(folds) if g == f]
        train_truth = [truth[i] for i in train]
        train_ba = [balanced_accuracy(Confusion.of(train_truth, [h[i] for i in train])) for h in hits]
        train_ba = [-1.0 if math.isnan(b) else b for b in train_ba]
        best = max(range(len(options)), key=train_ba.__getitem__)  # first of equals: list order breaks ties
        for i in test:
            predicted[i] = hits[best][i]
        fold_ba.append(balanced_accuracy(Confusion.of([truth[i] for i in test], [hits[best][i] for i in test])))
        chosen.append(("absent: " if options[best].absent else "present: ") + options[best].pattern)
    return predicted, fold_ba, chosen


# -- documents and the engine ---------------------------------------------------------


def to_markdown(title: str, text: str, topic: str | None = None) -> str:
    """The release as an editor would paste it: ``# title``, then one paragraph per line."""
    parts = []
    if topic:
        parts.append(f"---\ntopic: {topic}\n---")
    if title.strip():
        parts.append("# " + " ".join(title.split()))
    parts.extend(p.strip() for p in text.split("\n") if p.strip())
    return "\n\n".join(parts) + "\n"


@dataclass
class EngineRun:
    """One document's result with the parsed document and context, so analysis can be read."""

    result: Any  # contentci.engine.check.FileResult
    doc: Any
    ctx: Any

    def fired(self, rule_id: str) -> int:
        return sum(1 for d in self.result.diagnostics if d.rule == rule_id)


def resolve_profile(profile: str) -> tuple[str, str | None]:
    """The profile to run and a notice when the asked one does not exist in this version."""
    from contentci.config.loading import PROFILES

    if profile in PROFILES:
        return profile, None
    return "health", f"profile {profile!r} does not exist in this version; using 'health'"


def make_config(profile: str):
    from contentci.config.loading import build_config
    from contentci.core.registry import config_schema

    return build_config({"profile": profile, "rules": {"grammar": "off"}}, ROOT, None, config_schema()).resolve("x.md")


def run_engine(name: str, markdown: str, config) -> EngineRun:
    from contentci.analysis.health import topics
    from contentci.document.parse import parse
    from contentci.core.context import Context
    from contentci.engine.check import check_bytes

    data = markdown.encode("utf-8")
    path = f"{name}.md"
    result = check_bytes(path, data, config)
    doc = parse(path, data)
    ctx = Context(path, config)
    ctx._profile = topics.profile(doc, ctx)
    ctx.topics = topics.topics(doc, ctx, ctx._profile)
    return EngineRun(result, doc, ctx)


# -- features for a learned layer ---------------------------------------------------------

_SENTENCE_FLAGS = (
    "benefit",
    "risk",
    "named_harm",
    "harm_detail",
    "adequate_harm",
    "evidence",
    "alternatives",
    "cost",
    "absolute_figure",
    "relative_figure",
    "hedged",
)
_FEATURE_RULES = tuple(CRITERIA.values()) + ("claims/absolute", "claims/uncited", "balance/benefit-risk-ratio")
_NUMBER = re.compile(r"\b\d[\d,]*(\.\d+)?\b")
_PERCENT = re.compile(r"\d+(\.\d+)?\s?(%|percent\b)", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|no|never|none|neither|nor|without|cannot|n't)\b|n't\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"\u201c\u201d]")
_SAID = re.compile(r"\b(said|says|according to)\b", re.IGNORECASE)


def _log(x: float) -> float:
    return round(math.log1p(x), 6)


def features(document_result: EngineRun, text: str) -> dict[str, float]:
    """Numbers a learned layer can weigh; all log1p counts, so weights apply in plain Python.

    From the engine: sentences per classification flag (``contentci.analysis.health.classify``)
    and findings per rule. From the text: numbers, percentages, negations, quotation marks,
    attributions, words, and matches of each criterion's baseline regex. Names are stable: saved weights refer to them.
    """
    from contentci.analysis.health.classify import analyze

    out: dict[str, float] = {}
    analysis = analyze(document_result.doc, document_result.ctx)
    for flag in _SENTENCE_FLAGS:
        out[f"sentences_{flag}"] = _log(len(analysis.where(**{flag: True})))
    out["sentences"] = _log(len(analysis.sentences))
    out["topic_treatment"] = float("treatment" in document_result.ctx.topics)
    for rule_id in _FEATURE_RULES:
        out["findings_" + rule_id.replace("/", "_").replace("-", "_")] = _log(document_result.fired(rule_id))
    out["numbers"] = _log(len(_NUMBER.findall(text)))
    out["percentages"] = _log(len(_PERCENT.findall(text)))
    out["negations"] = _log(len(_NEGATION.findall(text)))
    out["quote_marks"] = _log(len(_QUOTE.findall(text)))
    out["attributions"] = _log(len(_SAID.findall(text)))
    out["words"] = _log(len(text.split()))
    for criterion, keyword in BASELINES.items():  # the baselines' words, counted, so the model sees them too
        out[f"keyword_{criterion}"] = _log(len(re.findall(keyword.pattern, text, re.IGNORECASE)))
    return out


def apply_weights(model: dict, feats: dict[str, float]) -> float:
    """Probability of "Not Satisfactory" from saved weights (plain Python, no scikit-learn)."""
    z = model["intercept"] + sum(w * feats.get(name, 0.0) for name, w in model["weights"].items())
    return 1 / (1 + math.exp(-z))


def _sklearn():
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
    except ImportError:
        return None
    return lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000))


def learned_cv(make, matrix: list[list[float]], truth: list[bool], folds: list[int]) -> tuple[list[bool], list[float]]:
    """Out-of-fold predictions of a logistic regression fitted on the other four folds."""
    predicted = [False] * len(truth)
    fold_ba = []
    for f in sorted(set(folds)):
        train = [i for i, g in enumerate(folds) if g != f]
        test = [i for i, g in enumerate(folds) if g == f]
        labels = [truth[i] for i in train]
        if len(set(labels)) < 2:  # a tiny set can leave one class out of a fold: answer that class
            out = [labels[0]] * len(test)
        else:
            out = make().fit([matrix[i] for i in train], labels).predict([matrix[i] for i in test])
        for i, p in zip(test, out):
            predicted[i] = bool(p)
        fold_ba.append(balanced_accuracy(Confusion.of([truth[i] for i in test], [bool(p) for p in out])))
    return predicted, fold_ba


def fit_weights(make, names: list[str], matrix: list[list[float]], truth: list[bool]) -> dict:
    """Fit on every row; fold the scaler into the weights so they apply to raw features."""
    model = make().fit(matrix, truth)
    scaler, lr = model.steps[0][1], model.steps[1][1]
    coef = lr.coef_[0]
    weights = {n: float(w / s) for n, w, s in zip(names, coef, scaler.scale_)}
    intercept = float(lr.intercept_[0] - sum(w * m / s for w, m, s in zip(coef, scaler.mean_, scaler.scale_)))
    return {"intercept": intercept, "weights": weights, "threshold": 0.5}


# -- the evaluation -------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def missing(path: Path, what: str) -> int:
    print(
        f"evaluate.py: {what} not found: {path}\n"
        "It is not part of the repository: it lives in the project's shared data folder "
        "(../shared/data beside the repository root). Pass --data PATH to point at it.",
        file=sys.stderr,
    )
    return 2


def evaluate(rows: list[dict], profile: str, topic: str | None, source: str) -> tuple[dict, dict | None]:
    """Every figure, and the per-criterion weights fitted on all rows (None without scikit-learn)."""
    config = make_config(profile)
    runs, feats, texts = [], [], []
    for row in rows:
        markdown = to_markdown(row.get("title", ""), row.get("text", ""), topic)
        run = run_engine(row["news_id"], markdown, config)
        runs.append(run)
        text = f"{row.get('title', '')}\n{row.get('text', '')}"
        texts.append(text)
        feats.append(features(run, text))
    names = sorted(feats[0]) if feats else []
    make = _sklearn()
    out: dict[str, Any] = {
        "data": source,
        "documents": len(rows),
        "profile": profile,
        "forced_topic": topic,
        "health_profile": sum(r.ctx.profile in ("health", "news") for r in runs),
        "treatment_topic": sum(r.ctx.profile in ("health", "news") and "treatment" in r.ctx.topics for r in runs),
        "internal_errors": sum(r.result.internal_error for r in runs),
        "folds": FOLDS,
        "seed": SEED,
        "learned_layer": make is not None,
        "features": names,
        "criteria": {},
    }
    weights: dict | None = {} if make is not None else None
    for criterion, rule_id in CRITERIA.items():
        keep = [i for i, row in enumerate(rows) if row["labels"].get(criterion) not in (None, NOT_APPLICABLE)]
        truth = [rows[i]["labels"][criterion] == POSITIVE for i in keep]
        sub_texts = [texts[i] for i in keep]
        folds = stratified_folds(truth)
        methods: dict[str, dict] = {}
        fired = [runs[i].fired(rule_id) > 0 for i in keep]
        methods["rule"] = scores(Confusion.of(truth, fired)) | {"what": rule_id} | _per_fold(truth, fired, folds)
        base = BASELINES[criterion]
        said = [base.predict(t) for t in sub_texts]
        methods["keyword"] = scores(Confusion.of(truth, said)) | {
            "what": ("absent: " if base.absent else "present: ") + base.pattern
        } | _per_fold(truth, said, folds)
        predicted, fold_ba, chosen = best_keyword_cv(sub_texts, truth, CANDIDATES[criterion], folds)
        methods["best_keyword_cv"] = scores(Confusion.of(truth, predicted)) | {
            "fold_balanced_accuracy": fold_ba,
            "mean_fold_balanced_accuracy": _mean(fold_ba),
            "chosen_per_fold": chosen,
        }
        if make is not None:
            matrix = [[feats[i][n] for n in names] for i in keep]
            predicted, fold_ba = learned_cv(make, matrix, truth, folds)
            methods["learned_cv"] = scores(Confusion.of(truth, predicted)) | {
                "fold_balanced_accuracy": fold_ba,
                "mean_fold_balanced_accuracy": _mean(fold_ba),
            }
            if len(set(truth)) == 2:
                weights[criterion] = fit_weights(make, names, matrix, truth) | {"rule": rule_id, "rows": len(keep)}
        out["criteria"][criterion] = {"rule": rule_id, "methods": methods}
    return out, weights


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def _sd(values: list[float]) -> float:
    """Sample standard deviation of the folds' figures: how much one fold of rows moves them."""
    if len(values) < 2:
        return math.nan
    m = _mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def _per_fold(truth: list[bool], predicted: list[bool], folds: list[int]) -> dict:
    """Each fold's balanced accuracy of fixed predictions (nothing fitted), for the spread."""
    fold_ba = []
    for f in sorted(set(folds)):
        rows = [i for i, g in enumerate(folds) if g == f]
        fold_ba.append(balanced_accuracy(Confusion.of([truth[i] for i in rows], [predicted[i] for i in rows])))
    return {"fold_balanced_accuracy": fold_ba, "mean_fold_balanced_accuracy": _mean(fold_ba)}


def _f(x: float) -> str:
    return "n/a" if isinstance(x, float) and math.isnan(x) else f"{x:.2f}"


def markdown_table(figures: dict) -> str:
    lines = [
        f"HealthNewsReview dev split: {figures['documents']} releases, profile `{figures['profile']}`"
        + (f", front matter `topic: {figures['forced_topic']}`" if figures["forced_topic"] else ", topics detected")
        + f"; health profile on {figures['health_profile']}, treatment topic on {figures['treatment_topic']}"
        + (f"; {figures['internal_errors']} internal errors" if figures["internal_errors"] else ""),
        "",
        "| criterion | method | n | positives | balanced acc. | recall | specificity | kappa | BA fold mean ± sd |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    labels = {
        "rule": None,
        "keyword": "keyword baseline",
        "best_keyword_cv": "best single keyword (5-fold CV)",
        "learned_cv": "logistic regression (5-fold CV)",
    }
    for criterion, entry in figures["criteria"].items():
        for key, m in entry["methods"].items():
            label = labels[key] or f"`{entry['rule']}`"
            fold = (
                f"{_f(m['mean_fold_balanced_accuracy'])} ± {_f(_sd(m['fold_balanced_accuracy']))}"
                if "mean_fold_balanced_accuracy" in m
                else ""
            )
            lines.append(
                f"| {criterion} | {label} | {m['n']} | {m['positives']} | {_f(m['balanced_accuracy'])} | "
                f"{_f(m['recall'])} | {_f(m['specificity'])} | {_f(m['kappa'])} | {fold} |"
            )
    lines += ["", "Best single keyword, chosen on four folds (times chosen of five):"]
    for criterion, entry in figures["criteria"].items():
        chosen = entry["methods"]["best_keyword_cv"]["chosen_per_fold"]
        picks = sorted(set(chosen), key=lambda c: (-chosen.count(c), c))
        lines.append(f"- {criterion}: " + "; ".join(f"`{c}` ({chosen.count(c)})" for c in picks))
    if not figures["learned_layer"]:
        lines += ["", "scikit-learn is not installed: no learned layer (pip install -e '.[eval]')."]
    return "\n".join(lines)


def findings_per_story(rows: list[dict], profile: str, topic: str | None) -> dict:
    """Findings of each mapped rule on unlabelled stories: counts only, no text."""
    config = make_config(profile)
    per_rule: dict[str, list[int]] = {rule_id: [] for rule_id in CRITERIA.values()}
    health = treatment = 0
    for row in rows:
        markdown = to_markdown(row.get("title", ""), row.get("text", ""), topic)
        run = run_engine(str(row.get("id", "story")), markdown, config)
        health += run.ctx.profile in ("health", "news")
        treatment += run.ctx.profile in ("health", "news") and "treatment" in run.ctx.topics
        for rule_id, counts in per_rule.items():
            counts.append(run.fired(rule_id))
    n = len(rows)
    return {
        "stories": n,
        "profile": profile,
        "forced_topic": topic,
        "health_profile": health,
        "treatment_topic": treatment,
        "rules": {
            rule_id: {
                "stories_with_findings": sum(c > 0 for c in counts),
                "findings": sum(counts),
                "mean_per_story": sum(counts) / n if n else math.nan,
                "max_per_story": max(counts, default=0),
            }
            for rule_id, counts in per_rule.items()
        },
    }


def findings_table(figures: dict) -> str:
    n = figures["stories"]
    lines = [
        f"Unlabelled news stories: {n}, profile `{figures['profile']}`"
        + (f", front matter `topic: {figures['forced_topic']}`" if figures["forced_topic"] else ", topics detected")
        + f"; health profile on {figures['health_profile']}, treatment topic on {figures['treatment_topic']}",
        "",
        "| rule | stories with a finding | share | findings | per story | most in one story |",
        "|---|---|---|---|---|---|",
    ]
    for rule_id, r in figures["rules"].items():
        share = r["stories_with_findings"] / n if n else math.nan
        lines.append(
            f"| `{rule_id}` | {r['stories_with_findings']} | {_f(share)} | {r['findings']} | "
            f"{_f(r['mean_per_story'])} | {r['max_per_story']} |"
        )
    return "\n".join(lines)


def _json(figures: dict) -> str:
    """Standard JSON: an undefined ratio (no positives, say) is null, not NaN."""

    def clean(v):
        if isinstance(v, float) and math.isnan(v):
            return None
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, list):
            return [clean(x) for x in v]
        return v

    return json.dumps(clean(figures), indent=2, allow_nan=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled releases (JSON lines)")
    parser.add_argument("--profile", choices=("news", "health"), default="news", help="profile to run (default news)")
    parser.add_argument("--force-topic", choices=("treatment",), help="add `topic: ...` front matter to every document")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write every figure as JSON")
    parser.add_argument("--save-weights", type=Path, metavar="PATH", help="fit the learned layer on all rows; write it")
    parser.add_argument(
        "--findings-per-story",
        nargs="?",
        const=DEFAULT_STORIES,
        type=Path,
        metavar="STORIES",
        help="count the mapped rules' findings on unlabelled stories instead (default news-stories-dev.jsonl)",
    )
    args = parser.parse_args(argv)
    profile, notice = resolve_profile(args.profile)
    if notice:
        print(f"note: {notice}", file=sys.stderr)
    if args.findings_per_story is not None:
        path = args.findings_per_story
        if not path.is_file():
            return missing(path, "stories file")
        figures = findings_per_story(read_jsonl(path), profile, args.force_topic)
        figures["data"] = path.name
        print(findings_table(figures))
        if args.json:
            args.json.write_text(_json(figures), encoding="utf-8")
        return 0
    if not args.data.is_file():
        return missing(args.data, "data file")
    if args.save_weights and _sklearn() is None:
        print("evaluate.py: --save-weights needs scikit-learn (pip install -e '.[eval]')", file=sys.stderr)
        return 2
    try:
        rows = read_jsonl(args.data)
    except (OSError, ValueError) as exc:
        print(f"evaluate.py: cannot read {args.data}: {exc}", file=sys.stderr)
        return 2
    figures, weights = evaluate(rows, profile, args.force_topic, args.data.name)
    print(markdown_table(figures))
    if args.json:
        args.json.write_text(_json(figures), encoding="utf-8")
    if args.save_weights:
        meta = {
            "source": f"HealthNewsReview.org expert reviews, {args.data.name} ({len(rows)} releases)",
            "positive": "expert verdict Not Satisfactory",
            "features": "eval/hnr/evaluate.py features()",
            "profile": profile,
            "forced_topic": args.force_topic,
        }
        args.save_weights.write_text(_json({"meta": meta, "criteria": weights}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
