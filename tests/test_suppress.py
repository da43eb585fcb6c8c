"""Inline suppressions: comments and front matter that silence findings, and their own checks."""

import pytest
from ci_fixtures import run  # noqa: F401  (readability and contentci rules only)
from conftest import SEED

EASY = "Max is a big dog. He likes to run. He can catch a ball and bring it back."
EASY2 = "Max sleeps on a mat. He eats his food. He likes the park and the sun."
EASY3 = "Max is a good dog. He sits when you ask. He waits at the door."
HARD_A = (
    "Stem cells possess immunomodulatory properties that can help balance the immune system "
    "by recalibrating inflammatory responses significantly."
)
HARD_B = (
    "Autoimmune diseases occur when the immune system mistakenly attacks the body's own tissues, "
    "leading to chronic inflammation, fibrosis and progressive organ dysfunction."
)
HARD_C = (
    "Regenerative interventions demonstrate considerable therapeutic potential, particularly "
    "regarding degenerative musculoskeletal conditions."
)


@pytest.fixture(autouse=True)
def only_sentence_findings(tmp_path):
    """The whole-article grade is not what these tests are about: findings come per sentence."""
    (tmp_path / ".contentci.toml").write_text('[rules]\n"readability/grade-level" = "off"\n')


def article(*paragraphs: str) -> str:
    return "\n\n".join(("# Dogs and stem cells", EASY, EASY2) + paragraphs + (EASY3,)) + "\n"


def findings(result):
    """(rule, line, column) of every finding in a JSON result."""
    return [(d["rule"], d["line"], d["column"]) for f in result.json["files"] for d in f["diagnostics"]]


def check(run, *extra):
    return run("check", "--format", "json", "--fail-on", "warning", *extra, "a.md")


def test_article_without_suppressions_fails(run, tmp_path):
    (tmp_path / "a.md").write_text(article(HARD_A, HARD_B))
    result = check(run)
    assert result.exit_code == 1
    assert findings(result) == [("readability/hard-sentence", 7, 1), ("readability/hard-sentence", 9, 1)]


def test_disable_next_line_silences_only_that_line(run, tmp_path):
    (tmp_path / "a.md").write_text(
        article("<!-- contentci-disable-next-line readability/hard-sentence -->\n" + HARD_A, HARD_B)
    )
    result = check(run)
    assert findings(result) == [("readability/hard-sentence", 10, 1)]


def test_region_and_family_suppression_turn_failure_into_pass_and_new_findings_still_fail(run, tmp_path):
    suppressed = article("<!-- contentci-disable readability/ -->", HARD_A, HARD_B, "<!-- contentci-enable -->")
    (tmp_path / "a.md").write_text(suppressed)
    result = check(run)
    assert result.exit_code == 0 and findings(result) == []
    (tmp_path / "a.md").write_text(suppressed + f"\n{HARD_C}\n\n{EASY}\n\n{EASY2}\n")
    result = check(run)
    assert result.exit_code == 1
    assert findings(result) == [("readability/hard-sentence", 17, 1)]  # after the enable: reported


def test_region_without_enable_runs_to_end_and_bare_disable_means_every_rule(run, tmp_path):
    (tmp_path / "a.md").write_text(article(HARD_A, "<!-- contentci-disable -->", HARD_B))
    assert findings(check(run)) == [("readability/hard-sentence", 7, 1)]


def test_disable_file_anywhere_in_the_file(run, tmp_path):
    (tmp_path / "a.md").write_text(article(HARD_A, HARD_B, "<!-- contentci-disable-file readability/hard-sentence -->"))
    result = check(run)
    assert result.exit_code == 0 and findings(result) == []


def test_front_matter_disable_silences_a_document_level_error(run, tmp_path):
    (tmp_path / ".contentci.toml").unlink()
    (tmp_path / "a.md").write_text(
        "---\ntitle: Stem cells\ncontentci:\n  disable: [readability/grade-level, readability/hard-sentence]\n---\n"
        + SEED.read_text()
    )
    result = run("check", "--format", "json", "a.md")
    assert result.exit_code == 0 and findings(result) == []
    (tmp_path / "a.md").write_text("---\ncontentci: {disable: [readability/hard-sentence]}\n---\n" + SEED.read_text())
    result = run("check", "--format", "json", "a.md")
    assert result.exit_code == 1 and findings(result) == [("readability/grade-level", 4, 1)]


def test_comment_in_a_code_block_is_not_a_suppression(run, tmp_path):
    (tmp_path / "a.md").write_text(
        article("```html\n<!-- contentci-disable-file -->\n```", "`<!-- contentci-disable-file -->`", HARD_A)
    )
    assert findings(check(run)) == [("readability/hard-sentence", 13, 1)]


def test_unknown_rule_in_a_suppression_is_a_warning_at_the_comment(run, tmp_path):
    (tmp_path / "a.md").write_text(
        article("Some words. <!-- contentci-disable-next-line readabilty/hard-sentence -->\n" + HARD_A)
    )
    result = check(run)
    assert result.exit_code == 1
    diags = result.json["files"][0]["diagnostics"]
    unknown = [d for d in diags if d["rule"] == "contentci/unknown-suppression"]
    assert [(d["line"], d["column"], d["severity"]) for d in unknown] == [(7, 13, "warning")]
    assert "'readabilty/hard-sentence'" in unknown[0]["message"]
    assert "did you mean 'readability/hard-sentence'" in unknown[0]["message"]
    assert ("readability/hard-sentence", 8, 1) in findings(result)  # a misspelt id suppresses nothing


def test_bad_front_matter_setting_is_reported(run, tmp_path):
    (tmp_path / "a.md").write_text("---\ncontentci: {disabled: [readability]}\n---\n" + article())
    result = check(run)
    assert findings(result) == [("contentci/unknown-suppression", 2, 1)]
    assert "{disable: [rule-id, family/]}" in result.json["files"][0]["diagnostics"][0]["message"]


def test_unused_suppressions_are_reported_only_when_asked(run, tmp_path):
    (tmp_path / "a.md").write_text(
        article(
            "<!-- contentci-disable-next-line readability/hard-sentence, contentci/front-matter -->\n" + HARD_A,
            "<!-- contentci-disable-next-line readability/hard-sentence -->\nMax naps.",
        )
    )
    assert check(run).exit_code == 0
    result = check(run, "--report-unused-suppressions")
    assert result.exit_code == 1
    unused = [d for d in result.json["files"][0]["diagnostics"] if d["rule"] == "contentci/unused-suppression"]
    assert [(d["line"], d["column"]) for d in unused] == [(7, 1), (10, 1)]
    assert "'contentci/front-matter'" in unused[0]["message"] and "hard-sentence" not in unused[0]["message"]
    assert "'readability/hard-sentence' suppressed nothing" in unused[1]["message"]


def test_suppression_of_a_rule_that_did_not_run_is_not_unused(run, tmp_path):
    (tmp_path / "a.md").write_text(article("<!-- contentci-disable-next-line readability/hard-sentence -->\nMax naps."))
    result = check(run, "--report-unused-suppressions", "--ignore", "readability/hard-sentence")
    assert result.exit_code == 0 and findings(result) == []


def test_meta_rules_have_docs(run):
    for rule_id in ("contentci/unknown-suppression", "contentci/unused-suppression"):
        doc = run("explain", rule_id)
        assert doc.exit_code == 0 and "Fires" in doc.output and "Passes" in doc.output


def test_plain_text_files_take_front_matter_suppressions(run, tmp_path):
    body = f"{EASY}\n\n{EASY2}\n\n{EASY3}\n\n{HARD_A}\n"
    (tmp_path / "a.txt").write_text(body)
    assert findings(run("check", "--format", "json", "a.txt")) == [("readability/hard-sentence", 7, 1)]
    (tmp_path / "a.txt").write_text("---\ncontentci: {disable: readability}\n---\n" + body)
    assert findings(run("check", "--format", "json", "a.txt")) == []


def test_over_a_thousand_suppression_comments_the_rest_are_ignored_and_said(run, tmp_path):
    lines = []
    for _ in range(1200):
        lines += ["<!-- contentci-disable-next-line readability/hard-sentence -->", HARD_A, ""]
    (tmp_path / "a.md").write_text("# Many comments\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / ".contentci.toml"
    config.write_text(config.read_text() + "[readability]\nmax_hard_sentences = 5000\n")  # every one reported
    result = check(run)
    hard = [(line, col) for rule, line, col in findings(result) if rule == "readability/hard-sentence"]
    capped = [d for f in result.json["files"] for d in f["diagnostics"] if d["rule"] == "contentci/unknown-suppression"]
    # The 1,001st comment (line 3 + 3 * 1000) and the 199 after it do not suppress; it says so once.
    assert [(d["line"], d["column"]) for d in capped] == [(3003, 1)]
    assert "over 1,000 suppression comments in one file: this one and the 199 after it are ignored" in capped[0]["message"]
    assert [line for line, _ in hard] == [3004 + 3 * k for k in range(200)]


def test_fifty_openings_without_a_close_are_one_comment_ending_at_the_first_close(run, tmp_path):
    text = (
        "# Unclosed\n\n"
        + "<!-- contentci-disable readability/hard-sentence\n" * 50
        + "-->\n\n"
        + HARD_A
        + "\n\n<!-- contentci-enable -->\n\n"
        + HARD_B
        + "\n"
    )
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    hard = [line for rule, line, _ in findings(check(run)) if rule == "readability/hard-sentence"]
    # The first opening runs to the first "-->": one disable comment, covering HARD_A up to the enable.
    assert hard == [59]


def test_a_comment_naming_many_unknown_rules_reports_twenty(run, tmp_path):
    names = " ".join(f"made/up-{i}" for i in range(5000))
    (tmp_path / "a.md").write_text(article(f"<!-- contentci-disable {names} -->"), encoding="utf-8")
    unknown = [d for d in findings(check(run)) if d[0] == "contentci/unknown-suppression"]
    assert len(unknown) == 20
