"""GitHub: the workflows and action.yml pass real validators, and the action's steps run for real.

Validators: check-jsonschema's built-in (offline) schemas for workflows and actions, actionlint
(built by scripts/provision-tools from the Go module proxy), and shellcheck on the action's
scripts. tests/test_action.py runs the composite action's steps with a fake runner.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = ROOT / "action.yml"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A validator's path: next to this Python (pip-installed), on PATH, or in the tools cache."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found:
        return found
    tools = Path(
        os.environ.get("CONTENTCI_TOOLS_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "contentci" / "tools"
    )
    if name == "actionlint" and not (tools / "actionlint").exists():
        subprocess.run(["bash", str(ROOT / "scripts" / "provision-tools")], check=False)
    if (tools / name).exists():
        return str(tools / name)
    pytest.fail(f"{name} is not installed; scripts/provision-tools and the test extra provide it")


def test_workflow_files_exist():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "content-sharded.yml", "content.yml", "release.yml"]


@pytest.mark.parametrize("schema, files", [("vendor.github-workflows", WORKFLOWS), ("vendor.github-actions", [ACTION])])
def test_check_jsonschema_builtin_schemas(schema, files):
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_catches_a_broken_action(tmp_path):
    broken = yaml.safe_load(ACTION.read_text())
    broken["runs"]["using"] = "compost"
    (tmp_path / "action.yml").write_text(yaml.safe_dump(broken))
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(tmp_path / "action.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1


def test_actionlint_passes_workflows_and_the_local_action():
    """content.yml uses `./`, so actionlint also reads action.yml and checks the inputs given to it."""
    result = subprocess.run(
        [tool("actionlint"), "-no-color", "-oneline", "-shellcheck", tool("shellcheck"), *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_an_unknown_action_input(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ACTION, tmp_path / "action.yml")
    text = (ROOT / ".github" / "workflows" / "content.yml").read_text()
    (tmp_path / ".github" / "workflows" / "content.yml").write_text(text.replace('grammar: "true"', 'grammer: "true"'))
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)  # actionlint finds the project by its .git
    result = subprocess.run([tool("actionlint"), "-no-color", "-oneline"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and 'input "grammer" is not defined' in result.stdout


def test_action_scripts_pass_shellcheck():
    steps = [s for s in yaml.safe_load(ACTION.read_text())["runs"]["steps"] if "run" in s]
    assert [s["name"] for s in steps] == ["Install contentci", "Locate LanguageTool", "Install LanguageTool", "Check content"]
    for step in steps:
        result = subprocess.run(
            [tool("shellcheck"), "-s", "bash", "-"], input=step["run"], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{step['name']}: {result.stdout}"


def test_action_interface():
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {
        "paths",
        "config",
        "fail-on",
        "changed-only",
        "grammar",
        "languagetool-url",
        "diff-lines",
        "baseline",
        "min-quality",
        "reviewdog",
        "reviewdog-reporter",
        "github-token",
        "args",
        "sarif-file",
        "version",
    }
    assert set(action["outputs"]) == {"errors", "warnings", "sarif-file"}
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install contentci")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"


def test_content_workflow_is_the_documented_example():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "content.yml").read_text())
    job = wf["jobs"]["contentci"]
    assert job["services"]["languagetool"]["image"].startswith("erikvl87/languagetool")
    assert job["services"]["languagetool"]["ports"] == ["8010:8010"]
    assert job["env"]["CONTENTCI_LANGUAGETOOL_URL"] == "http://localhost:8010"
    assert job["permissions"]["security-events"] == "write"
    uses = [s.get("uses", "") for s in job["steps"]]
    assert "./" in uses and any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    assert any("bash scripts/test" in s.get("run", "") for s in ci["jobs"]["test"]["steps"])
