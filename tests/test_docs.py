"""Docs come from code: the README's rule table matches the registry; every rule is documented."""

import subprocess
import sys
from pathlib import Path

from contentci.core import registry

ROOT = Path(__file__).resolve().parents[1]


def test_readme_rule_table_is_current():
    result = subprocess.run(
        [sys.executable, "scripts/update_readme.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_rule_has_docs_with_examples(run):
    for rule_id, rule in registry.rules().items():
        assert rule.summary, rule_id
        shown = run("explain", rule_id.replace("/*", "/EXAMPLE"))
        assert shown.exit_code == 0
        assert rule.summary in shown.output
        assert "Fires" in rule.doc and "Passes" in rule.doc, f"{rule_id} lacks a Fires/Passes example"
