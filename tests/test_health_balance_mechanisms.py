"""Balance rules read invented sentences the way a careful reviewer would (one mechanism a test)."""

import pytest

NEWS = "---\nprofile: news\ntopic: treatment\n---\n"


def _fires(run, tmp_path, rule, text):
    (tmp_path / "a.md").write_text(NEWS + text)
    result = run("check", "--format", "json", "--select", rule, "a.md")
    return rule in result.rules()


# -- harms -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Grade 3 toxicities occurred in 12% of patients on the new drug.",
        "Serious side effects were reported in nine cases.",
        "No serious complications were seen in the 200 patients treated.",
        "Some patients had mild skin reactions where the patch was applied.",
    ],
)
def test_sized_generic_harms_count(run, tmp_path, sentence):
    text = f"# New pill for gout\n\nThe pill eased gout flares in a trial. {sentence}\n"
    assert not _fires(run, tmp_path, "balance/harms-missing", text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Bowel cancer is a top cause of cancer deaths, killing 1 in 5 people who have it.",
        "Stroke is common: about 800,000 people have one each year.",
        "The cream has no side effects.",
        "Talk to your doctor about the risks.",
    ],
)
def test_the_disease_or_a_promise_is_no_harm(run, tmp_path, sentence):
    text = f"# New lung cancer drug\n\nThe drug shrank tumors in a trial. {sentence}\n"
    assert _fires(run, tmp_path, "balance/harms-missing", text)


def test_a_hospital_stay_is_no_severity(run, tmp_path):
    text = "# Knee surgery\n\nThe surgery helps people walk. Pain after surgery needs a hospital visit.\n"
    assert _fires(run, tmp_path, "balance/harms-missing", text)


def test_fewer_side_effects_than_another_drug_is_no_harm(run, tmp_path):
    text = "# New pill for gout\n\nThe pill eased gout flares in a trial. It causes fewer side effects than older gout drugs.\n"
    assert _fires(run, tmp_path, "balance/harms-missing", text)


def test_fewer_side_effects_with_figures_count(run, tmp_path):
    text = (
        "# New pill for gout\n\nThe pill eased gout flares in a trial. Fewer side effects were reported on the pill,"
        " 6% of patients against 14% on the older drug.\n"
    )
    assert not _fires(run, tmp_path, "balance/harms-missing", text)


def test_a_studys_safety_result_counts_but_a_promise_does_not(run, tmp_path):
    lead = "# Skin patch for migraine\n\nThe patch cut migraine days in a trial of 300 adults. "
    assert not _fires(run, tmp_path, "balance/harms-missing", lead + "In the trial the patch proved safe, and few stopped using it.\n")
    assert _fires(run, tmp_path, "balance/harms-missing", lead + "The patch is gentle and you can wear it all day.\n")


def test_an_association_study_of_a_habit_is_not_asked_for_harms(run, tmp_path):
    habit = (
        "# Walking and memory\n\nOlder adults who walked every day kept their memory longer. Daily walking was"
        " associated with a lower risk of memory loss. Walking was also linked to better sleep.\n"
    )
    assert not _fires(run, tmp_path, "balance/harms-missing", habit)
    drug = (
        "# New memory drug\n\nA new drug kept memory longer in a trial. The drug was associated with a lower risk of"
        " memory loss. The drug was also linked to better sleep. Doctors gave the drug by infusion."
        " The treatment took a year.\n"
    )
    assert _fires(run, tmp_path, "balance/harms-missing", drug)


# -- benefits ----------------------------------------------------------------------------------

BENEFIT = "# New drug for heart failure\n\nThe drug helps people with heart failure live longer. "


@pytest.mark.parametrize(
    "sentence",
    [
        "People on the drug lived 8.1 vs. 6.4 years on the older drug.",
        "Survival was 25.5 months compared to 13.2 months with chemotherapy.",
        "The hospital stay was shortened by 1.4 days.",
        "In all, 212 patients (48%) improved, against 251 (57%) on placebo.",
    ],
)
def test_absolute_comparisons_quantify_a_benefit(run, tmp_path, sentence):
    assert not _fires(run, tmp_path, "balance/benefits-unquantified", BENEFIT + sentence + "\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "Heart failure affects 6 in 100 adults over 60 each year.",
        "Patients had a mean age of 64 years, and 40 percent were women.",
        "Patients lost up to 20% of their body weight.",
    ],
)
def test_figures_about_the_disease_or_the_people_give_no_size(run, tmp_path, sentence):
    assert _fires(run, tmp_path, "balance/benefits-unquantified", BENEFIT + sentence + "\n")


# -- evidence ----------------------------------------------------------------------------------

EVIDENCE = "# New pill for migraine\n\nThe pill eased migraine in a new study. "


def test_randomized_is_read_as_a_design(run, tmp_path):
    """The cue was once written as a regex class in plain syntax and matched only itself."""
    text = EVIDENCE + "The randomized trial enrolled 300 patients.\n"
    assert not _fires(run, tmp_path, "balance/evidence-missing", text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The study was funded by the Acme Foundation and paid for by Acme.",
        "Preliminary results show promise, and research is ongoing.",
        "The trial enrolled 300 patients.",  # one aspect (size) of four
    ],
)
def test_funding_and_vague_words_are_not_enough(run, tmp_path, sentence):
    assert _fires(run, tmp_path, "balance/evidence-missing", EVIDENCE + sentence + "\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a small study of 40 people, so the results need confirming.",
        "The work was done in mice and followed them for 12 weeks.",
        "The observational study of 2,000 people cannot prove the pill caused the change.",
    ],
)
def test_limitations_count_as_an_aspect(run, tmp_path, sentence):
    assert not _fires(run, tmp_path, "balance/evidence-missing", EVIDENCE + sentence + "\n")


def test_evidence_finding_names_what_is_missing(run, tmp_path):
    (tmp_path / "a.md").write_text(NEWS + EVIDENCE + "The trial enrolled 300 patients.\n")
    diags = run("check", "--format", "json", "--select", "balance/evidence-missing", "a.md").json["files"][0][
        "diagnostics"
    ]
    assert "missing: design, duration, limitations" in diags[0]["message"]
    assert "Given: size." in diags[0]["message"]


def test_builtin_cue_entries_survive_yaml_and_plain_syntax():
    """A ' #' outside quotes starts a YAML comment, and '[sz]' is literal in plain syntax:
    both once cut or broke an entry silently."""
    from importlib.resources import files

    raw = (files("contentci") / "data" / "health" / "cues.yaml").read_text()
    for line in raw.splitlines():
        entry = line.strip()
        if not entry.startswith("- ") or entry[2:3] in ("'", '"'):
            continue
        assert " #" not in entry, line
        assert "re:" in entry or "[" not in entry, line


# -- alternatives ------------------------------------------------------------------------------

OPTION = "# New gel for knee pain\n\nThe gel eases knee pain, a study found. "


@pytest.mark.parametrize(
    "sentence",
    [
        "It was tested as well as a new cream, with results compared with men of the same age.",
        "People rubbed it in rather than massaging the knee.",
        "Results were compared with a placebo gel.",
    ],
)
def test_connectives_are_not_alternatives(run, tmp_path, sentence):
    assert _fires(run, tmp_path, "balance/alternatives-missing", OPTION + sentence + "\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "It worked about as well as standard care.",
        "Other pain-relief therapies include physical therapy and weight loss.",
        "Knee pain is typically treated with painkillers.",
        "Pain fell more than with painkillers alone: compared with ibuprofen tablets, the gel was gentler.",
        "About 3 in 10 improved, compared with 2 in 10 among people not treated.",
    ],
)
def test_real_comparators_count(run, tmp_path, sentence):
    assert not _fires(run, tmp_path, "balance/alternatives-missing", OPTION + sentence + "\n")


# -- costs -------------------------------------------------------------------------------------

COST = "# New hip implant\n\nThe implant helps people walk, a study found. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Most patients were pain free, and progression-free survival was longer.",
        "The study was led by Dr. Maria Costello, a paid consultant to the maker.",
        "The maker, a $3.2 billion enterprise, invested $20 million in the work.",
        "Hip fractures cost the country $10 billion each year.",
    ],
)
def test_words_that_are_no_cost(run, tmp_path, sentence):
    assert _fires(run, tmp_path, "balance/costs-missing", COST + sentence + "\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "The implant is inexpensive.",
        "It is covered by insurance in most states.",
        "Each implant costs about $3,000.",
    ],
)
def test_costs_that_count(run, tmp_path, sentence):
    assert not _fires(run, tmp_path, "balance/costs-missing", COST + sentence + "\n")


def test_harms_named_one_by_one_under_a_harm_noun_count(run, tmp_path):
    text = (
        "# New pill for gout\n\nThe pill eased gout flares in a trial. "
        "Side effects reported include nausea, rash and headache.\n"
    )
    assert not _fires(run, tmp_path, "balance/harms-missing", text)
