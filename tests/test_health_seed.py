"""The seed article gets the health findings the issue names, at the right places."""

from conftest import SEED, source_at

HEALTH_FAMILIES = ("balance/", "claims/", "disclaimer/", "metadata/")


def test_seed_gets_the_health_findings(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run("check", "--format", "json", "seed.md")
    assert result.exit_code == 1
    rules = result.rules()
    for expected in (
        "balance/harms-missing",
        "balance/benefits-unquantified",
        "balance/evidence-missing",
        "claims/hype",
        "disclaimer/medical-advice",
        "disclaimer/regulatory-status",
        "metadata/author",
        "metadata/reviewer",
        "metadata/date",
        "metadata/disclosure",
        "metadata/sources",
    ):
        assert expected in rules, expected
    # It does tell readers to consult professionals.
    assert "disclaimer/consult-professional" not in rules
    # No DSHEA statement is due: the seed is no supplement article.
    assert "disclaimer/dshea" not in rules


def test_seed_hype_points_at_revolutionary(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    diags = run("check", "--format", "json", "--select", "claims/hype", "seed.md").json["files"][0]["diagnostics"]
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in diags] == [(15, 47, 15, 60)]
    assert source_at(SEED, 15, 47, 13) == "revolutionary"
    assert diags[0]["suggestion"] == "new"
    assert diags[0]["document_level"] is False


def test_seed_document_level_findings_point_at_the_first_line(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    diags = run(
        "check", "--format", "json", "--select", "balance/harms-missing,disclaimer/medical-advice", "seed.md"
    ).json["files"][0]["diagnostics"]
    assert {(d["rule"], d["line"], d["column"], d["document_level"]) for d in diags} == {
        ("balance/harms-missing", 1, 1, True),
        ("disclaimer/medical-advice", 1, 1, True),
    }
    assert next(d for d in diags if d["rule"] == "disclaimer/medical-advice")["suggestion"].startswith(
        "This article is for general information only."
    )


def test_seed_benefit_risk_ratio_points_at_the_benefit_claims(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    diags = run("check", "--format", "json", "--select", "balance/benefit-risk-ratio", "seed.md").json["files"][0][
        "diagnostics"
    ]
    assert len(diags) == 1
    message = diags[0]["message"]
    assert "benefit claims (lines 1, 2, 3," in message and "against 1 risk statement." in message
    assert diags[0]["document_level"] is False


def test_seed_quality_score_is_low_and_min_quality_fails_it(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    data = run("check", "--format", "json", "seed.md").json
    quality = data["files"][0]["metrics"]["quality"]
    assert quality["scale"] == "1-5" and quality["score"] < 2.5
    assert quality["criteria"]["risks"] == 2 and quality["criteria"]["shared_decision"] == 5
    gated = run("check", "--format", "json", "--select", "quality", "--min-quality", "3", "seed.md")
    assert gated.exit_code == 1 and gated.rules() == ["quality/below-minimum"]
    assert "below the minimum 3" in gated.json["files"][0]["diagnostics"][0]["message"]
    assert run("check", "--select", "quality", "seed.md").exit_code == 0  # off unless asked for


def test_min_quality_out_of_range_is_a_usage_error(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run("check", "--min-quality", "7", "seed.md")
    assert result.exit_code == 2 and "Traceback" not in result.output + result.stderr
