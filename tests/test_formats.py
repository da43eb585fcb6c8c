"""Output formats: GitHub annotations (and their safety), SARIF, JUnit, job summary, extra outputs."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from ci_fixtures import run  # noqa: F401  (readability and contentci rules only)
from conftest import SEED

from contentci.core import registry
from contentci.core.diagnostic import Diagnostic, Severity
from contentci.core.result import FileResult, Report
from contentci.output.formats import FORMATS, github, render, summary

SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"
GOOD = "Max is a big dog. He likes to run. He can catch a ball and bring it back.\n"
HOSTILE_NAME = "evil\n::add-mask::leak, x:y %25 ##[set-env name=A]b.md"
HOSTILE_TEXT = (
    "Stem cells::add-mask::secretvalue are ::set-env name=FOO::bar and %0A::error::pwned and "
    "##[add-mask]hidden plus significantly revolutionary immunomodulatory therapeutic interventions.\n"
    "::stop-commands::pwnedtoken\n"
    "  ::add-mask::indented\r\n"
)
HOSTILE_MESSAGES = [
    "quotes ::add-mask::secretvalue from the text",
    "line one\n::set-env name=FOO::bar",
    "carriage\r::stop-commands::pwnedtoken",
    "literal %0A::error::pwned and %25 signs",
    "legacy ##[add-mask]hidden command",
    "  ::warning::leading spaces",
]

# -- what the GitHub Actions runner would read from a log ---------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice) ([A-Za-z]+=[^,:]*(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")


def runner_lines(output: str) -> list[str]:
    """Lines as the runner reads them (.NET ReadLine: CR, LF or CRLF end a line)."""
    return re.split(r"\r\n|\r|\n", output)


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def workflow_commands(output: str) -> list[dict]:
    """Every workflow command in the output: ``::cmd ...::`` after leading spaces, or ``##[cmd]`` anywhere."""
    found = []
    for line in runner_lines(output):
        stripped = line.lstrip()
        if stripped.startswith("::") and stripped.find("::", 2) > 0:
            m = ANNOTATION.match(stripped)
            props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m else None
            found.append(
                {
                    "command": stripped[2:].split("::", 1)[0].split(" ", 1)[0],
                    "ours": bool(m) and stripped == line,
                    "properties": {k: unescape_property(v) for k, v in props.items()} if props else {},
                    "data": unescape_data(m.group(3)) if m else None,
                }
            )
        if "##[" in line:
            found.append({"command": "legacy " + line[line.index("##[") :], "ours": False})
    return found


def neutral(text: str) -> str:
    """What survives of text in an annotation: the legacy ``##[`` prefix is broken up, the rest kept."""
    return text.replace("##[", "#%23[")


def assert_only_our_annotations(output: str) -> list[dict]:
    commands = workflow_commands(output)
    for c in commands:
        assert c["ours"] and c["command"] in ("error", "warning", "notice"), f"injected command: {c}"
    for line in runner_lines(output):
        for injected in ("::add-mask::", "::set-env", "::stop-commands::", "::error::pwned", "::warning::leading"):
            assert not line.lstrip().startswith(injected), line
    return commands


def report_of(*files: tuple[str, list[Diagnostic]]) -> Report:
    return Report([FileResult(path, diags) for path, diags in files])


def diag(
    rule="readability/hard-sentence",
    severity="warning",
    message="Hard sentence",
    line=1,
    col=1,
    end_line=None,
    end_col=5,
    **kw,
):
    return Diagnostic(rule, Severity(severity), message, line, col, end_line or line, end_col, **kw)


# -- github ----------------------------------------------------------------------------


def test_github_annotation_has_escaped_properties_and_message(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run("check", "--format", "github", "seed.md")
    assert result.exit_code == 1
    commands = assert_only_our_annotations(result.output)
    first = commands[0]
    assert first["command"] == "error"
    assert first["properties"] == {
        "file": "seed.md",
        "line": "1",
        "col": "1",
        "endLine": "1",
        "endColumn": "66",
        "title": "contentci readability/grade-level",
    }
    assert "30% long words" in first["data"] and "\nSuggestion: " in first["data"]
    assert [c["command"] for c in commands].count("warning") == 5


def test_hostile_article_and_file_name_cannot_inject_commands(run, tmp_path):
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE_TEXT)
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run("check", "--format", "github", ".")
    output = result.output + result.stderr
    commands = assert_only_our_annotations(output)
    hostile = [c for c in commands if c["properties"]["file"] == neutral(HOSTILE_NAME)]
    assert hostile, "the hostile file is still reported, under its real name"
    assert "secretvalue" in hostile[0]["data"]


def test_hostile_messages_are_reported_as_data():
    report = report_of((HOSTILE_NAME, [diag(message=m, line=n + 1) for n, m in enumerate(HOSTILE_MESSAGES)]))
    output = github.render(report)
    commands = assert_only_our_annotations(output)
    assert len(commands) == len(HOSTILE_MESSAGES)
    for command, message in zip(commands, HOSTILE_MESSAGES):
        assert command["properties"]["file"] == neutral(HOSTILE_NAME)
        assert command["data"] == neutral(message)


def test_github_cuts_after_ten_per_level_and_says_so():
    diags = [diag(line=n, message=f"finding {n} ::add-mask::x") for n in range(1, 14)]
    diags += [diag(severity="error", line=n, message="bad") for n in range(20, 23)]
    output = github.render(report_of(("a.md", diags)))
    commands = assert_only_our_annotations(output)
    assert [c["command"] for c in commands].count("warning") == 10
    assert [c["command"] for c in commands].count("error") == 3
    assert "contentci: 3 more findings not shown as annotations" in output
    assert "contentci: a.md:13:1: warning readability/hard-sentence finding 13 ::add-mask::x" in output


def test_multi_line_annotation_drops_columns():
    line = github.annotation("warning", "a.md", diag(line=2, col=4, end_line=3, end_col=2))
    assert line.startswith("::warning file=a.md,line=2,endLine=3,title=")


# -- sarif -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text())
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_sarif_validates_and_carries_rule_metadata(run, tmp_path, sarif_validator):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "seed article.md").write_bytes(SEED.read_bytes())
    (tmp_path / "good.md").write_text(GOOD)
    result = run("check", "--format", "sarif", ".")
    assert result.exit_code == 1
    data = json.loads(result.output)
    errors = sorted(sarif_validator.iter_errors(data), key=str)
    assert not errors, errors[0]
    run_ = data["runs"][0]
    assert data["version"] == "2.1.0"
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    grade = rules["readability/grade-level"]
    doc = registry.rules()["readability/grade-level"].doc
    assert grade["shortDescription"]["text"] == doc.splitlines()[0]
    assert grade["fullDescription"]["text"] == doc
    assert grade["defaultConfiguration"]["level"] == "error"
    assert grade["helpUri"].endswith("#rules")
    import tomllib

    repository = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    assert grade["helpUri"] == repository + "#rules"  # from the metadata (project_url), one source
    assert run_["tool"]["driver"]["informationUri"].startswith(repository)
    assert rules["readability/hard-sentence"]["defaultConfiguration"]["level"] == "warning"
    first = run_["results"][0]
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "docs/seed%20article.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 1 and loc["region"]["startColumn"] == 1
    assert run_["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == first["ruleId"] == "readability/grade-level"
    assert first["level"] == "error" and first["partialFingerprints"]["contentci/v1"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_sarif_of_hostile_and_dynamic_ids_still_validates(sarif_validator):
    report = report_of(
        (HOSTILE_NAME, [diag(message=m) for m in HOSTILE_MESSAGES]),
        ("/abs/outside.md", [diag(rule="grammar/MORFOLOGIK_RULE_EN_US", line=3, col=2, end_col=2)]),
    )
    data = json.loads(render("sarif", report))
    assert not list(sarif_validator.iter_errors(data))
    results = data["runs"][0]["results"]
    assert results[0]["message"]["text"] == HOSTILE_MESSAGES[0]
    assert results[-1]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///abs/outside.md"}
    ids = [r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]]
    assert "grammar/MORFOLOGIK_RULE_EN_US" in ids


# -- junit -----------------------------------------------------------------------------


def test_junit_one_case_per_file_failures_list_findings(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / "good.md").write_text(GOOD)
    result = run("check", "--format", "junit", ".")
    root = ET.fromstring(result.output.encode())
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"good.md", "seed.md"}
    assert cases["good.md"].find("failure") is None
    failure = cases["seed.md"].find("failure")
    assert failure.get("message") == "1 finding (1 error)"
    assert failure.text.startswith("seed.md:1:1: error readability/grade-level")
    assert "readability/hard-sentence" in cases["seed.md"].find("system-out").text
    assert root.get("tests") == "2" and root.get("failures") == "1"
    warn = ET.fromstring(run("check", "--format", "junit", "--fail-on", "warning", ".").output.encode())
    seed_failure = next(c for c in warn.iter("testcase") if c.get("name") == "seed.md").find("failure")
    assert seed_failure.get("message") == "6 findings (1 error, 5 warning)"


def test_junit_survives_control_characters():
    report = report_of(("a\x01.md", [diag(message="bell \x07 and \x1b[31m")]))
    root = ET.fromstring(render("junit", report).encode())
    assert root.find(".//failure") is None
    assert "bell \\x07 and \\x1b[31m" in root.find(".//system-out").text  # shown, not obeyed


# -- summary ---------------------------------------------------------------------------


def test_step_summary_written_when_env_set(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / "good.md").write_text(GOOD)
    step = tmp_path / "step-summary.md"
    step.write_text("# earlier step\n")
    result = run("check", "seed.md", "good.md", env={"GITHUB_STEP_SUMMARY": str(step)})
    assert result.exit_code == 1
    text = step.read_text()
    assert text.startswith("# earlier step\n## contentci")
    assert "❌ **1 error, 5 warnings, 0 infos in 2 files checked**" in text
    assert "| seed.md | 1 | 5 | 0 |" in text
    assert "| `readability/hard-sentence` | warning | 5 |" in text
    assert "good.md" not in text  # no findings: not among the worst articles


def test_summary_is_capped_below_one_mib_and_escapes_article_text():
    diags = [diag(message="<img src=x onerror=alert(1)> | **bold** " + "x" * 200, line=n) for n in range(1, 8001)]
    text = summary.render(report_of(("a|b.md", diags)))
    size = len(text.encode())
    assert 900 * 1024 < size < 1024 * 1024
    assert "more findings not listed" in text
    assert "<img" not in text and "&lt;img" in text and "a\\|b.md" in text


def test_step_summary_respects_what_earlier_steps_wrote(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    step = tmp_path / "step-summary.md"
    step.write_text("x" * (summary.LIMIT - 100))
    run("check", "seed.md", env={"GITHUB_STEP_SUMMARY": str(step)})
    assert step.stat().st_size == summary.LIMIT - 100  # no room left: nothing appended


# -- several outputs ---------------------------------------------------------------------


def test_output_format_writes_several_files_besides_stdout(run, tmp_path):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run(
        "check",
        "seed.md",
        "--output-format",
        "sarif=out/report.sarif",
        "--output-format",
        "junit=out/junit.xml",
        "--output-format",
        "json=report.json",
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 1
    assert result.output.startswith("seed.md:1:1: error readability/grade-level")
    assert json.loads((tmp_path / "out" / "report.sarif").read_text())["version"] == "2.1.0"
    assert ET.parse(tmp_path / "out" / "junit.xml").getroot().tag == "testsuites"
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["errors"] == 1


@pytest.mark.parametrize("spec, message", [("xml=out.xml", "unknown format 'xml'"), ("sarif", "expected FORMAT=PATH")])
def test_bad_output_format_is_a_clear_error(run, tmp_path, spec, message):
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = run("check", "seed.md", "--output-format", spec)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_format_choices_come_from_formats(run):
    help_text = run("check", "--help").output
    for name in FORMATS:
        assert name in help_text
    assert set(FORMATS) >= {"text", "json", "github", "sarif", "junit", "summary"}
