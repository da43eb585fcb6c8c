"""metadata/*: front matter keys with aliases, staleness against an injectable today."""

BODY = "Ibuprofen eases pain for most people.\n"
ALL = (
    "---\nprofile: health\nauthor: Maya Thompson\nmedically_reviewed_by: Dana Okafor, MD\n"
    "published: 2025-01-01\nupdated: 2026-10-14\nconflicts: none\nsources: [NHS]\n---\n"
)


def metadata_rules(run, tmp_path, text, env=None, name="a.md"):
    (tmp_path / name).write_text(text)
    return run("check", "--format", "json", "--select", "metadata", name, env=env or {"CONTENTCI_TODAY": "2026-11-25"})


def test_missing_metadata_gives_warnings_at_the_first_line(run, tmp_path):
    result = metadata_rules(run, tmp_path, "---\nprofile: health\n---\n# Ibuprofen\n\n" + BODY)
    diags = result.json["files"][0]["diagnostics"]
    assert sorted(d["rule"] for d in diags) == [
        "metadata/author",
        "metadata/date",
        "metadata/disclosure",
        "metadata/reviewer",
        "metadata/sources",
    ]
    assert {(d["line"], d["column"], d["severity"], d["document_level"]) for d in diags} == {
        (4, 3, "warning", True)
    }  # the heading text
    assert result.exit_code == 0


def test_aliases_satisfy_every_metadata_rule(run, tmp_path):
    assert metadata_rules(run, tmp_path, ALL + BODY).rules() == []


def test_date_is_stale_after_the_configured_age(run, tmp_path):
    text = "---\nprofile: health\nlast_reviewed: 2024-10-01\n---\n" + BODY
    stale = metadata_rules(run, tmp_path, text)
    assert "metadata/date" in stale.rules()
    assert "(25 months ago)" in next(
        d["message"] for d in stale.json["files"][0]["diagnostics"] if d["rule"] == "metadata/date"
    )
    assert "metadata/date" not in metadata_rules(run, tmp_path, text, env={"CONTENTCI_TODAY": "2026-09-30"}).rules()
    (tmp_path / ".contentci.toml").write_text('[metadata]\nmax_age_months = 36\ntoday = "2026-11-25"\n')
    assert "metadata/date" not in metadata_rules(run, tmp_path, text, env={}).rules()


def test_unparseable_date_is_reported_and_bad_today_is_a_config_error(run, tmp_path):
    result = metadata_rules(run, tmp_path, "---\nprofile: health\nlast_reviewed: someday\n---\n" + BODY)
    assert any("is not a date" in d["message"] for d in result.json["files"][0]["diagnostics"])
    (tmp_path / ".contentci.toml").write_text('[metadata]\ntoday = "yesterday"\n')
    bad = run("check", "a.md")
    assert bad.exit_code == 2 and "metadata.today" in bad.stderr


def test_links_or_a_references_heading_count_as_sources(run, tmp_path):
    heading = "---\nprofile: health\n---\n" + BODY + "\n## References\n\n1. NHS. Ibuprofen for adults.\n"
    assert "metadata/sources" not in metadata_rules(run, tmp_path, heading).rules()
    link = "---\nprofile: health\n---\nIbuprofen eases pain ([NHS](https://www.nhs.uk)).\n"
    assert "metadata/sources" not in metadata_rules(run, tmp_path, link).rules()


def test_impossible_front_matter_date_is_a_finding_not_a_traceback(run, tmp_path):
    (tmp_path / "a.md").write_text("---\nprofile: health\nlast_reviewed: 2020-02-30\n---\n" + BODY)
    result = run("check", "--format", "json", "a.md")
    assert result.exit_code == 1
    assert result.rules() == ["contentci/front-matter"]  # read as no front matter: a short non-health text
    assert "Traceback" not in result.output + result.stderr


def test_impossible_quoted_date_is_not_a_date_not_an_internal_error(run, tmp_path):
    result = metadata_rules(run, tmp_path, '---\nprofile: health\nlast_reviewed: "2024-02-30"\n---\n' + BODY)
    diags = result.json["files"][0]["diagnostics"]
    assert "contentci/internal-error" not in result.rules()
    assert any(
        d["rule"] == "metadata/date" and "'last_reviewed: 2024-02-30' is not a date" in d["message"] for d in diags
    )
    # a date with a time after it still counts as that date
    dated = metadata_rules(run, tmp_path, '---\nprofile: health\nlast_reviewed: "2026-10-14T09:30"\n---\n' + BODY)
    assert "metadata/date" not in dated.rules()
