"""pre-commit: the hooks other repositories use, run for real with `pre-commit try-repo`.

try-repo clones this repository (its HEAD, plus uncommitted changes to tracked files as a
temporary commit) and pip-installs contentci into a fresh environment, as a user's
pre-commit would. Nothing here fetches a remote hook repository.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import GIT_ENV, SEED

ROOT = Path(__file__).resolve().parents[1]


def pre_commit(*args, cwd, home):
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


def git_repo(path: Path, files: dict[str, bytes]) -> Path:
    path.mkdir()
    for name, data in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(data)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q"], cwd=path, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=path, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "articles"], cwd=path, check=True, env=env)
    return path


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """One pre-commit store for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def test_manifest_is_valid_and_hooks_are_as_documented():
    result = pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=ROOT, home=ROOT / ".no-store")
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"contentci", "contentci-grammar"}
    assert hooks["contentci"]["entry"] == "contentci check --ignore grammar"
    assert hooks["contentci-grammar"]["entry"] == "contentci check --select grammar --fail-on warning"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "plain-text"]
        assert hook["minimum_pre_commit_version"]
    assert hooks["contentci-grammar"]["require_serial"] is True  # one LanguageTool server
    assert "require_serial" not in hooks["contentci"]  # files may be checked in parallel batches


def test_try_repo_fails_on_the_seed_article(tmp_path, home):
    repo = git_repo(tmp_path / "site", {"articles/seed.md": SEED.read_bytes(), "tool.py": b"x = 1\n"})
    result = pre_commit("try-repo", str(ROOT), "contentci", "--all-files", cwd=repo, home=home)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "- hook id: contentci" in out and "- exit code: 1" in out
    assert "articles/seed.md:1:1: error readability/grade-level" in out
    assert "tool.py" not in out


def test_grammar_hook_fails_when_grammar_cannot_be_checked(tmp_path, home, monkeypatch):
    """Without a LanguageTool server the grammar hook fails, never "Passed" on nothing checked."""
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv("CONTENTCI_GRAMMAR", "on")
    monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_URL", dead)
    repo = git_repo(tmp_path / "site", {"articles/good.md": b"# Dogs\n\nDogs like walks in the park.\n"})
    result = pre_commit("try-repo", str(ROOT), "contentci-grammar", "--all-files", cwd=repo, home=home)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "- hook id: contentci-grammar" in out and "- exit code: 2" in out and "Failed" in out
    assert "grammar is required but was not checked" in out


def test_grammar_hook_fails_on_a_typo(tmp_path, home, grammar_env):
    repo = git_repo(tmp_path / "site", {"articles/typo.md": b"# Dogs\n\nDogs like walks in the parrk every day.\n"})
    result = pre_commit("try-repo", str(ROOT), "contentci-grammar", "--all-files", cwd=repo, home=home)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "- exit code: 1" in out
    assert "articles/typo.md:3:24: warning grammar/MORFOLOGIK_RULE_EN_US" in out


def test_try_repo_passes_on_the_published_articles(tmp_path, home):
    articles = {f"content/{p.name}": p.read_bytes() for p in sorted((ROOT / "content").glob("*.md"))}
    assert articles, "content/ holds the articles this repo publishes"
    repo = git_repo(tmp_path / "site", articles)
    result = pre_commit("try-repo", str(ROOT), "contentci", "--all-files", cwd=repo, home=home)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "contentci" in out and "Passed" in out


def test_this_repos_config_is_valid_and_pinned():
    result = pre_commit("validate-config", ".pre-commit-config.yaml", cwd=ROOT, home=ROOT / ".no-store")
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hook_ids = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert hook_ids >= {
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "check-toml",
        "ruff-check",
        "ruff-format",
        "contentci",
    }
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert repo["rev"].startswith("v") and repo["rev"][1].isdigit(), repo  # a release tag, not a branch


def test_local_hook_dependencies_match_pyproject():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    local = next(h for r in config["repos"] if r["repo"] == "local" for h in r["hooks"] if h["id"] == "contentci")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert sorted(local["additional_dependencies"]) == sorted(project["dependencies"]), (
        "keep the contentci hook's additional_dependencies in .pre-commit-config.yaml equal to "
        "pyproject.toml's [project] dependencies: the hook runs contentci from the working tree"
    )


def test_local_hook_runs_for_real_over_content(tmp_path, home):
    """This repo's own contentci hook, from a clone, with only the local hooks (no remote repos offline)."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, env={**os.environ, **GIT_ENV})
    for name in ("contentci", "content", "pyproject.toml"):  # the working tree under test, committed or not
        src, dst = ROOT / name, clone / name
        if src.is_dir():
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst)
    (clone / "content" / "zz-seed.md").write_bytes(SEED.read_bytes())
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    config["repos"] = [r for r in config["repos"] if r["repo"] == "local"]
    (tmp_path / "local-only.yaml").write_text(yaml.safe_dump(config))
    subprocess.run(["git", "add", "-A"], cwd=clone, check=True, env={**os.environ, **GIT_ENV})
    result = pre_commit(
        "run", "--config", str(tmp_path / "local-only.yaml"), "contentci", "--all-files", cwd=clone, home=home
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "content/zz-seed.md:1:1: error readability/grade-level" in out
    assert not any(
        line.startswith("content/") and "zz-seed" not in line and ": error " in line for line in out.splitlines()
    )
