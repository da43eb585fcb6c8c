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
        "Lung cancer is the leading cause of cancer death, killing 1 in 4 patients with it.",
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
