"""--changed-only and --diff-lines against a real git repository."""

import os
import subprocess

import pytest
from ci_fixtures import run  # noqa: F401  (readability and contentci rules only)
from conftest import GIT_ENV, SEED

NEW_HARD = (
    "Regenerative interventions demonstrate considerable therapeutic potential, particularly "
    "regarding degenerative musculoskeletal conditions."
)


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """main: a.md and b.md (the seed); branch feature: b.md gains a hard sentence, c.md is new."""
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    (tmp_path / ".contentci.toml").write_text("[readability]\nmax_hard_sentences = 100\n")
    seed = SEED.read_text().rstrip("\n") + "\n"
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(seed)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    (tmp_path / "b.md").write_text(seed + "\n" + NEW_HARD + "\n")
    git(tmp_path, "commit", "-q", "-am", "b grows")
    (tmp_path / "c.md").write_bytes(SEED.read_bytes())  # untracked
    return tmp_path


def by_file(result):
    return {f["path"]: [(d["rule"], d["line"]) for d in f["diagnostics"]] for f in result.json["files"]}


def test_changed_only_checks_changed_and_new_files(run, repo):
    result = run("check", "--format", "json", "--changed-only", ".")
    assert sorted(by_file(result)) == ["b.md", "c.md"]
    explicit = run("check", "--format", "json", "--changed-only", "--base", "main", ".")
    assert sorted(by_file(explicit)) == ["b.md", "c.md"]
    assert result.exit_code == 1


def test_diff_lines_keeps_changed_lines_and_document_level_findings(run, repo):
    result = run("check", "--format", "json", "--diff-lines", "--fail-on", "warning", ".")
    files = by_file(result)
    assert files["b.md"] == [("readability/grade-level", 1), ("readability/hard-sentence", 17)]
    doc_level = result.json["files"][0]["diagnostics"][0]
    assert doc_level["document_level"] and "kept by --diff-lines" in doc_level["message"]
    assert len(files["c.md"]) == 7  # a new file: every line is changed (the grade and six hard sentences)


def test_nothing_changed_is_a_pass_with_a_notice(run, repo):
    (repo / "c.md").unlink()
    git(repo, "checkout", "-q", "main")
    result = run("check", "--changed-only", ".")
    assert result.exit_code == 0 and "no changed files to check" in result.stderr


def test_default_base_prefers_origin_head(run, repo, tmp_path_factory):
    remote = tmp_path_factory.mktemp("remote")
    git(remote, "init", "-q", "--bare")
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "feature:trunk")  # the remote's default branch is 'trunk'
    git(repo, "remote", "set-head", "origin", "trunk")
    result = run("check", "--format", "json", "--changed-only", ".")
    assert sorted(by_file(result)) == ["c.md"]  # against origin/trunk only the untracked file is new


def test_scope_errors_are_clear(run, repo, tmp_path_factory):
    bad_base = run("check", "--changed-only", "--base", "nosuchbranch", ".")
    assert bad_base.exit_code == 2 and "--base 'nosuchbranch' is not a commit or branch" in bad_base.stderr
    git(repo, "branch", "-q", "-m", "main", "trunk")
    no_default = run("check", "--changed-only", ".")
    assert no_default.exit_code == 2 and "pass --base REF" in no_default.stderr
    outside = tmp_path_factory.mktemp("plain")
    (outside / "a.md").write_bytes(SEED.read_bytes())
    not_git = run("check", "--changed-only", ".", cwd=outside)
    assert not_git.exit_code == 2 and "is not inside a git repository" in not_git.stderr
    for result in (bad_base, no_default, not_git):
        assert "Traceback" not in result.stderr
