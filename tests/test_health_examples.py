"""Every health rule's documented "Fires" example fires and its "Passes" example passes.

The examples are the indented blocks after ``Fires...::`` and ``Passes...::`` in
the rule's docstring, which is what ``contentci explain`` prints.
"""

import re
import textwrap

import pytest

from contentci.core import registry

HEALTH_FAMILIES = ("balance", "claims", "disclaimer", "metadata", "quality")
EXAMPLE = re.compile(r"^(Fires|Passes|Example config)([^\n]*)::\n\n((?:(?:    [^\n]*)?\n)+)", re.MULTILINE)
# Rules whose examples need a setting, as their docstrings say.
EXTRA_CONFIG = {
    "disclaimer/custom": "Example config",
}
EXTRA_ARGS = {"quality/below-minimum": ["--min-quality", "3"]}
TODAY = {"CONTENTCI_TODAY": "2026-11-25"}


def examples(rule_id):
    doc = registry.rules()[rule_id].doc + "\n"
    found = {}
    for kind, _, body in EXAMPLE.findall(doc):
        found.setdefault(kind, textwrap.dedent(body).strip() + "\n")
    return found


HEALTH_RULES = sorted(r for r in registry.rules() if r.split("/")[0] in HEALTH_FAMILIES)


def test_every_health_rule_is_documented_with_both_examples():
    assert len(HEALTH_RULES) >= 20
    for rule_id in HEALTH_RULES:
        assert {"Fires", "Passes"} <= set(examples(rule_id)), rule_id


@pytest.mark.parametrize("rule_id", HEALTH_RULES)
def test_fires_example_fires_and_passes_example_passes(run, tmp_path, rule_id):
    ex = examples(rule_id)
    if rule_id in EXTRA_CONFIG:
        (tmp_path / ".contentci.toml").write_text(ex[EXTRA_CONFIG[rule_id]])
    (tmp_path / "fires.md").write_text(ex["Fires"])
    (tmp_path / "passes.md").write_text(ex["Passes"])
    args = ["check", "--format", "json", "--select", rule_id, *EXTRA_ARGS.get(rule_id, [])]
    fires = run(*args, "fires.md", env=TODAY)
    passes = run(*args, "passes.md", env=TODAY)
    assert rule_id in fires.rules(), fires.output
    assert passes.rules() == [], passes.output
    severity = registry.rules()[rule_id].severity.value
    assert fires.exit_code == (1 if severity == "error" else 0)
    assert passes.exit_code == 0


def test_explain_prints_the_examples(run):
    out = run("explain", "balance/harms-missing").output
    assert "default severity: error" in out
    assert "Fires::" in out and "Passes::" in out and "Talk to your doctor about the risks" in out
