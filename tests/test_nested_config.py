"""A nested .contentci.toml applies to the files in its folder, even when run from the repo root;
`contentci show-config PATH` prints what applies to a file and where each setting came from."""

from __future__ import annotations

import json

ARTICLE = "---\nprofile: health\n---\n# Knee pain\n\nThis revolutionary brace helps most people walk again.\n"


def _tree(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.contentci]\npaths = ["content"]\n[tool.contentci.rules]\n"claims/hype" = "error"\n'
    )
    (tmp_path / "content" / "team").mkdir(parents=True)
    (tmp_path / "content" / "top.md").write_text(ARTICLE)
    (tmp_path / "content" / "team" / "inner.md").write_text(ARTICLE)
    (tmp_path / "content" / "team" / ".contentci.toml").write_text(
        '[rules]\n"claims/hype" = "info"\n\n[[overrides]]\nfiles = ["quiet.md"]\nrules = { "claims/hype" = "off" }\n'
    )
    (tmp_path / "content" / "team" / "quiet.md").write_text(ARTICLE)


def _hype(result):
    return {
        f["path"]: [d["severity"] for d in f["diagnostics"] if d["rule"] == "claims/hype"]
        for f in result.json["files"]
    }


def test_nested_config_applies_to_its_folder_from_the_repo_root(run, tmp_path):
    _tree(tmp_path)
    result = run("check", "--format", "json", "--select", "claims/hype")
    assert result.exit_code == 1
    assert _hype(result) == {
        "content/team/inner.md": ["info"],  # the nested config's severity
        "content/team/quiet.md": [],  # the nested config's override, globbed from its own folder
        "content/top.md": ["error"],  # the root config's
    }


def test_config_flag_is_the_whole_config(run, tmp_path):
    _tree(tmp_path)
    result = run("check", "--format", "json", "--select", "claims/hype", "--config", "pyproject.toml", "content")
    assert set(map(tuple, _hype(result).values())) == {("error",)}


def test_nested_paths_key_is_a_notice_not_applied(run, tmp_path):
    _tree(tmp_path)
    (tmp_path / "content" / "team" / ".contentci.toml").write_text('exclude = ["inner.md"]\n')
    result = run("check", "--select", "claims/hype")
    assert "content/team/inner.md" in result.output
    assert "exclude only apply in the config a run starts from" in result.stderr


def test_bad_nested_config_fails_the_run_naming_it(run, tmp_path):
    _tree(tmp_path)
    (tmp_path / "content" / "team" / ".contentci.toml").write_text('[rules]\n"claims/hyp" = "off"\n')
    result = run("check")
    assert result.exit_code == 2
    assert "content/team/.contentci.toml" in result.stderr and "claims/hype" in result.stderr


def test_show_config_names_each_source(run, tmp_path):
    _tree(tmp_path)
    result = run("show-config", "content/team/quiet.md")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "# config files, nearest last: pyproject.toml, content/team/.contentci.toml" in lines
    assert 'rules."claims/hype" = "off"  # content/team/.contentci.toml overrides[0]' in lines
    assert 'profile = "auto"  # default' in lines
    assert "readability.target_grade = 8  # default" in lines or any(
        line.startswith("readability.") and line.endswith("# default") for line in lines
    )


def test_show_config_json_outside_nested_folder(run, tmp_path):
    _tree(tmp_path)
    data = json.loads(run("show-config", "--json", "content/top.md").output)
    assert data["config_files"] == ["pyproject.toml"]
    assert data["settings"]['rules."claims/hype"'] == {"value": "error", "source": "pyproject.toml"}


def test_fix_uses_the_nested_config(run, tmp_path):
    _tree(tmp_path)
    (tmp_path / "content" / "team" / ".contentci.toml").write_text('[rules]\ndisclaimer = "off"\n')
    run("fix", "content")
    assert "not medical advice" in (tmp_path / "content" / "top.md").read_text()
    assert (tmp_path / "content" / "team" / "inner.md").read_text() == ARTICLE
