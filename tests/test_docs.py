"""Docs come from code: the README's rule table matches the registry; every rule is documented."""

import re
import subprocess
import sys
import tomllib
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


def repository_url() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]


def test_readme_snippets_use_the_pyproject_repository_url():
    """pre-commit's `repo:` and the Action's `uses:` in the README name the [project.urls] Repository."""
    url = repository_url()
    assert url.startswith("https://github.com/")
    slug = url.removeprefix("https://github.com/")
    readme = (ROOT / "README.md").read_text()
    repos = re.findall(r"^\s*- repo: (\S+)", readme, re.M)
    uses = [u for u in re.findall(r"uses: (\S+)@", readme) if not u.startswith(("actions/", "github/"))]
    assert repos and set(repos) == {url}
    assert uses and set(uses) == {slug}
    for other in (ROOT / ".pre-commit-hooks.yaml", ROOT / "action.yml", ROOT / ".github/workflows/content.yml"):
        text = other.read_text()
        assert set(re.findall(r"repo: (\S+)", text)) <= {url}, other
        assert set(re.findall(r"uses: (contentci/\S+)@", text)) <= {slug}, other


def test_project_url_reads_the_metadata():
    from importlib import metadata

    from contentci.core.resources import FALLBACK_URLS, project_url

    assert FALLBACK_URLS == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    listed = dict(e.split(", ", 1) for e in metadata.metadata("contentci").get_all("Project-URL") or [])
    for label in FALLBACK_URLS:
        assert project_url(label) == listed.get(label, FALLBACK_URLS[label])
