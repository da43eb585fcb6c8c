"""GitHub: the workflows and action.yml pass real validators, and the action's steps run for real.

Validators: check-jsonschema's built-in (offline) schemas for workflows and actions, actionlint
(built by scripts/provision-tools from the Go module proxy), and shellcheck on the action's
scripts. The composite action's own bash steps are then run as the runner would run them:
the install step pip-installs contentci from this folder, the check step writes annotations,
outputs, the job summary and SARIF.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = ROOT / "action.yml"
BIN = Path(sys.executable).parent
GOOD = "Max is a big dog. He likes to run. He can catch a ball and bring it back.\n"
# A general (not health) article whose only finding is one hard sentence: a warning.
WARNS = GOOD + (
    "\nCanine companions demonstrate considerable behavioural adaptability, particularly regarding "
    "unfamiliar environmental circumstances and unpredictable weather.\n"
)


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
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "content-sharded.yml", "content.yml"]


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
    assert len(steps) == 2
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


# -- running the composite action's steps ------------------------------------------------


def step_script(name: str) -> str:
    return next(s for s in yaml.safe_load(ACTION.read_text())["runs"]["steps"] if s.get("name") == name)["run"]


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory):
    """RUNNER_TEMP after the action's install step: contentci pip-installed from this folder."""
    temp = tmp_path_factory.mktemp("runner-temp")
    env = {**os.environ, "PYTHON": sys.executable, "ACTION_PATH": str(ROOT), "VERSION": "", "RUNNER_TEMP": str(temp)}
    result = subprocess.run(
        ["bash", "-c", step_script("Install contentci")], env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (temp / "contentci-venv" / "bin" / "contentci").exists()
    return temp


def run_check_step(runner_temp, workspace, **inputs):
    outputs = workspace / "github-output"
    summary = workspace / "step-summary.md"
    env = {
        **os.environ,
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
        "INPUT_PATHS": "",
        "CONFIG": "",
        "FAIL_ON": "error",
        "CHANGED_ONLY": "false",
        "GRAMMAR": "false",
        "LANGUAGETOOL_URL": "",
        "SARIF_FILE": "contentci.sarif",
        "BASE_REF": "",
        **inputs,
    }
    result = subprocess.run(
        ["bash", "-c", step_script("Check content")],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines()) if outputs.exists() else {}
    return result, values, summary


def test_action_check_step_annotates_summarises_and_writes_sarif(runner_temp, tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / "articles" / "good.md").write_text(GOOD)
    result, outputs, summary = run_check_step(
        runner_temp, tmp_path, INPUT_PATHS="articles\n", SARIF_FILE="out/contentci.sarif"
    )
    assert result.returncode == 1, result.stderr
    assert "\n::error file=articles/seed.md,line=1,col=1," in "\n" + result.stdout
    assert int(outputs["errors"]) >= 1 and int(outputs["warnings"]) >= 1
    assert outputs["sarif-file"] == "out/contentci.sarif"
    sarif = json.loads((tmp_path / "out" / "contentci.sarif").read_text())
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(sarif)
    assert "| articles/seed.md | " in summary.read_text()


def test_action_check_step_passes_clean_content_and_honours_fail_on(runner_temp, tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    result, outputs, _ = run_check_step(runner_temp, tmp_path, INPUT_PATHS="good.md", SARIF_FILE="")
    assert result.returncode == 0, result.stderr
    assert outputs == {"errors": "0", "warnings": "0", "sarif-file": ""}
    (tmp_path / "dog.md").write_text(WARNS)
    warn_only, outputs, _ = run_check_step(runner_temp, tmp_path, INPUT_PATHS="dog.md")
    assert warn_only.returncode == 0 and outputs["errors"] == "0" and outputs["warnings"] == "1"
    assert warn_only.stdout.startswith("::warning file=dog.md,line=3,col=1,")
    strict, _, _ = run_check_step(runner_temp, tmp_path, INPUT_PATHS="dog.md", FAIL_ON="warning")
    assert strict.returncode == 1


def test_action_check_step_reports_a_config_error(runner_temp, tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    result, outputs, _ = run_check_step(runner_temp, tmp_path, INPUT_PATHS="good.md", CONFIG="missing.toml")
    assert result.returncode == 2 and "config file not found: missing.toml" in result.stderr
    assert outputs == {"errors": "0", "warnings": "0", "sarif-file": ""}
