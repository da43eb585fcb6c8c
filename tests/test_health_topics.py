"""Profiles and topics: which articles get health rules, and which health rules."""

import pytest

HEALTH_FAMILIES = ("balance/", "claims/", "disclaimer/", "metadata/", "quality/")

GARDEN = """# Saving tomatoes from blight

Early blight is a plant disease that spreads in warm, wet weather. Treat the
leaves with a copper spray at the first brown spots, and cure your onions in a
dry shed. There is no miracle cure, but healthy soil and good airflow help. This
revolutionary trellis is guaranteed to lift yields, with no side effects for the
bees.
"""

HAM = """# Curing a ham at home

To cure the ham, rub it with salt and sugar and leave it in the fridge for a
week. The cure draws out water. It is a breakthrough for home cooks: completely
safe if you keep it cold, and 100% effective at keeping flies away.
"""

SOFTWARE = """# Pure functions

A pure function has no side effects: it returns the same output for the same
input. Studies show that 40% of bugs come from shared state. This breakthrough
pattern is a game-changer for testing, and it cures flaky tests.
"""

SPORTS = """# A breakthrough season

The striker's breakthrough season was revolutionary. After a hamstring injury
in March she recovered in three weeks, scored 30 goals, and the coach called her
a miracle worker. The club doctor said her fitness was the best he had seen.
"""

HEALTH = """# Knee replacement

Knee replacement surgery helps most people with severe arthritis walk with less
pain. Doctors replace the worn joint with metal and plastic parts. Patients
stay in hospital for one to three days and need physical therapy afterwards.
"""


@pytest.mark.parametrize("text", [GARDEN, HAM, SOFTWARE, SPORTS], ids=["garden", "ham", "software", "sports"])
def test_non_health_articles_get_no_health_findings(run, tmp_path, text):
    (tmp_path / "a.md").write_text(text)
    result = run("check", "--format", "json", "a.md")
    health = [r for r in result.rules() if r.startswith(HEALTH_FAMILIES)]
    assert health == []
    assert result.json["files"][0]["metrics"]["quality"] is None


def test_health_article_is_detected_and_gets_treatment_rules(run, tmp_path):
    (tmp_path / "a.md").write_text(HEALTH)
    data = run("check", "--format", "json", "a.md").json
    rules = [d["rule"] for d in data["files"][0]["diagnostics"]]
    assert "balance/harms-missing" in rules and "disclaimer/medical-advice" in rules
    assert "disclaimer/regulatory-status" not in rules and "disclaimer/dshea" not in rules
    assert data["files"][0]["metrics"]["quality"]["topics"] == ["treatment"]


def test_front_matter_profile_and_topic_override_detection(run, tmp_path):
    (tmp_path / "general.md").write_text("---\nprofile: general\n---\n" + HEALTH)
    (tmp_path / "forced.md").write_text("---\ntopic: stem-cell\n---\n" + GARDEN)
    (tmp_path / "condition.md").write_text("---\ntopic: [condition]\n---\n" + HEALTH)
    result = run("check", "--format", "json", ".")
    assert [r for r in result.rules("general.md") if r.startswith(HEALTH_FAMILIES)] == []
    forced = result.rules("forced.md")
    assert "disclaimer/regulatory-status" in forced and "balance/harms-missing" in forced  # stem-cell implies treatment
    condition = result.rules("condition.md")
    assert "disclaimer/medical-advice" in condition
    assert not [r for r in condition if r.startswith("balance/")]


def test_config_profile_and_topics_per_glob(run, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(HEALTH)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "b.md").write_text(HEALTH)
    (tmp_path / "garden.md").write_text(GARDEN)
    (tmp_path / ".contentci.toml").write_text(
        '[[overrides]]\nfiles = ["docs/**"]\nprofile = "general"\n\n'
        '[[overrides]]\nfiles = ["news/**"]\ntopics = { assign = ["condition"] }\n'
    )
    result = run("check", "--format", "json", ".")
    assert [r for r in result.rules("docs/a.md") if r.startswith(HEALTH_FAMILIES)] == []
    news = result.rules("news/b.md")
    assert "disclaimer/medical-advice" in news and not [r for r in news if r.startswith("balance/")]
    assert [r for r in result.rules("garden.md") if r.startswith(HEALTH_FAMILIES)] == []


def test_unknown_topic_in_config_is_a_config_error(run, tmp_path):
    (tmp_path / "a.md").write_text(HEALTH)
    (tmp_path / ".contentci.toml").write_text('[topics]\nassign = ["treatmnet"]\n')
    result = run("check", "a.md")
    assert result.exit_code == 2 and "unknown topic 'treatmnet'" in result.stderr


def test_topic_detection_keeps_only_a_few_whole_articles_in_memory(tmp_path):
    # Each article's whole prose is read for topics and never again: the topic index must not
    # pile up thousands of them (it held ~18 MB a worker before this bound).
    from contentci.config.loading import load_config
    from contentci.core.registry import config_schema
    from contentci.core.context import Context
    from contentci.core.result import Selection
    from contentci.engine.check import check_bytes
    from contentci.analysis.health.topics import _topic_cues

    config = load_config(None, tmp_path, schema=config_schema()).resolve("a.md")
    for n in range(30):
        text = f"# Article {n}\n\nVitamin D tablets can help bone health in trial {n}. Side effects are rare.\n"
        check_bytes(f"a{n}.md", text.encode(), config, Selection(ignore=("grammar",)))
    kept = _topic_cues(Context("a.md", config, {}))._texts
    assert 0 < len(kept) <= 8


def test_an_unknown_front_matter_profile_or_topic_is_reported_with_the_nearest_value(run, tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Pain\nprofile: helth\ntopic: [suplement, treatment]\n---\n\nIbuprofen eases pain.\n"
    )
    result = run("check", "--format", "json", "--select", "contentci/front-matter-value", "a.md")
    assert result.exit_code == 1
    found = [(d["line"], d["column"], d["suggestion"]) for d in result.json["files"][0]["diagnostics"]]
    assert found == [(3, 1, "profile: health"), (4, 1, "topic: supplement")]
    (tmp_path / "a.md").write_text("---\nprofile: news\ntopics: [treatment]\n---\n\nIbuprofen eases pain.\n")
    assert run("check", "--select", "contentci/front-matter-value", "a.md").exit_code == 0
