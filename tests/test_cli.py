"""Command line behaviour: config errors, unreadable files, selection, output shapes."""

import json
import socket

from conftest import SEED

from contentci import __version__

GOOD = "Max is a big dog. He likes to run. He can catch a ball and bring it back.\n"


def test_bad_config_key_exits_2_naming_it(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text("[readability]\nmax_grad = 6\n")
    (tmp_path / "a.md").write_text(GOOD)
    result = run("check", "a.md")
    assert result.exit_code == 2
    assert "readability.max_grad" in result.stderr
    assert "did you mean 'max_grade'" in result.stderr


def test_bad_config_value_and_unknown_rule(run, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.contentci.readability]\nmax_grade = "eight"\n')
    result = run("check", ".")
    assert result.exit_code == 2 and "tool.contentci.readability.max_grade" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.contentci.rules]\n"readability/grade-levle" = "off"\n')
    result = run("check", ".")
    assert result.exit_code == 2 and "did you mean 'readability/grade-level'" in result.stderr


def test_binary_and_misencoded_files_do_not_stop_the_others(run, tmp_path):
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 au lait is nice.\n".encode("latin-1"))
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run("check", "--format", "json", ".")
    assert result.exit_code == 1
    assert result.rules("image.md") == ["contentci/unreadable"]
    assert result.rules("latin1.md") == ["contentci/unreadable"]
    latin1 = next(f for f in result.json["files"] if f["path"] == "latin1.md")
    assert "byte 0xe9 at line 1" in latin1["diagnostics"][0]["message"]
    assert result.rules("good.md") == []
    assert "readability/grade-level" in result.rules("seed.md")
    assert "Traceback" not in result.output + result.stderr


def test_json_shape(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    data = run("check", "--format", "json", "seed.md").json
    assert data["version"] == 1 and data["tool"] == {"name": "contentci", "version": __version__}
    d = data["files"][0]["diagnostics"][0]
    assert set(d) >= {"rule", "severity", "message", "line", "column", "end_line", "end_column", "suggestion"}
    assert data["summary"]["files"] == 1 and data["summary"]["errors"] >= 1
    assert set(data["summary"]) == {"files", "errors", "warnings", "infos"}


def test_select_ignore_and_fail_on(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    only_hard = run("check", "--format", "json", "--select", "readability/hard-sentence", "seed.md")
    assert set(only_hard.rules()) == {"readability/hard-sentence"}
    assert only_hard.exit_code == 0  # warnings only, fail-on error
    assert run("check", "--select", "readability/hard-sentence", "--fail-on", "warning", "seed.md").exit_code == 1
    ignored = run(
        "check",
        "--format",
        "json",
        "--ignore",
        "readability",
        "--ignore",
        "balance,claims,disclaimer,metadata",
        "seed.md",
    )
    assert ignored.rules() == [] and ignored.exit_code == 0
    assert run("check", "--ignore", "readabilty", "seed.md").exit_code == 2


def test_severity_off_and_overrides(run, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / ".contentci.toml").write_text(
        'profile = "general"\n[rules]\n"readability/hard-sentence" = "off"\n\n'
        '[[overrides]]\nfiles = ["docs/**"]\nreadability = { max_grade = 20 }\n'
    )
    data = run("check", "--format", "json", ".").json
    by_path = {f["path"]: [d["rule"] for d in f["diagnostics"]] for f in data["files"]}
    assert by_path == {"docs/seed.md": [], "seed.md": ["readability/grade-level"]}


def test_text_output_and_no_color(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run("check", "--select", "readability", "seed.md", env={"NO_COLOR": "1"})
    first = result.output.splitlines()[0]
    assert first.startswith("seed.md:1:1: error readability/grade-level Reads at grade")
    assert "\x1b[" not in result.output
    assert result.output.rstrip().endswith("in 1 file checked")


def test_rules_and_explain(run):
    listed = run("rules").output
    assert "readability/grade-level" in listed and "error" in listed
    doc = run("explain", "readability/hard-sentence")
    assert doc.exit_code == 0 and "Fires" in doc.output and "Passes" in doc.output
    assert run("explain", "readability/hard-sentense").exit_code == 2


def test_default_paths_from_config(run, tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(GOOD)
    (tmp_path / "other.md").write_bytes(SEED.read_bytes())
    (tmp_path / ".contentci.toml").write_text('paths = ["content"]\n')
    data = run("check", "--format", "json").json
    assert [f["path"] for f in data["files"]] == ["content/a.md"]


def test_discovery_skips_hidden_vendor_and_venv_folders(run, tmp_path):
    for folder in (".git", "node_modules", ".hidden", "venv", "docs"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(GOOD)
    (tmp_path / "docs" / "notes.txt").write_text(GOOD)
    (tmp_path / "docs" / "script.py").write_text("print(1)\n")
    data = run("check", "--format", "json", ".").json
    assert [f["path"] for f in data["files"]] == ["docs/a.md", "docs/notes.txt"]


def test_check_opens_no_socket(run, tmp_path, monkeypatch):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())

    def refuse(*args, **kwargs):
        raise AssertionError("contentci tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = run("check", "--format", "json", "seed.md")
    assert result.exit_code == 1
    assert json.loads(result.output)["summary"]["errors"] >= 1


def test_discovery_walk_order_links_and_absolute_paths(run, tmp_path):
    for rel in ("b/z.md", "a/y/x.md", "a/w.md", "outside/o.md", "a/.hidden.md", "venv2/v.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD)
    (tmp_path / "venv2" / "pyvenv.cfg").write_text("")
    (tmp_path / "a" / "linked").symlink_to(tmp_path / "outside")  # a folder link: not followed
    (tmp_path / "a" / "alias.md").symlink_to(tmp_path / "b" / "z.md")  # a file link: its target's globs
    (tmp_path / ".contentci.toml").write_text('exclude = ["outside/**"]\n')
    relative = [f["path"] for f in run("check", "--format", "json", "a", "b").json["files"]]
    assert relative == ["a/alias.md", "a/w.md", "a/y/x.md", "b/z.md"]
    absolute = [f["path"] for f in run("check", "--format", "json", str(tmp_path)).json["files"]]
    assert absolute == ["a/w.md", "a/y/x.md", "b/z.md"]  # shown by where the link leads: one file
    assert [f["path"] for f in run("check", "--format", "json", "./a/").json["files"]] == relative[:3]
