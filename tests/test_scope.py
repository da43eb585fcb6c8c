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


# Names git quotes, pads with a TAB, or cannot show as UTF-8. Each is tried; a name the file
# system refuses is left out (so is a name git itself refuses to track).
ODD_NAMES = [b"with space.md", b'quote"d.md', b"caf\xe9.md", b"tab\tname.md", b"new\nline.md", b'sp ace caf\xe9 "q".md']


def _contentci(cwd, *args):
    """The real CLI in a subprocess: its stdout keeps a non-UTF-8 name as the name's bytes."""
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "contentci", *args], cwd=cwd, capture_output=True, env={**os.environ, **GIT_ENV}
    )
    # surrogateescape gives back the str os.fsdecode makes of the name's bytes
    out = proc.stdout.decode("utf-8", "surrogateescape")
    return proc.returncode, out, proc.stderr.decode("utf-8", "replace")


@pytest.fixture
def odd_repo(tmp_path, monkeypatch):
    """main: every odd name holds the seed; feature: each gains a hard sentence (half committed,
    half only in the working tree), and an untracked copy of each appears as ``new <name>``."""
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    (tmp_path / ".contentci.toml").write_text("[readability]\nmax_hard_sentences = 100\n")
    seed = SEED.read_text().rstrip("\n") + "\n"
    names = []
    for raw in ODD_NAMES:
        try:
            (tmp_path / os.fsdecode(raw)).write_text(seed)
        except (OSError, ValueError):
            continue
        names.append(os.fsdecode(raw))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    for i, name in enumerate(names):
        (tmp_path / name).write_text(seed + "\n" + NEW_HARD + "\n")
        if i % 2 == 0:
            git(tmp_path, "add", "--", name)
    git(tmp_path, "commit", "-q", "-m", "half grow")
    for name in names:
        (tmp_path / ("new " + name)).write_bytes(SEED.read_bytes())
    return tmp_path, names


def test_changed_only_checks_files_with_odd_names(odd_repo):
    repo, names = odd_repo
    assert len(names) >= 4  # at least space, quote, non-UTF-8 and the mix
    code, out, err = _contentci(repo, "check", "--select", "readability", "--format", "json", "--changed-only", ".")
    import json

    checked = sorted(f["path"] for f in json.loads(out)["files"])
    assert checked == sorted(names + ["new " + n for n in names]), err
    assert code == 1
    again = _contentci(repo, "check", "--select", "readability", "--format", "json", "--changed-only", ".")
    assert again == (code, out, err)  # the same from the result cache, which keeps such names too


def test_diff_lines_keeps_changed_lines_of_files_with_odd_names(odd_repo):
    import json

    repo, names = odd_repo
    code, out, err = _contentci(repo, "check", "--select", "readability", "--format", "json", "--diff-lines", ".")
    files = {f["path"]: [(d["rule"], d["line"]) for d in f["diagnostics"]] for f in json.loads(out)["files"]}
    _, whole_out, _ = _contentci(repo, "check", "--select", "readability", "--format", "json", ".")
    whole = {f["path"]: [(d["rule"], d["line"]) for d in f["diagnostics"]] for f in json.loads(whole_out)["files"]}
    for name in names:
        assert files[name] == [("readability/grade-level", 1), ("readability/hard-sentence", 17)], name
        assert files["new " + name] == whole["new " + name] and len(whole["new " + name]) > 2, name  # all new
    assert code == 1


def test_an_added_line_that_looks_like_a_patch_header_does_not_move_later_hunks(run, repo):
    """In a -U0 patch the added line "++ b/a.md" reads "+++ b/a.md"; b.md's later hunk stays b.md's."""
    text = (repo / "b.md").read_text().split("\n")
    text.insert(4, "++ b/a.md")
    (repo / "b.md").write_text("\n".join(text))
    result = run("check", "--format", "json", "--diff-lines", "--fail-on", "warning", ".")
    files = by_file(result)
    assert ("readability/hard-sentence", 18) in files["b.md"]
    assert "a.md" not in files


def test_an_unreadable_changed_file_is_an_error_not_a_skip(run, repo, monkeypatch):
    """Tests run as root, so the read error is simulated (as in test_hostile)."""
    import os

    real_open = os.open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("b.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)  # every read of the checkout goes through os.open
    result = run("check", "--format", "json", "--jobs", "1", "--no-cache", "--diff-lines", ".")
    assert result.exit_code == 1
    assert by_file(result)["b.md"] == [("contentci/unreadable", 1)]
    assert "Permission denied" in result.json["files"][0]["diagnostics"][0]["message"]
