"""The articles in content/ are the examples of good practice: no health rule reports an error."""

from pathlib import Path

import pytest

CONTENT = Path(__file__).parent.parent / "content"
ARTICLES = sorted(CONTENT.glob("*.md")) if CONTENT.is_dir() else []


def test_there_are_content_articles():
    assert len(ARTICLES) >= 3


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_content_article_has_no_health_error_and_high_quality(run, tmp_path, path):
    (tmp_path / path.name).write_bytes(path.read_bytes())
    result = run(
        "check",
        "--format",
        "json",
        "--select",
        "balance,claims,disclaimer,metadata,quality",
        "--min-quality",
        "4",
        path.name,
        env={"CONTENTCI_TODAY": "2026-11-25"},
    )
    errors = [d for d in result.json["files"][0]["diagnostics"] if d["severity"] == "error"]
    assert errors == []
    assert result.exit_code == 0
    assert result.json["files"][0]["metrics"]["quality"]["score"] >= 4
