"""eval/claims/sample.py: stable finding ids, seeded samples, Wilson intervals, and verdict files
that can be re-scored without the (unshipped) news stories. Stories here are invented."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "eval" / "claims" / "sample.py"


@pytest.fixture(scope="module")
def sm():
    spec = importlib.util.spec_from_file_location("claims_sample", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)


def test_wilson_interval_on_a_worked_example(sm):
    lo, hi = sm.wilson(40, 50)
    assert (round(lo, 3), round(hi, 3)) == (0.670, 0.888)
    assert sm.wilson(0, 10)[0] == 0.0 and sm.wilson(10, 10)[1] == pytest.approx(1.0)


def test_finding_ids_name_story_rule_position_and_sentence(sm):
    a = sm.finding_id("story_1", "claims/hype", 7, 12, "A  miracle gel.")
    assert a.startswith("story_1|hype|7:12|") and a == sm.finding_id("story_1", "claims/hype", 7, 12, "A miracle gel.")
    assert a != sm.finding_id("story_1", "claims/hype", 7, 12, "A miracle cream.")


def test_collect_checks_each_story_as_markdown_and_keeps_the_sentence(sm):
    stories = [
        {"id": "s1", "title": "A miracle gel", "text": "The gel is new.\nStudies show it is completely safe."},
        {"id": "s2", "title": "Plain", "text": "Nothing to see."},
    ]
    found = sm.collect(stories, "health")
    assert sorted(f.rule for f in found) == ["claims/absolute", "claims/hype", "claims/uncited"]
    hype = next(f for f in found if f.rule == "claims/hype")
    assert (hype.story, hype.line, hype.sentence) == ("s1", 5, "# A miracle gel")
    uncited = next(f for f in found if f.rule == "claims/uncited")
    assert uncited.sentence == "Studies show it is completely safe."


def test_samples_are_seeded_and_capped(sm):
    found = [sm.Found(f"s|hype|{i}:1|x", "claims/hype", "s", i, 1, "", "", "") for i in range(80)]
    one = sm.draw(found, "claims/hype", seed=1)
    assert len(one) == 50 and one == sm.draw(found, "claims/hype", seed=1)
    assert one != sm.draw(found, "claims/hype", seed=2)
    assert len(sm.draw(found[:7], "claims/hype", seed=1)) == 7


def test_checked_in_verdicts_are_well_formed_and_hold_no_article_text(sm):
    files = sorted((ROOT / "eval" / "claims").glob("verdicts-*.csv"))
    assert {f.name for f in files} >= {"verdicts-hype-before.csv", "verdicts-absolute-before.csv", "verdicts-uncited-before.csv"}
    for path in files:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == ["finding_id", "verdict", "reason"]
            rows = list(reader)
        assert rows and all(r["verdict"] in ("correct", "false-alarm") for r in rows)
        assert len({r["finding_id"] for r in rows}) == len(rows)
        for r in rows:  # one line in the judge's words: short, nothing quoted
            assert 0 < len(r["reason"]) <= 80 and not any(q in r["reason"] for q in "\"\u201c\u201d")


def test_score_reads_the_verdict_files_without_the_data(sm):
    result = run("--score")
    assert result.returncode == 0
    assert "claims/hype" in result.stdout and "Wilson 95%" in result.stdout and "before:" in result.stdout


def test_missing_data_says_where_it_looked_and_exits_2(tmp_path):
    result = run("--data", str(tmp_path / "none.jsonl"))
    assert result.returncode == 2 and "none.jsonl" in result.stdout
