"""disclaimer/*: meaning slots, exact DSHEA wording, placement, custom disclaimers, the fixer API."""

from contentci.analysis.health import topics
from contentci.config.loading import build_config
from contentci.core.registry import config_schema
from contentci.analysis.health.disclaimers import required_for
from contentci.document.parse import parse
from contentci.core.context import Context

FM = "---\nprofile: health\n---\n"
DSHEA = (
    "These statements have not been evaluated by the Food and Drug\n"
    "Administration.   This product is not intended to diagnose, treat, cure, or\n"
    "prevent any disease.\n"
)
SUPPLEMENT = "---\ntopic: supplement\n---\nOur zinc gummies support immune health.\n\n"


def rules_for(run, tmp_path, text, select="disclaimer", name="a.md"):
    (tmp_path / name).write_text(text)
    return run("check", "--format", "json", "--select", select, name).rules()


def test_paraphrased_medical_advice_disclaimers_pass(run, tmp_path):
    for wording in (
        "This is not medical advice.",
        "This page is for general information only.",
        "Nothing here replaces a conversation with your own health professional.",
        "It is no substitute for advice from your doctor.",
    ):
        assert (
            rules_for(run, tmp_path, FM + "Ibuprofen eases pain. " + wording + "\n", "disclaimer/medical-advice") == []
        ), wording
    assert rules_for(run, tmp_path, FM + "Ibuprofen eases pain.\n", "disclaimer/medical-advice") == [
        "disclaimer/medical-advice"
    ]


def test_dshea_alone_is_not_a_medical_advice_disclaimer(run, tmp_path):
    assert rules_for(run, tmp_path, SUPPLEMENT + DSHEA, "disclaimer/medical-advice") == ["disclaimer/medical-advice"]


def test_consult_professional_needs_a_professional(run, tmp_path):
    assert rules_for(
        run, tmp_path, FM + "Ibuprofen eases pain. Talk about the risks.\n", "disclaimer/consult-professional"
    ) == ["disclaimer/consult-professional"]
    assert (
        rules_for(
            run, tmp_path, FM + "Ibuprofen eases pain. Ask your pharmacist first.\n", "disclaimer/consult-professional"
        )
        == []
    )


def test_dshea_exact_wording_with_any_line_breaks(run, tmp_path):
    assert rules_for(run, tmp_path, SUPPLEMENT + DSHEA, "disclaimer/dshea") == []
    reworded = DSHEA.replace("diagnose, treat, cure, or", "diagnose, treat or cure, or")
    assert rules_for(run, tmp_path, SUPPLEMENT + reworded, "disclaimer/dshea") == ["disclaimer/dshea"]
    # No structure/function claim of its own: nothing to disclaim.
    warning = "---\ntopic: supplement\n---\nSellers claim the gummies support immune health; trials found no effect.\n"
    assert rules_for(run, tmp_path, warning, "disclaimer/dshea") == []


def test_regulatory_status_for_stem_cell_articles(run, tmp_path):
    base = "---\ntopic: stem-cell\n---\nOur clinic offers stem cell shots for knee pain. "
    assert rules_for(run, tmp_path, base + "Our lab is FDA-registered.\n", "disclaimer/regulatory-status") == [
        "disclaimer/regulatory-status"
    ]
    assert (
        rules_for(run, tmp_path, base + "The FDA has not approved these shots.\n", "disclaimer/regulatory-status") == []
    )
    assert rules_for(run, tmp_path, base + "They are not FDA-approved for MS.\n", "disclaimer/regulatory-status") == []


def test_emergency_applies_only_where_emergency_signs_are_discussed(run, tmp_path):
    side_effects = FM + "The drug can cause nausea, confusion and kidney stones in some people.\n"
    assert rules_for(run, tmp_path, side_effects, "disclaimer/emergency") == []
    signs = FM + "Chest pain that spreads to your arm can be a sign of a heart attack.\n"
    assert rules_for(run, tmp_path, signs, "disclaimer/emergency") == ["disclaimer/emergency"]
    assert rules_for(run, tmp_path, signs + "\nCall 911 if you have these signs.\n", "disclaimer/emergency") == []


def test_placement_bottom_reports_a_disclaimer_in_the_wrong_place(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text('[disclaimers]\nplacement = "bottom"\n')
    body = (
        FM
        + "This is not medical advice.\n\n"
        + "".join(f"Paragraph {i} about ibuprofen and pain.\n\n" for i in range(8))
    )
    (tmp_path / "a.md").write_text(body)
    found = run("check", "--format", "json", "--select", "disclaimer/medical-advice", "a.md").json["files"][0][
        "diagnostics"
    ]
    assert [(d["line"], d["column"], d["document_level"]) for d in found] == [(4, 1, False)]
    assert "placement = bottom" in found[0]["message"]
    (tmp_path / "b.md").write_text(
        FM + "".join(f"Paragraph {i} about ibuprofen and pain.\n\n" for i in range(8)) + "This is not medical advice.\n"
    )
    assert run("check", "--format", "json", "--select", "disclaimer/medical-advice", "b.md").rules() == []


def test_custom_disclaimer_from_config(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text(
        "[disclaimers.required.affiliate]\n"
        'terms = ["affiliate link*"]\n'
        'slots = [["we earn|commission"], ["buy|purchase*"]]\n'
        'placement = "first-n-paragraphs"\nparagraphs = 1\n'
        'template = "We earn a commission when you buy through our links."\n'
    )
    (tmp_path / "a.md").write_text(FM + "Our affiliate links help fund the site.\n")
    result = run("check", "--format", "json", "--select", "disclaimer/custom", "a.md")
    d = result.json["files"][0]["diagnostics"][0]
    assert d["rule"] == "disclaimer/custom" and "'affiliate'" in d["message"]
    assert d["suggestion"] == "We earn a commission when you buy through our links."
    (tmp_path / "b.md").write_text(FM + "We earn a commission when you buy through our affiliate links.\n")
    assert run("check", "--format", "json", "--select", "disclaimer/custom", "b.md").rules() == []


def test_bad_custom_disclaimer_is_a_config_error(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text('[disclaimers.required.x]\nplacment = "top"\n')
    (tmp_path / "a.md").write_text(FM + "text\n")
    result = run("check", "a.md")
    assert result.exit_code == 2 and "unknown key 'placment'" in result.stderr


def test_required_for_api_lists_templates_and_status(tmp_path):
    config = build_config({}, tmp_path, None, config_schema()).resolve("a.md")
    doc = parse("a.md", (SUPPLEMENT + DSHEA).encode())
    ctx = Context("a.md", config)
    ctx._profile = topics.profile(doc, ctx)
    ctx.topics = topics.topics(doc, ctx, ctx._profile)
    reqs = {r.id: r for r in required_for(doc, ctx)}
    assert set(reqs) >= {"medical-advice", "consult-professional", "dshea"}
    assert "regulatory-status" not in reqs and "emergency" not in reqs
    assert reqs["dshea"].satisfied and not reqs["medical-advice"].satisfied
    assert reqs["dshea"].rule == "disclaimer/dshea" and reqs["dshea"].placement == "anywhere"
    assert reqs["medical-advice"].template.startswith("This article is for general information only.")


def test_builtin_disclaimer_can_be_adjusted_or_turned_off(run, tmp_path):
    text = FM + "Ibuprofen eases pain. This site does not give medical advice.\n"
    assert rules_for(run, tmp_path, text, "disclaimer/medical-advice") == []  # "does not give medical advice"
    text = FM + "Ibuprofen eases pain. Read this as a story, not a prescription.\n"
    assert rules_for(run, tmp_path, text, "disclaimer/medical-advice") == ["disclaimer/medical-advice"]
    (tmp_path / ".contentci.toml").write_text(
        '[disclaimers.required.medical-advice]\nphrases = ["not a prescription"]\n'
    )
    assert rules_for(run, tmp_path, text, "disclaimer/medical-advice") == []
    (tmp_path / ".contentci.toml").write_text("[disclaimers.required.medical-advice]\nenabled = false\n")
    assert rules_for(run, tmp_path, FM + "Ibuprofen eases pain.\n", "disclaimer/medical-advice") == []


def test_a_disclaimers_own_placement_wins_over_the_default(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text(
        '[disclaimers]\nplacement = "anywhere"\n\n[disclaimers.required.medical-advice]\nplacement = "first-n-paragraphs"\nparagraphs = 1\n'
    )
    text = FM + "Ibuprofen eases pain.\n\nIt works within an hour.\n\nThis is not medical advice.\n"
    (tmp_path / "a.md").write_text(text)
    found = run("check", "--format", "json", "--select", "disclaimer/medical-advice", "a.md").json["files"][0][
        "diagnostics"
    ]
    assert [(d["line"], d["column"]) for d in found] == [(8, 1)]
    assert "in the first 1 paragraphs" in found[0]["message"]


def test_custom_disclaimers_also_apply_to_non_health_articles(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text(
        '[disclaimers.required.affiliate]\nterms = ["affiliate"]\nslots = [["commission"]]\n'
    )
    (tmp_path / "a.md").write_text("# Best tents\n\nWe link to shops through affiliate links.\n")
    assert run("check", "--format", "json", "a.md").rules() == ["disclaimer/custom"]


def test_a_new_disclaimer_rule_is_one_yaml_entry(monkeypatch, tmp_path):
    """disclaimer/* rules are data: an entry with rule, severity and doc in disclaimers.yaml is a rule."""
    from contentci.analysis.health import disclaimer_definitions
    from contentci.core import registry
    from contentci.core.result import Selection
    from contentci.engine.check import check_bytes
    from contentci.rules import disclaimer

    entry = {
        "rule": "disclaimer/affiliate-notice",
        "severity": "warning",
        "doc": "An article with affiliate links does not say it earns a commission.\n\nMore words.",
        "topics": [],
        "terms": ["affiliate link*"],
        "slots": [["commission"]],
        "placement": "anywhere",
        "template": "We earn a commission when you buy through our links.",
        "message": "affiliate links without a word on commissions",
    }
    data = {**disclaimer_definitions.builtin(), "affiliate-notice": entry}
    monkeypatch.setattr(disclaimer_definitions, "builtin", lambda: data)
    monkeypatch.setattr(registry, "_RULES", dict(registry.rules()))
    disclaimer._register_builtin()
    rule = registry.rules()["disclaimer/affiliate-notice"]
    assert (rule.severity.value, rule.summary) == ("warning", entry["doc"].split("\n")[0])
    config = build_config({"profile": "health"}, tmp_path, None, config_schema()).resolve("a.md")
    text = FM + "Buy the knee brace through our affiliate links. It eases pain.\n"
    found = check_bytes("a.md", text.encode(), config, Selection(("disclaimer/affiliate-notice",)))
    assert [(d.rule, d.message) for d in found.diagnostics] == [
        ("disclaimer/affiliate-notice", "Affiliate links without a word on commissions.")
    ]
    fixed = check_bytes("a.md", (text + "We earn a commission on sales.\n").encode(), config,
                        Selection(("disclaimer/affiliate-notice",)))  # fmt: skip
    assert fixed.diagnostics == []
