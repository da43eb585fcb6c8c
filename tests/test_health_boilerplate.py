"""Publisher boilerplate (About sections, contacts, legalese, funding lines) feeds no balance cue."""

from contentci.analysis.health.boilerplate import is_boilerplate_sentence

BODY = """# Knee injection eases arthritis pain

An injection into the knee eased pain in people with arthritis, researchers reported. Patients who got
the injection walked further after six weeks, doctors at the clinic said. The treatment helps
people stay active.

"""


def _rules(run, tmp_path, text):
    (tmp_path / "a.md").write_text("---\nprofile: news\n---\n" + text)
    result = run("check", "--format", "json", "a.md")
    return set(result.rules())


def test_cost_words_in_an_about_section_do_not_count(run, tmp_path):
    about = (
        BODY
        + "The drug maker said more trials are planned. Patients were followed for a year.\n\n"
        + "About Acme Pharma\n\n"
        + "Acme Pharma is a $4 billion enterprise whose medicines are covered by insurance plans worldwide.\n"
    )
    assert "balance/costs-missing" in _rules(run, tmp_path, about)


def test_the_same_cost_sentence_in_the_story_counts(run, tmp_path):
    story = BODY + "Each injection costs about $300, and most insurance plans cover it.\n"
    assert "balance/costs-missing" not in _rules(run, tmp_path, story)


def test_forward_looking_legalese_is_not_evidence(run, tmp_path):
    legal = (
        BODY
        + "This release contains forward-looking statements that involve risks and uncertainties, "
        + "and actual results may differ; results are not yet known.\n"
    )
    assert "balance/evidence-missing" in _rules(run, tmp_path, legal)


def test_boilerplate_sentences():
    assert is_boilerplate_sentence("This trial was funded by the Invented Health Trust.")
    assert is_boilerplate_sentence("Media contact: Jo Bloggs, 555-123-4567")
    assert is_boilerplate_sentence("Our mission is to end heart disease.")
    assert not is_boilerplate_sentence("The trial enrolled 400 people and followed them for two years.")
    assert not is_boilerplate_sentence("Stroke is a top cause of disability.")
