"""The sharded example workflow: a matrix of `check --shard K/N` jobs and a `merge` job that gates.

actionlint and the workflow schema already cover the file (test_workflows globs every workflow);
here its shape is asserted, and its two shell steps are run as the runner would run them, one shard
script per matrix entry, then the merge script over the downloaded reports.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "content-sharded.yml"
GOOD = "Max is a big dog. He likes to run. He can catch a ball and bring it back.\n"


def workflow():
    return yaml.safe_load(WORKFLOW.read_text())


def step(job: dict, prefix: str) -> dict:
    return next(s for s in job["steps"] if s.get("name", "").startswith(prefix))


def test_shard_jobs_are_a_matrix_that_uploads_one_report_each():
    job = workflow()["jobs"]["shard"]
    shards = job["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) >= 2
    assert job["strategy"]["fail-fast"] is False
    check = step(job, "Check shard")
    assert check["env"]["SHARD"] == "${{ matrix.shard }}/${{ strategy.job-total }}"
    assert 'contentci check content --shard "$SHARD" --format json > "$REPORT"' in check["run"]
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@v4"))
    assert upload["with"]["name"] == "contentci-shard-${{ matrix.shard }}"
    assert upload["with"]["path"] == check["env"]["REPORT"] == "shard-${{ matrix.shard }}.json"
    assert job["services"]["languagetool"]["ports"] == ["8010:8010"]
    assert job["env"]["CONTENTCI_GRAMMAR"] == "required"


def test_merge_job_downloads_every_shard_and_its_exit_code_is_the_gate():
    jobs = workflow()["jobs"]
    merge = jobs["merge"]
    assert merge["needs"] == "shard" and "if" not in merge  # runs only when every shard wrote its report
    download = next(s for s in merge["steps"] if s.get("uses", "").startswith("actions/download-artifact@v4"))
    assert download["with"] == {"pattern": "contentci-shard-*", "path": "shards", "merge-multiple": True}
    gate = step(merge, "Merge the shards")
    assert gate["run"].startswith("contentci merge --format github") and "shards/*.json" in gate["run"]
    assert "|| true" not in gate["run"] and "continue-on-error" not in gate
    # Every later step runs only `if: always()`: the merge step's failure is the job's failure.
    after = merge["steps"][merge["steps"].index(gate) + 1 :]
    assert after and all(s.get("if", "").startswith("always()") for s in after)
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in after)
    assert merge["permissions"]["security-events"] == "write"


# -- running the two scripts ---------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path):
    """A checkout with content/ and a `contentci` command on PATH (this tree, as pip would install it)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "contentci"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m contentci "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    return repo, {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "CONTENTCI_GRAMMAR": "off",  # the workflow's LanguageTool service is not here
    }


def run_shards(repo: Path, env: dict) -> list[subprocess.CompletedProcess]:
    """Each matrix entry's check script, then the artifacts "downloaded" into shards/."""
    job = workflow()["jobs"]["shard"]
    shards = job["strategy"]["matrix"]["shard"]
    script = step(job, "Check shard")["run"]
    results = []
    (repo / "shards").mkdir(exist_ok=True)
    for k in shards:
        shard_env = {**env, "SHARD": f"{k}/{len(shards)}", "REPORT": f"shard-{k}.json"}
        results.append(
            subprocess.run(["bash", "-c", script], cwd=repo, env=shard_env, capture_output=True, text=True, timeout=300)
        )
        if (repo / f"shard-{k}.json").exists():
            shutil.copy(repo / f"shard-{k}.json", repo / "shards")
    return results


def run_merge(repo: Path, env: dict) -> subprocess.CompletedProcess:
    script = step(workflow()["jobs"]["merge"], "Merge the shards")["run"]
    summary = repo / "step-summary.md"
    return subprocess.run(
        ["bash", "-c", script],
        cwd=repo,
        env={**env, "GITHUB_STEP_SUMMARY": str(summary)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_shards_pass_findings_on_and_the_merge_fails_with_annotations_sarif_and_summary(workspace):
    repo, env = workspace
    (repo / "content" / "seed.md").write_bytes(SEED.read_bytes())
    for i in range(7):
        (repo / "content" / f"dog-{i}.md").write_text(GOOD)
    shard_runs = run_shards(repo, env)
    assert [r.returncode for r in shard_runs] == [0] * len(shard_runs), [r.stderr for r in shard_runs]
    reports = [json.loads(p.read_text()) for p in sorted((repo / "shards").glob("*.json"))]
    paths = [f["path"] for r in reports for f in r["files"]]
    assert sorted(paths) == sorted(f"content/{p.name}" for p in (repo / "content").iterdir())
    assert sum(1 for r in reports if r["files"]) >= 2  # the files really were split

    merged = run_merge(repo, env)
    assert merged.returncode == 1, merged.stderr  # the seed article's errors fail the run here
    whole = subprocess.run(
        ["contentci", "check", "content", "--format", "github"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert merged.stdout == whole.stdout and whole.returncode == 1
    assert "\n::error file=content/seed.md,line=1,col=1," in "\n" + merged.stdout
    sarif = json.loads((repo / "contentci.sarif").read_text())
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(sarif)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]} == {
        "content/seed.md"
    }
    assert "| content/seed.md | " in (repo / "step-summary.md").read_text()


def test_clean_shards_merge_to_exit_0(workspace):
    repo, env = workspace
    for i in range(5):
        (repo / "content" / f"dog-{i}.md").write_text(GOOD)
    assert [r.returncode for r in run_shards(repo, env)] == [0, 0, 0, 0]
    merged = run_merge(repo, env)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert merged.stdout == "contentci: 0 errors, 0 warnings, 0 infos in 5 files checked\n"
    assert json.loads((repo / "contentci.sarif").read_text())["runs"][0]["results"] == []


def test_a_shard_with_a_config_error_fails_its_job(workspace):
    repo, env = workspace
    (repo / "content" / "dog.md").write_text(GOOD)
    (repo / ".contentci.toml").write_text("[readability]\nno_such_key = 1\n")
    results = run_shards(repo, env)
    assert {r.returncode for r in results} == {2}
    assert all("no_such_key" in r.stderr and "Traceback" not in r.stderr for r in results)
