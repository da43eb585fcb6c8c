"""The ``news`` profile: health news stories and press releases get the balance and claims rules,
not the publisher-page rules (metadata, disclaimers, quality score)."""

import pytest

# An invented press release: a dateline, attributed quotes, an About section, a media contact.
RELEASE = """# Nasal spray eases hay fever in new trial

SPRINGFIELD -- A nasal spray developed at Springfield University eased sneezing in
people with hay fever, researchers at the university said on Monday.

The spray is a breakthrough for people who suffer every spring, said Dr. Ana Ruiz, who led the work.

The team gave the spray to patients with allergy symptoms during pollen season. Most patients
said their noses felt clearer, and doctors saw less inflammation than with their usual medication.

"We were pleased with how well people tolerated it," said Ruiz.

About Springfield University

Springfield University is a public research university founded in 1890.

Media contact: press office, Springfield University
"""

# The same claims without any news form: a patient page.
PAGE = """# Nasal sprays for hay fever

A steroid nasal spray eases sneezing and a blocked nose in people with hay fever.
Use it every day during pollen season. Most people feel better within a week.
Talk to your doctor or pharmacist if your symptoms do not improve.
"""

OFF_IN_NEWS = ("metadata/", "disclaimer/", "quality/")


def _rules(run, tmp_path, text, *args, config=None):
    (tmp_path / "a.md").write_text(text)
    if config is not None:
        (tmp_path / ".contentci.toml").write_text(config)
    result = run("check", "--format", "json", *args, "a.md")
    assert result.exit_code in (0, 1), result.output + result.stderr
    return set(result.rules())


def test_auto_detects_a_press_release_as_news(run, tmp_path):
    rules = _rules(run, tmp_path, RELEASE)
    assert {"balance/harms-missing", "balance/evidence-missing", "claims/hype"} <= rules
    assert not [r for r in rules if r.startswith(OFF_IN_NEWS)]


def test_the_same_text_under_health_gets_the_publisher_rules(run, tmp_path):
    rules = _rules(run, tmp_path, RELEASE, config='profile = "health"\n')
    assert "metadata/author" in rules and "disclaimer/medical-advice" in rules


def test_a_patient_page_stays_health(run, tmp_path):
    rules = _rules(run, tmp_path, PAGE)
    assert "metadata/author" in rules


def test_profile_news_in_front_matter(run, tmp_path):
    rules = _rules(run, tmp_path, "---\nprofile: news\n---\n" + PAGE)
    assert not [r for r in rules if r.startswith(OFF_IN_NEWS)]
    assert "balance/harms-missing" in rules


def test_news_runs_a_metadata_rule_the_config_names(run, tmp_path):
    config = 'profile = "news"\n[rules]\n"metadata/author" = "warning"\n'
    rules = _rules(run, tmp_path, RELEASE, config=config)
    assert "metadata/author" in rules
    assert "metadata/reviewer" not in rules and "disclaimer/medical-advice" not in rules


def test_news_gate_is_wider_than_treatment(run, tmp_path):
    """A story about a study of a blood test: no treatment word dense enough for ``health``."""
    story = (
        "# Blood test spots liver scarring early\n\n"
        "A blood test picked up liver scarring years before symptoms, a study of 900 adults found. "
        "The researchers said the test could be used in clinics.\n"
    )
    assert "balance/harms-missing" not in _rules(run, tmp_path, "---\nprofile: health\n---\n" + story)
    assert "balance/harms-missing" in _rules(run, tmp_path, "---\nprofile: news\n---\n" + story)


@pytest.mark.parametrize("value", ["news", "health", "general", "auto"])
def test_profile_values_accepted_in_config(run, tmp_path, value):
    (tmp_path / "a.md").write_text(PAGE)
    (tmp_path / ".contentci.toml").write_text(f'profile = "{value}"\n')
    assert run("check", "a.md").exit_code in (0, 1)


def test_news_signals_are_explainable():
    from contentci.analysis.health.newsform import news_signals

    paragraphs = RELEASE.split("\n\n")
    found = news_signals(RELEASE, paragraphs)
    assert {"dateline", "media contact", "About section"} <= set(found)
    assert news_signals(PAGE, PAGE.split("\n\n")) == {}


def test_rules_lists_what_a_profile_runs(run, tmp_path):
    news = run("rules", "--profile", "news").output
    health = run("rules", "--profile", "health").output
    general = run("rules", "--profile", "general").output
    assert "balance/harms-missing" in news and "claims/hype" in news
    assert "metadata/author" not in news and "disclaimer/medical-advice" not in news
    assert "metadata/author" in health and "quality/below-minimum" in health
    assert "balance/harms-missing" not in general and "readability/grade-level" in general
    assert "disclaimer/custom" in news  # configured by definition
