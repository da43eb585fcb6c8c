"""Baselines: record today's findings, fail only on new ones, report fixed ones as stale."""

import json

import pytest
from ci_fixtures import run  # noqa: F401  (readability and contentci rules only)
from conftest import SEED

NEW_HARD = (
    "Regenerative interventions demonstrate considerable therapeutic potential, particularly "
    "regarding degenerative musculoskeletal conditions."
)


@pytest.fixture(autouse=True)
def report_every_hard_sentence(tmp_path):
    """Without the top-5 cap, which sentences are reported does not depend on the others."""
    (tmp_path / ".contentci.toml").write_text("[readability]\nmax_hard_sentences = 100\n")


def rules_lines(result):
    return [(d["rule"], d["line"]) for f in result.json["files"] for d in f["diagnostics"]]


def make_baseline(run, *paths):
    result = run("baseline", *paths, "-o", ".contentci-baseline.json")
    assert result.exit_code == 0, result.stderr
    return result


def test_baseline_records_findings_and_turns_a_failing_run_into_a_pass(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    assert run("check", "seed.md").exit_code == 1
    made = make_baseline(run, "seed.md")
    assert "recorded 7 findings in 1 file to .contentci-baseline.json" in made.output
    data = json.loads((tmp_path / ".contentci-baseline.json").read_text())
    assert data["version"] == 1 and len(data["findings"]) == 7
    assert {e["path"] for e in data["findings"]} == {"seed.md"}
    assert data["findings"][0]["rule"] == "readability/grade-level"
    result = run(
        "check", "--format", "json", "--fail-on", "warning", "--baseline", ".contentci-baseline.json", "seed.md"
    )
    assert result.exit_code == 0 and rules_lines(result) == []
    assert result.json["baseline"]["matched"] == 7 and result.json["baseline"]["stale"] == []
    assert "7 findings in baseline .contentci-baseline.json not reported" in result.stderr


def test_fingerprints_survive_lines_moving_and_new_findings_still_fail(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    make_baseline(run, "seed.md")
    before = rules_lines(run("check", "--format", "json", "seed.md"))
    moved = "---\ntitle: Stem cells\nauthor: Ann\n---\n<!-- draft 2 -->\n\n" + SEED.read_text()
    (tmp_path / "seed.md").write_text(moved)
    shifted = run("check", "--format", "json", "--fail-on", "warning", "seed.md")
    assert rules_lines(shifted) == [(rule, line + 6) for rule, line in before]  # every finding moved down
    result = run(
        "check", "--format", "json", "--fail-on", "warning", "--baseline", ".contentci-baseline.json", "seed.md"
    )
    assert result.exit_code == 0 and rules_lines(result) == []
    (tmp_path / "seed.md").write_text(moved + "\n\n" + NEW_HARD + "\n")
    result = run(
        "check", "--format", "json", "--fail-on", "warning", "--baseline", ".contentci-baseline.json", "seed.md"
    )
    assert result.exit_code == 1
    assert rules_lines(result) == [("readability/hard-sentence", 23)]
    assert result.json["baseline"]["new"] == 1


def test_a_second_copy_of_a_baselined_finding_is_new(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    make_baseline(run, "seed.md")
    paragraph = SEED.read_text().splitlines()[4]  # line 5: two hard sentences
    (tmp_path / "seed.md").write_text(SEED.read_text() + "\n\n" + paragraph + "\n")
    result = run(
        "check", "--format", "json", "--fail-on", "warning", "--baseline", ".contentci-baseline.json", "seed.md"
    )
    assert result.exit_code == 1
    assert rules_lines(result) == [("readability/hard-sentence", 17)] * 2  # the copy's two hard sentences


def test_fixed_findings_are_reported_as_stale(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    make_baseline(run, "seed.md")
    lines = SEED.read_text().splitlines(keepends=True)
    (tmp_path / "seed.md").write_text("".join(lines[:10]))  # lines 11-15 are gone: one hard sentence
    result = run(
        "check", "--format", "json", "--fail-on", "warning", "--baseline", ".contentci-baseline.json", "seed.md"
    )
    assert result.exit_code == 0 and rules_lines(result) == []
    stale = result.json["baseline"]["stale"]
    assert [(s["rule"], s["line"], s["path"]) for s in stale] == [("readability/hard-sentence", 11, "seed.md")]
    assert "1 baselined finding is fixed (stale)" in result.stderr


def test_baseline_paths_are_relative_to_the_baseline_file(run, tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / "other.md").write_bytes(SEED.read_bytes())
    make_baseline(run, "content")
    assert {e["path"] for e in json.loads((tmp_path / ".contentci-baseline.json").read_text())["findings"]} == {
        "content/seed.md"
    }
    inside = run("check", "--baseline", "../.contentci-baseline.json", "seed.md", cwd=tmp_path / "content")
    assert inside.exit_code == 0
    # A file that was never baselined is all new; files not checked are not stale.
    other = run("check", "--format", "json", "--baseline", ".contentci-baseline.json", "other.md")
    assert other.exit_code == 1 and len(rules_lines(other)) == 7 and other.json["baseline"]["stale"] == []


def test_bad_baseline_files_are_clear_errors(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    missing = run("check", "--baseline", "nope.json", "seed.md")
    assert missing.exit_code == 2 and "baseline file not found: nope.json" in missing.stderr
    (tmp_path / "bad.json").write_text("{not json")
    bad = run("check", "--baseline", "bad.json", "seed.md")
    assert bad.exit_code == 2 and "is not valid JSON" in bad.stderr
    (tmp_path / "other.json").write_text('{"version": 7}')
    other = run("check", "--baseline", "other.json", "seed.md")
    assert other.exit_code == 2 and "is not a contentci baseline" in other.stderr
    for result in (missing, bad, other):
        assert "Traceback" not in result.stderr
