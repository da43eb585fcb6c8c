"""Shard reports are untrusted: `contentci merge` checks each against the published schema first.

A shard report is an artifact another CI job made, so a pull request can shape it. Every case
here is a report a person (or an attacker) could hand to `merge`: each must end in exit 2 with
the file and the offending field named, never a traceback, and never be passed on into SARIF or
annotations.
"""

from __future__ import annotations

import copy
import json
import os

import jsonschema
import pytest
from conftest import SEED

from contentci import __version__
from contentci.core.resources import read_text

SCHEMA = json.loads(read_text("report.schema.json"))


@pytest.fixture
def shard(run, tmp_path):
    """A real report of the seed article (with findings), as `check --format json` writes it."""
    (tmp_path / "seed.md").write_text(SEED.read_text())
    result = run("check", "--format", "json", "--no-cache", "--ignore", "grammar", "seed.md")
    assert result.exit_code == 1, result.stderr
    return json.loads(result.output)


def _merge_bad(run, tmp_path, report, name="bad.json"):
    (tmp_path / name).write_text(json.dumps(report))
    result = run("merge", "--format", "sarif", name)
    assert "Traceback" not in result.stderr
    return result


def test_check_output_validates_against_the_published_schema(shard):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(shard)
    assert shard["files"][0]["diagnostics"], "the seed must give findings, or the diagnostic schema goes untested"


def test_a_valid_shard_merges(run, tmp_path, shard):
    (tmp_path / "ok.json").write_text(json.dumps(shard))
    result = run("merge", "--format", "json", "ok.json")
    assert result.exit_code == 1, result.stderr
    assert result.json["files"] == shard["files"]


@pytest.mark.parametrize(
    "field, value, named",
    [
        ("line", "3", "files[0].diagnostics[0].line"),
        ("line", -1, "files[0].diagnostics[0].line"),
        ("line", 0, "files[0].diagnostics[0].line"),
        ("line", 10**20, "files[0].diagnostics[0].line"),
        ("line", True, "files[0].diagnostics[0].line"),
        ("line", 3.0, "files[0].diagnostics[0].line"),
        ("column", None, "files[0].diagnostics[0].column"),
        ("message", {"text": "x"}, "files[0].diagnostics[0].message"),
        ("severity", "fatal", "files[0].diagnostics[0].severity"),
        ("rule", "no slash", "files[0].diagnostics[0].rule"),
        ("document_level", "yes", "files[0].diagnostics[0].document_level"),
        ("fingerprint", "not hex!", "files[0].diagnostics[0].fingerprint"),
    ],
)
def test_a_malformed_finding_is_exit_2_naming_the_file_and_field(run, tmp_path, shard, field, value, named):
    bad = copy.deepcopy(shard)
    bad["files"][0]["diagnostics"][0][field] = value
    result = _merge_bad(run, tmp_path, bad)
    assert result.exit_code == 2
    assert "bad.json" in result.stderr and named in result.stderr, result.stderr
    assert result.output == ""  # nothing half-made reaches SARIF


def test_nan_in_a_position_is_refused(run, tmp_path, shard):
    text = json.dumps(shard).replace(f'"line": {shard["files"][0]["diagnostics"][0]["line"]}', '"line": NaN', 1)
    (tmp_path / "nan.json").write_text(text)
    result = run("merge", "nan.json")
    assert result.exit_code == 2 and "nan.json" in result.stderr and ".line" in result.stderr, result.stderr


def test_a_lone_surrogate_is_refused_with_its_path(run, tmp_path, shard):
    bad = copy.deepcopy(shard)
    bad["files"][0]["diagnostics"][1]["message"] = "claims \ud800 here"
    (tmp_path / "sur.json").write_text(json.dumps(bad))  # json.dumps writes it as the escape \ud800
    result = run("merge", "--format", "github", "sur.json")
    assert result.exit_code == 2
    assert "files[0].diagnostics[1].message" in result.stderr and "surrogate" in result.stderr, result.stderr


def test_a_finding_that_ends_before_it_starts_is_refused(run, tmp_path, shard):
    bad = copy.deepcopy(shard)
    d = bad["files"][0]["diagnostics"][0]
    d["line"], d["end_line"] = 5, 2
    result = _merge_bad(run, tmp_path, bad)
    assert result.exit_code == 2 and "ends before it starts" in result.stderr, result.stderr


@pytest.mark.parametrize("version", [True, 1.0, "1", 2, None])
def test_only_report_version_1_as_an_integer_is_accepted(run, tmp_path, shard, version):
    bad = dict(shard, version=version)
    result = _merge_bad(run, tmp_path, bad)
    assert result.exit_code == 2 and "version" in result.stderr and "bad.json" in result.stderr, result.stderr


def test_a_report_from_another_contentci_version_is_refused(run, tmp_path, shard):
    bad = copy.deepcopy(shard)
    bad["tool"]["version"] = "0.0.1"
    result = _merge_bad(run, tmp_path, bad)
    assert result.exit_code == 2
    assert "tool.version" in result.stderr and "0.0.1" in result.stderr and __version__ in result.stderr


def test_unknown_top_level_keys_and_bad_counts_are_refused(run, tmp_path, shard):
    for change, named in (
        ({"extra": 1}, "extra"),
        ({"summary": dict(shard["summary"], errors=-1)}, "summary.errors"),
        ({"errors": [1]}, "errors[0]"),
    ):
        result = _merge_bad(run, tmp_path, dict(shard, **change))
        assert result.exit_code == 2 and named in result.stderr, (named, result.stderr)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_device_as_a_shard_is_refused_without_hanging(run, tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    os.symlink("/dev/zero", tmp_path / "zero.json")
    for name in ("pipe.json", "zero.json"):
        result = run("merge", name)
        assert result.exit_code == 2 and name in result.stderr and "not a regular file" in result.stderr, result.stderr


def test_an_oversized_shard_is_refused_before_it_is_decoded(run, tmp_path, monkeypatch):
    from contentci.output import merge

    monkeypatch.setattr(merge, "REPORT_LIMIT", 1024)
    (tmp_path / "big.json").write_text(json.dumps({"files": ["x" * 2048]}))
    result = run("merge", "big.json")
    assert result.exit_code == 2 and "big.json" in result.stderr and "limit" in result.stderr, result.stderr
