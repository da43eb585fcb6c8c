"""eval/hnr/evaluate.py: its metrics are right, and it says clearly when the data is not there.

The real data (../shared/data) is not part of a clone, so every example here is written for this
test: a few lines of invented release text with invented labels.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "eval" / "hnr" / "evaluate.py"


@pytest.fixture(scope="module")
def ev():
    spec = importlib.util.spec_from_file_location("hnr_evaluate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)


def test_balanced_accuracy_recall_specificity_and_kappa_on_a_worked_example(ev):
    # 4 positives, 6 negatives; the method flags 3 positives and 1 negative.
    truth = [True] * 4 + [False] * 6
    predicted = [True, True, True, False, True, False, False, False, False, False]
    c = ev.Confusion.of(truth, predicted)
    assert (c.tp, c.fp, c.fn, c.tn) == (3, 1, 1, 5)
    assert ev.recall(c) == pytest.approx(0.75)
    assert ev.specificity(c) == pytest.approx(5 / 6)
    assert ev.balanced_accuracy(c) == pytest.approx((0.75 + 5 / 6) / 2)
    # observed 0.8; chance = (4*4 + 6*6) / 100 = 0.52; kappa = 0.28 / 0.48
    assert ev.cohen_kappa(c) == pytest.approx(0.28 / 0.48)


def test_a_constant_answer_scores_half_and_no_agreement_beyond_chance(ev):
    truth = [True] * 7 + [False] * 3
    always = ev.Confusion.of(truth, [True] * 10)
    assert ev.balanced_accuracy(always) == 0.5
    assert ev.cohen_kappa(always) == 0.0
    perfect = ev.Confusion.of(truth, truth)
    assert ev.balanced_accuracy(perfect) == 1.0 and ev.cohen_kappa(perfect) == 1.0
    inverted = ev.Confusion.of(truth, [not t for t in truth])
    assert ev.balanced_accuracy(inverted) == 0.0 and ev.cohen_kappa(inverted) < 0
    assert math.isnan(ev.recall(ev.Confusion.of([False, False], [True, False])))


def test_folds_keep_each_class_spread_over_every_fold(ev):
    truth = [True] * 10 + [False] * 15
    folds = ev.stratified_folds(truth)
    for f in range(5):
        assert sum(1 for t, g in zip(truth, folds) if g == f and t) == 2
        assert sum(1 for t, g in zip(truth, folds) if g == f and not t) == 3
    assert folds == ev.stratified_folds(truth)  # seeded: the same figures on every run


def test_best_keyword_is_chosen_on_other_folds_and_scored_on_its_own(ev):
    texts = ["the cost is low"] * 5 + ["nothing here"] * 5
    truth = [False] * 5 + [True] * 5  # no cost word -> fails the cost criterion
    predicted, fold_ba, chosen = ev.best_keyword_cv(
        texts, truth, [r"\bprice\b", r"\bcost\b"], ev.stratified_folds(truth)
    )
    assert predicted == truth
    assert fold_ba == [1.0] * 5
    assert chosen == [r"absent: \bcost\b"] * 5


def test_saved_weights_apply_in_plain_python(ev):
    model = {"intercept": -1.0, "weights": {"a": 2.0, "b": -0.5}}
    assert ev.apply_weights(model, {"a": 1.0, "b": 2.0}) == pytest.approx(0.5)
    assert ev.apply_weights(model, {}) == pytest.approx(1 / (1 + math.e))


def test_a_release_becomes_a_titled_markdown_document(ev):
    md = ev.to_markdown("A  new pill", "First line.\n\n  Second line.\n", "treatment")
    assert md == "---\ntopic: treatment\n---\n\n# A new pill\n\nFirst line.\n\nSecond line.\n"


def test_missing_data_exits_2_with_a_clear_message(tmp_path):
    absent = tmp_path / "nowhere" / "hnr-dev.jsonl"
    result = run("--data", str(absent))
    assert result.returncode == 2
    assert f"data file not found: {absent}" in result.stderr
    assert "--data PATH" in result.stderr
    assert result.stdout == ""
    stories = run("--findings-per-story", str(absent))
    assert stories.returncode == 2 and f"stories file not found: {absent}" in stories.stderr


HARM = "About 1 in 100 people who take the pill get a serious rash, and 1 in 20 feel sick."
NO_HARM = "Patients said they felt better after taking the pill every day for a month."


def _release(i: int, harms: str) -> dict:
    body = HARM if harms == "Satisfactory" else NO_HARM
    labels = dict.fromkeys(("benefits", "alternatives", "evidence", "costs"), "Not Applicable")
    labels |= {"harms": harms, "sensational_language": "Satisfactory"}
    return {
        "news_id": f"r{i}",
        "title": "Daily pill eases knee pain in older adults",
        "text": f"Doctors tested a daily pill for knee pain in {40 + i} adults.\n{body}",
        "labels": labels,
    }


def test_runs_the_engine_on_each_release_and_scores_the_rule(tmp_path):
    data = tmp_path / "tiny.jsonl"
    rows = [_release(i, "Satisfactory" if i % 2 else "Not Satisfactory") for i in range(10)]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "figures.json"
    result = run("--data", str(data), "--profile", "health", "--force-topic", "treatment", "--json", str(out))
    assert result.returncode == 0, result.stderr
    assert "| harms | `balance/harms-missing` | 10 | 5 | 1.00 | 1.00 | 1.00 | 1.00 |" in result.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["treatment_topic"] == 10
    harms = figures["criteria"]["harms"]["methods"]["rule"]
    assert (harms["tp"], harms["fp"], harms["fn"], harms["tn"]) == (5, 0, 0, 5)
    # every row is "Not Applicable" for costs: nothing is scored, and the JSON says null, not NaN
    assert figures["criteria"]["costs"]["methods"]["rule"]["n"] == 0
    assert figures["criteria"]["costs"]["methods"]["rule"]["recall"] is None
