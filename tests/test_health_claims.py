"""claims/*: hype at the word, negation, reported speech, absolute promises, uncited figures."""

FM = "---\nprofile: health\n---\n"


def diags(run, tmp_path, text, rule):
    (tmp_path / "a.md").write_text(FM + text)
    return run("check", "--format", "json", "--select", rule, "a.md").json["files"][0]["diagnostics"]


def test_hype_at_each_word_with_a_suggestion(run, tmp_path):
    found = diags(run, tmp_path, "A breakthrough gel.\nThis miracle cream is a game-changer.\n", "claims/hype")
    assert [(d["line"], d["column"], d["end_column"], d["suggestion"]) for d in found] == [
        (4, 3, 15, "new finding"),
        (5, 6, 13, "helpful"),
        (5, 25, 37, "important"),
    ]


def test_negated_reported_and_medical_uses_are_not_hype(run, tmp_path):
    text = (
        "Nicotine gum is not a miracle cure. Be wary of clinics that promise a miracle.\n\n"
        "Breakthrough bleeding is common in the first months on the pill.\n\n"
        "Antiviral pills cure more than 95 in 100 people ([NHS](https://example.org)). Hepatitis C can be cured.\n"
    )
    assert diags(run, tmp_path, text, "claims/hype") == []


def test_dshea_cure_is_not_hype(run, tmp_path):
    text = "These statements have not been evaluated by the Food and Drug Administration. This product is not\nintended to diagnose, treat, cure, or prevent any disease.\n"
    assert diags(run, tmp_path, text, "claims/hype") == []


def test_absolute_claims_and_their_exceptions(run, tmp_path):
    found = diags(run, tmp_path, "Results guaranteed. It has no side effects.\n", "claims/absolute")
    assert [(d["line"], d["column"], d["end_column"], d["severity"]) for d in found] == [
        (4, 9, 19, "error"),
        (4, 28, 43, "error"),
    ]
    fine = "In the trial, most people had no side effects. No treatment is guaranteed to work. Clinics claim it is risk-free.\n"
    assert diags(run, tmp_path, fine, "claims/absolute") == []


def test_absolute_claim_fails_the_run(run, tmp_path):
    (tmp_path / "a.md").write_text(FM + "The patch is completely safe.\n")
    assert run("check", "--select", "claims/absolute", "a.md").exit_code == 1


def test_uncited_statistics_and_research_claims(run, tmp_path):
    text = (
        "Studies show the tea helps.\n\n"
        "About 1 in 5 adults snore.\n\n"
        "About 40% of adults sleep badly ([CDC, 2022](https://example.org/sleep)).\n\n"
        "A review found 30% fewer colds (Source: Cochrane Database of Systematic Reviews, 2013).\n\n"
        "Take 200 mg twice a day for 3 days.\n\n"
        'A headline saying a drug "cuts risk by 50%" may mean the risk fell from 2 in 1,000 to 1 in 1,000.\n'
    )
    found = diags(run, tmp_path, text, "claims/uncited")
    assert [(d["line"], d["column"]) for d in found] == [(4, 1), (6, 7)]
    assert "'Studies show' has no citation" in found[0]["message"]


def test_list_items_are_cited_by_their_lead_in(run, tmp_path):
    text = "In one trial ([VITAL](https://example.org/vital)), after 5 years:\n\n- About 6 in 100 people got cancer in each group.\n"
    assert diags(run, tmp_path, text, "claims/uncited") == []


def test_cue_lists_can_be_extended_and_replaced_from_config(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text(
        '[cues]\nextend_hype = ["jaw-dropping -> large"]\nreplace_absolute = ["always works"]\n'
    )
    (tmp_path / "a.md").write_text(FM + "A jaw-dropping result. It always works and is guaranteed.\n")
    result = run("check", "--format", "json", "--select", "claims", "a.md")
    found = {(d["rule"], d["column"], d.get("suggestion")) for d in result.json["files"][0]["diagnostics"]}
    assert ("claims/hype", 3, "large") in found
    assert {d for d in found if d[0] == "claims/absolute"} == {
        (
            "claims/absolute",
            27,
            "Say what the evidence shows, e.g. 'In trials, 8 in 10 people improved; 1 in 20 had a rash.'",
        )
    }


def test_bad_cue_pattern_is_a_config_error(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text('[cues]\nextend_hype = ["re:(unclosed"]\n')
    (tmp_path / "a.md").write_text(FM + "text\n")
    result = run("check", "a.md")
    assert result.exit_code == 2 and "cues.extend_hype" in result.stderr and "Traceback" not in result.stderr
