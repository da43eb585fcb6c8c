"""eval/readability/hard_sample.py: hard-sentence findings sampled like the claims ones, each with
the exact sentence the rule reported, and a verdict file that re-scores without the (unshipped)
news stories. Stories here are invented."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "eval" / "readability" / "hard_sample.py"
HARD = (
    "By introducing healthy stem cells into the bloodstream, the body may begin to recalibrate its "
    "immune response, reducing the severity of autoimmune attacks."
)


@pytest.fixture(scope="module")
def hs():
    spec = importlib.util.spec_from_file_location("hard_sample", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)


def test_span_text_is_the_reported_span_on_one_line_or_across_lines(hs):
    lines = ["Intro. The second one here.", "next line", "end of it. Tail"]
    assert hs.span_text(lines, 1, 8, 1, 28) == "The second one here."
    assert hs.span_text(lines, 1, 8, 3, 11) == "The second one here. next line end of it."
    assert hs.span_text(lines, 9, 1, 9, 5) == ""


def test_collect_finds_the_hard_sentence_with_a_stable_id(hs):
    stories = [
        {"id": "s1", "title": "Stem cells", "text": f"Cells are small. {HARD}\nThat is all."},
        {"id": "s2", "title": "Plain", "text": "The dog ran home. It was late."},
    ]
    found = hs.collect(stories)
    assert [(f.story, f.rule, f.sentence) for f in found] == [("s1", "readability/hard-sentence", HARD)]
    f = found[0]
    assert f.id.startswith(f"s1|hard-sentence|{f.line}:{f.column}|") and f.message.startswith("Hard sentence")
    assert hs.collect(stories)[0].id == f.id


def test_checked_in_verdicts_hold_the_sample_size_and_no_article_text(hs):
    with hs.VERDICTS_FILE.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["finding_id", "verdict", "reason"]
        rows = list(reader)
    assert len(rows) == 50 and len({r["finding_id"] for r in rows}) == 50
    assert all("|hard-sentence|" in r["finding_id"] for r in rows)
    for r in rows:
        assert r["verdict"] in ("correct", "false-alarm")
        assert 0 < len(r["reason"]) <= 80 and not any(q in r["reason"] for q in "\"\u201c\u201d")


def test_score_runs_without_the_data_and_matches_the_readme(hs):
    result = run("--score")
    assert result.returncode == 0 and "Wilson 95%" in result.stdout
    correct, n, precision, (lo, hi) = hs.score()
    readme = (ROOT / "eval" / "readability" / "README.md").read_text(encoding="utf-8")
    assert f"{correct} correct, precision {precision:.2f} (Wilson 95% {lo:.2f}-{hi:.2f})" in readme
    assert f"n = {n}" in readme


def test_missing_data_says_where_it_looked_and_exits_2(tmp_path):
    result = run("--data", str(tmp_path / "none.jsonl"))
    assert result.returncode == 2 and "none.jsonl" in result.stdout
