"""claims/* on news writing: the false-alarm classes found by reading findings on real stories.

Every sentence here is invented for the test. Each test pins one mechanism, and most also pin
the finding that must survive it, so precision is not bought by going silent.
"""

FM = "---\nprofile: health\n---\n"


def found(run, tmp_path, text, rule):
    (tmp_path / "a.md").write_text(FM + text, encoding="utf-8")
    return run("check", "--format", "json", "--select", rule, "a.md").json["files"][0]["diagnostics"]


def words(run, tmp_path, text, rule):
    """The flagged words, as a reader would see them."""
    lines = (FM + text).split("\n")
    return [lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1] for d in found(run, tmp_path, text, rule)]


# -- claims/hype -----------------------------------------------------------------------------


def test_hype_a_quote_running_over_sentences_is_the_speakers_until_its_closing_mark(run, tmp_path):
    text = "\u201cIt took years. This is a game changer,\u201d she said of the revolutionary patch.\n"
    assert words(run, tmp_path, text, "claims/hype") == ["revolutionary"]


def test_hype_a_quote_left_open_runs_to_the_end_of_its_paragraph(run, tmp_path):
    text = "He was blunt. \u201cWe tried everything. It was a miracle.\n\nThe miracle patch is sold online.\n"
    assert words(run, tmp_path, text, "claims/hype") == ["miracle"]  # only the writer's, in paragraph 2
    assert found(run, tmp_path, text, "claims/hype")[0]["line"] == 6


def test_hype_scare_quotes_distance_the_writer_but_apostrophes_do_not(run, tmp_path):
    text = "The girl is well after a \u2018breakthrough\u2019 treatment.\n\nThe clinic\u2019s breakthrough gel is new.\n"
    assert words(run, tmp_path, text, "claims/hype") == ["breakthrough"]
    assert found(run, tmp_path, text, "claims/hype")[0]["line"] == 6


def test_hype_link_and_credit_lines_are_not_prose(run, tmp_path):
    text = (
        "MORE: This Memory Breakthrough Could Be a Game Changer\n\n"
        "(MORE: A Miracle Pill?\n\n"
        "A miracle fruit? Ear wax may predict headaches, trial hints Read more\n"
    )
    assert found(run, tmp_path, text, "claims/hype") == []


def test_hype_regulatory_names_and_other_word_senses(run, tmp_path):
    text = (
        "The FDA gave the drug Breakthrough Therapy designation in May. It was designated a breakthrough device.\n\n"
        "The compound in magic mushrooms eased anxiety.\n\n"
        "The new pill was superior to placebo, and the old one proved superior in older adults.\n\n"
        "People leaving opioid treatment often detox first in a clinic.\n\n"
        "The liver transforms the drug into an active form, and the tumour began to melt away.\n\n"
        "She works as a transformation coach.\n"
    )
    assert found(run, tmp_path, text, "claims/hype") == []


def test_hype_negation_doubt_and_framing_reach_across_the_clause(run, tmp_path):
    text = (
        "The doctor doesn't see it as a magic bullet.\n\n"
        "These results are not proof that the bark extract prevents or cures colds.\n\n"
        "Nobody has ever been cured.\n\n"
        "It remains unclear whether the injection really cured the pain.\n\n"
        "Such drugs can seem like breakthroughs because they help a few people.\n\n"
        "Few trials back the notion that one melon is the secret to slimming down.\n\n"
        "Talking therapy hasn't cured her.\n"
    )
    assert found(run, tmp_path, text, "claims/hype") == []


def test_hype_a_question_in_the_body_poses_a_claim_but_a_question_headline_sells_one(run, tmp_path):
    text = "# Could Worms Cure Your Allergies?\n\nHe began to wonder: could worms cure his rash?\n"
    flagged = found(run, tmp_path, text, "claims/hype")
    assert [(d["line"], d["column"]) for d in flagged] == [(4, 15)]


def test_hype_a_cure_sought_is_a_goal_and_a_caveat_balances_the_word(run, tmp_path):
    text = (
        "Families have long waited for a cure. He joined the trial to help find a cure for children.\n\n"
        "Her gift might one day cure others.\n\n"
        "The gain was remarkable, but it was a small study.\n"
    )
    assert found(run, tmp_path, text, "claims/hype") == []


def test_hype_a_capitalised_word_inside_prose_is_a_name(run, tmp_path):
    text = "The run raised money for Friends for the Cure, and Miracle Gardens donated the prizes.\n"
    assert found(run, tmp_path, text, "claims/hype") == []


def test_hype_said_in_the_writers_paraphrase_is_still_reported(run, tmp_path):
    # Paraphrase carries the claim into the article: an editor would still want it weighed.
    text = "The company says its patch could revolutionize pain care.\n\n# Gene Therapy Breakthrough\n"
    assert words(run, tmp_path, text, "claims/hype") == ["revolutionize", "Breakthrough"]


# -- claims/absolute -------------------------------------------------------------------------


def test_absolute_hypotheticals_wishes_and_requirements_are_not_promises(run, tmp_path):
    text = (
        "A painkiller free of side effects is still a dream for now.\n\n"
        "If such a drug were found, surgeons could operate with no risk of the cancer spreading.\n\n"
        "She wanted a permanent fix for her back.\n\n"
        "Make sure each strain has been clinically proven to work.\n"
    )
    assert found(run, tmp_path, text, "claims/absolute") == []


def test_absolute_what_a_study_observed_is_a_finding(run, tmp_path):
    text = (
        "No side effects were observed in the mice.\n\n"
        "Her team found no side effects in the trial.\n\n"
        "The surgeon said no side effects are expected.\n"
    )
    flagged = found(run, tmp_path, text, "claims/absolute")
    assert [d["line"] for d in flagged] == [8]  # the expectation is a promise; the observations are not


def test_absolute_risk_factors_none_of_fractions_and_limits(run, tmp_path):
    text = (
        "Half of the teens had no risk factors after surgery.\n\n"
        "None of these fresh pills helps every patient.\n\n"
        "Just one out of three smokers ends the habit for good.\n\n"
        "The pill has only been proven to work within three days.\n\n"
        "Our balm is completely safe.\n"
    )
    assert words(run, tmp_path, text, "claims/absolute") == ["completely safe"]


# -- claims/uncited --------------------------------------------------------------------------

STUDY = "The trial appeared in the Journal of Invented Sleep Research.\n\n"


def test_uncited_results_of_the_study_the_article_names_elsewhere(run, tmp_path):
    results = "In the trial, researchers found 40% of the participants slept longer.\n"
    assert len(found(run, tmp_path, results, "claims/uncited")) == 1  # no study named: needs a source
    assert found(run, tmp_path, STUDY + "Some more words here.\n\n" + results, "claims/uncited") == []


def test_uncited_a_past_tense_result_after_a_paragraph_about_the_study(run, tmp_path):
    text = STUDY + "The trial enrolled 300 adults.\n\nDeaths were cut 30 percent.\n"
    assert found(run, tmp_path, text, "claims/uncited") == []


def test_uncited_background_general_and_other_studies_still_need_a_source(run, tmp_path):
    text = (
        STUDY + "About 90 percent of people with diabetes have type 2.\n\n"
        "Studies show that naps help.\n\n"
        "A previous study found that 20% of the volunteers snored.\n"
    )
    flagged = found(run, tmp_path, text, "claims/uncited")
    assert [d["line"] for d in flagged] == [6, 8, 10]


def test_uncited_a_named_speaker_is_the_source_but_vague_experts_are_not(run, tmp_path):
    text = (
        "About 20% of the children react badly, Dr. Wood said.\n\n"
        "About 20% of adults snore, the heart association says.\n\n"
        "Side effects are rare, experts say.\n"
    )
    flagged = found(run, tmp_path, text, "claims/uncited")
    assert [d["line"] for d in flagged] == [8]
    assert "'experts say'" in flagged[0]["message"]


def test_uncited_quoted_or_denied_research_claims_and_numbers_that_are_no_statistics(run, tmp_path):
    text = (
        "\u201cThis study shows the drug works,\u201d she said.\n\n"
        "Not all doctors agree that screening helps.\n\n"
        "Its founder died at 87 in 2007.\n\n"
        "You can never be 100 percent sure.\n\n"
        "Sales of the pills rose 22% last year, and the company's shares rose 37 percent.\n"
    )
    assert found(run, tmp_path, text, "claims/uncited") == []


def test_uncited_researchers_named_with_colleagues_or_a_named_paper_are_sources(run, tmp_path):
    text = (
        "Screening cut deaths by 27 percent, Lee and her colleagues conclude.\n\n"
        "The Dorset report says 4 percent of pupils had earaches.\n"
    )
    assert found(run, tmp_path, text, "claims/uncited") == []


def test_uncited_group_comparisons_and_counted_studies_belong_to_the_named_study(run, tmp_path):
    text = (
        STUDY + "Four years on, those over 65 were 20 percent less likely to die.\n\n"
        "Women in the first arm had more naps: 67 percent vs. 48 percent.\n\n"
        "Shorter shifts cut errors, two large studies found, as doctors recommend.\n\n"
        "Study after study has shown that 40% of adults nap.\n"
    )
    assert [d["line"] for d in found(run, tmp_path, text, "claims/uncited")] == [12]


def test_uncited_tickers_and_product_strengths_are_not_health_figures(run, tmp_path):
    text = (
        "The test works with two drugs, one from Acme Pharma ACMY -0.78% of Japan.\n\n"
        "Soup made with 2% milk and a 100 percent juice drink were on the list.\n"
    )
    assert found(run, tmp_path, text, "claims/uncited") == []


def test_hype_dashed_hopes_and_the_secrets_of_nature_are_not_praise(run, tmp_path):
    text = (
        "Scientists have dashed the hopes that pills could be the secret to long life.\n\n"
        "Scans may unlock the secrets of the brain.\n"
    )
    assert found(run, tmp_path, text, "claims/hype") == []


def test_straight_quotes_open_before_a_word_and_close_after_one(run, tmp_path):
    # A stray mark first: pairing marks in order would leave the quoted figure outside the quote.
    text = "''It is known,\" says Dr. Ware. \"About 10% of patients use it,\" he tells us.\n"
    assert found(run, tmp_path, text, "claims/uncited") == []
    assert len(found(run, tmp_path, "About 10% of patients use it.\n", "claims/uncited")) == 1


def test_uncited_research_in_a_condition_and_hyphenated_counted_studies(run, tmp_path):
    text = (
        STUDY + "The gains are big if larger studies prove the drug works.\n\n"
        "Two much-delayed trials have found that the valve helps.\n\n"
        "The founders hold roughly 30 percent of the firm's shares.\n"
    )
    assert found(run, tmp_path, text, "claims/uncited") == []


def test_hype_hoped_for_and_elusive_cures_are_not_claims(run, tmp_path):
    text = (
        "Callers want to know what curing their illness will take.\n\n"
        "He is hopeful that smaller scanners will be the game changer.\n\n"
        "The universal hot flash cure remains elusive.\n"
    )
    assert found(run, tmp_path, text, "claims/hype") == []


def test_uncited_a_study_sourced_to_its_named_lead_sponsor_or_maker(run, tmp_path):
    text = (
        "A trial of 1,200 patients showed the drug eased pain, said Dr. Ann Reyes, who led the study.\n\n"
        "In Acme's trial, about 70 percent of patients were cured.\n\n"
        "The test is 96% accurate, says the test's developer.\n\n"
        "Studies show it does not work, she says.\n"
    )
    flagged = found(run, tmp_path, text, "claims/uncited")
    assert [d["line"] for d in flagged] == [10]  # general studies stay unnamed, whoever says so


def test_uncited_a_finding_tagged_on_after_the_news_is_the_named_study(run, tmp_path):
    text = STUDY + "Snake venom might one day help heart patients, research suggests.\n"
    assert found(run, tmp_path, text, "claims/uncited") == []


def test_uncited_payments_descriptors_and_gallery_captions_are_not_health_figures(run, tmp_path):
    text = (
        "The firm will receive 8.5 percent of further payments.\n\n"
        "The 100% man-made blood substitutes carry oxygen.\n\n"
        "Photo: A. Smith Image 1 of 3 Doctors say 40% of tests fail Back to Gallery\n"
    )
    assert found(run, tmp_path, text, "claims/uncited") == []


def test_uncited_the_study_or_vague_scientists_are_no_named_source(run, tmp_path):
    text = "The study shows that greens fight disease.\n\nThe work is funded by a seller, scientists say.\n"
    assert [d["line"] for d in found(run, tmp_path, text, "claims/uncited")] == [4, 6]
