"""action.yml run as a runner runs it: every step in order, with a fake runner environment.

The fake runner reads action.yml with PyYAML and, step by step, evaluates ``if:`` and the
``${{ }}`` expressions in ``env:`` and ``with:`` from values the test supplies, runs each ``run:``
script with ``bash --noprofile --norc -eo pipefail`` (what ``shell: bash`` means) in a tmp
repository, with RUNNER_TEMP, GITHUB_OUTPUT (one file per step, read back into
``steps.<id>.outputs``), GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE in tmp folders, and stops at the
first failing step, as a composite action does. The expression evaluator knows only the forms
action.yml uses (``inputs.X``, ``github.X``, ``steps.ID.outputs.X``, and ``A == 'literal'`` joined
by ``&&`` in ``if:``) and refuses anything else, so a new expression form fails these tests
instead of being guessed at.

``uses:`` steps are simulated: setup-python answers with a Python, setup-java and cache are
recorded (cache restores what the test put in its store). The "Install contentci" step is run
for real once (pip-installing this checkout into a fresh venv); the other cases link
``$RUNNER_TEMP/contentci-venv`` to a venv that has this checkout installed in editable mode on
top of the test interpreter's packages, which takes seconds instead of a download.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import GIT_ENV, SEED

from contentci.services.languagetool import VERSION as LT_VERSION

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = ACTION["runs"]["steps"]
GOOD = "Max is a big dog. He likes to run. He can catch a ball and bring it back.\n"
HARD = (
    "Canine companions demonstrate considerable behavioural adaptability, particularly regarding "
    "unfamiliar environmental circumstances and unpredictable weather.\n"
)
WARNS = GOOD + "\n" + HARD  # a general article whose one finding is a hard sentence (a warning) on line 3

# -- the expression evaluator ------------------------------------------------------------

NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
REF = re.compile(rf"(inputs\.{NAME}|github\.{NAME}|steps\.{NAME}\.outputs\.{NAME})")
EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)
COMPARISON = re.compile(rf"^\s*{REF.pattern}\s*==\s*'([^']*)'\s*$")


class UnsupportedExpression(Exception):
    pass


@dataclass
class Context:
    inputs: dict[str, str]
    github: dict[str, str]
    steps: dict[str, dict[str, str]] = field(default_factory=dict)

    def value(self, ref: str) -> str:
        if not REF.fullmatch(ref):
            raise UnsupportedExpression(ref)
        kind, rest = ref.split(".", 1)
        if kind == "inputs":
            if rest not in ACTION["inputs"]:
                raise UnsupportedExpression(f"{ref}: not an input of action.yml")
            return self.inputs.get(rest, ACTION["inputs"][rest].get("default", ""))
        if kind == "github":
            if rest not in self.github:
                raise UnsupportedExpression(f"{ref}: the test gives no value for it")
            return self.github[rest]
        step, _, name = rest.split(".", 2)
        return self.steps.get(step, {}).get(name, "")  # GitHub: a missing output is ''

    def substitute(self, text: str) -> str:
        def one(m: re.Match) -> str:
            inner = m.group(1).strip()
            if not REF.fullmatch(inner):
                raise UnsupportedExpression(inner)
            return self.value(inner)

        return EXPR.sub(one, str(text))

    def condition(self, expression: str) -> bool:
        body = expression.strip()
        m = re.fullmatch(r"\$\{\{(.*)\}\}", body, re.S)
        if m:
            body = m.group(1)
        result = True
        for part in body.split("&&"):
            c = COMPARISON.match(part)
            if not c:
                raise UnsupportedExpression(part.strip())
            result &= self.value(c.group(1)).lower() == c.group(2).lower()  # GitHub compares strings without case
        return result


# -- the fake runner ---------------------------------------------------------------------


@dataclass
class Run:
    steps: list[tuple[str, str]]  # (step name, "ran" | "skipped" | "simulated" | "failed")
    outputs: dict[str, str]
    returncode: int  # the failing step's exit code, 0 when every step passed
    stdout: str
    stderr: str
    summary: str
    recorded: list[tuple[str, dict]]  # the `uses:` steps and their evaluated `with:`
    commands: list[list[str]]  # every contentci command line the steps ran

    def status(self, name: str) -> str:
        return dict(self.steps)[name]


class FakeRunner:
    def __init__(self, tmp: Path, *, python: str, venv: Path | None, path: str | None = None, cache=None):
        self.tmp = tmp
        self.workspace = tmp / "workspace"
        self.workspace.mkdir(parents=True, exist_ok=True)
        self.runner_temp = tmp / "runner-temp"
        self.runner_temp.mkdir(exist_ok=True)
        self.summary = tmp / "step-summary.md"
        self.python = python
        self.venv = venv  # None: run the real install step
        self.path = path
        self.cache = cache if cache is not None else {}  # key -> function(path) that restores it

    def env(self, step_env: dict[str, str], output: Path) -> dict[str, str]:
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("GITHUB_", "RUNNER_", "CONTENTCI_GRAMMAR", "CONTENTCI_LANGUAGETOOL", "JAVA_HOME"))
        }
        if self.path is not None:
            base["PATH"] = self.path
        return {
            **base,
            **GIT_ENV,
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "RUNNER_TEMP": str(self.runner_temp),
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            **step_env,
        }

    def simulate(self, step: dict, ctx: Context, recorded: list) -> dict[str, str]:
        uses = step["uses"]
        with_ = {k: ctx.substitute(v) for k, v in (step.get("with") or {}).items()}
        recorded.append((uses, with_))
        if uses.startswith("actions/setup-python@"):
            return {"python-path": self.python, "python-version": "3.11"}
        if uses.startswith("actions/setup-java@"):
            return {}
        if uses.startswith("actions/cache@"):
            restore = self.cache.get(with_["key"])
            if restore:
                restore(Path(with_["path"]))
            return {"cache-hit": "true" if restore else "false"}
        raise AssertionError(f"the fake runner cannot simulate {uses}")

    def run(self, inputs: dict[str, str], github: dict[str, str] | None = None) -> Run:
        ctx = Context(inputs, {"action_path": str(ROOT), "base_ref": "", **(github or {})})
        steps, recorded, out, err = [], [], [], []
        code = 0
        shim = self.runner_temp / "contentci-bin"
        shim.mkdir(exist_ok=True)
        log = self.tmp / "contentci-commands.jsonl"
        for index, step in enumerate(STEPS):
            name = step["name"]
            if code or ("if" in step and not ctx.condition(step["if"])):
                steps.append((name, "skipped"))
                continue
            if "uses" in step:
                ctx.steps[step.get("id", f"_{index}")] = self.simulate(step, ctx, recorded)
                steps.append((name, "simulated"))
                continue
            if name == "Install contentci" and self.venv is not None:
                (self.runner_temp / "contentci-venv").symlink_to(self.venv)
                steps.append((name, "simulated"))
                continue
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], f"{name}: inputs must reach scripts through env:, not ${{{{ }}}}"
            output = self.runner_temp / f"output-{index}"
            output.write_text("")
            env = self.env({k: ctx.substitute(v) for k, v in (step.get("env") or {}).items()}, output)
            env["CONTENTCI_ACTION_TEST_LOG"] = str(log)
            script = self.runner_temp / f"step-{index}.sh"
            script.write_text(step["run"])
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            out.append(result.stdout)
            err.append(result.stderr)
            values = {}
            for line in output.read_text().splitlines():
                assert "<<" not in line.split("=", 1)[0], "multi-line outputs are not simulated"
                key, _, value = line.partition("=")
                values[key] = value
            ctx.steps[step.get("id", f"_{index}")] = values
            steps.append((name, "ran" if result.returncode == 0 else "failed"))
            code = result.returncode
        outputs = {k: ctx.substitute(v["value"]) for k, v in ACTION["outputs"].items()}
        commands = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        summary = self.summary.read_text() if self.summary.exists() else ""
        return Run(steps, outputs, code, "".join(out), "".join(err), summary, recorded, commands)


# -- fixtures ----------------------------------------------------------------------------

LOGGER = """
import json, os, sys
from contentci.cli.main import main
log = os.environ.get("CONTENTCI_ACTION_TEST_LOG")
if log:
    with open(log, "a") as fh:
        fh.write(json.dumps(sys.argv[1:]) + "\\n")
sys.exit(main())
"""


@pytest.fixture(scope="module")
def dev_venv(tmp_path_factory):
    """A venv that imports this checkout over the test interpreter's packages: what the install
    step makes, in a second (the real step is run by one test below). Its ``contentci`` also logs its arguments,
    so tests can see exactly what the check step passed."""
    venv = tmp_path_factory.mktemp("dev") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(
        subprocess.run(
            [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # This checkout first, then the test interpreter's packages (not their .pth files, so an
    # editable install of another checkout there is not what gets imported).
    ours = [str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    (site / "zz-test-interpreter.pth").write_text("".join(p + "\n" for p in dict.fromkeys(ours)))
    script = venv / "bin" / "contentci"
    script.write_text(f"#!{venv / 'bin' / 'python'}\n{LOGGER}")
    script.chmod(0o755)
    found = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import contentci; print(contentci.__file__)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert found == str(ROOT / "contentci" / "__init__.py")
    return venv


@pytest.fixture
def runner(tmp_path, dev_venv):
    return FakeRunner(tmp_path, python=sys.executable, venv=dev_venv)


@pytest.fixture(scope="module")
def no_java_path(tmp_path_factory):
    """PATH as the test has it, minus java and Maven: a runner where setup-java did nothing."""
    folder = tmp_path_factory.mktemp("no-java-bin")
    for d in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(d):
            continue
        for entry in os.scandir(d):
            if entry.name in {"java", "javac", "mvn", "mvnDebug"} or (folder / entry.name).exists():
                continue
            if entry.is_file() and os.access(entry.path, os.X_OK):
                (folder / entry.name).symlink_to(entry.path)
    return str(folder)


def articles(runner: FakeRunner, **files: str) -> Path:
    for name, text in files.items():
        path = runner.workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return runner.workspace


def check_command(run: Run) -> list[str]:
    checks = [c for c in run.commands if c[:1] == ["check"]]
    assert len(checks) == 1, run.commands
    return checks[0]


def sarif_rules(path: Path) -> set[str]:
    return {r["ruleId"] for r in json.loads(path.read_text())["runs"][0]["results"]}


# -- the evaluator refuses what it does not know -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "${{ github.event.pull_request.head.sha }}",
        "${{ format('{0}', inputs.paths) }}",
        "${{ inputs.paths || 'content' }}",
        "${{ env.HOME }}",
        "${{ inputs.no-such-input }}",
    ],
)
def test_the_evaluator_refuses_other_expression_forms(text):
    with pytest.raises(UnsupportedExpression):
        Context({}, {}).substitute(text)


def test_the_evaluator_refuses_other_conditions():
    ctx = Context({"grammar": "TRUE"}, {})
    assert ctx.condition("inputs.grammar == 'true' && inputs.languagetool-url == ''")
    for expression in ("always()", "inputs.grammar != 'false'", "inputs.grammar == 'true' || inputs.version == ''"):
        with pytest.raises(UnsupportedExpression):
            ctx.condition(expression)


def test_every_expression_in_action_yml_is_one_the_evaluator_knows():
    ctx = Context({}, {"action_path": "/a", "base_ref": ""})
    for step in STEPS:
        for value in [*(step.get("env") or {}).values(), *(step.get("with") or {}).values()]:
            ctx.substitute(value)
        if "if" in step:
            ctx.condition(step["if"])
        assert "${{" not in step.get("run", ""), step["name"]  # scripts get inputs through env: only
    for output in ACTION["outputs"].values():
        ctx.substitute(output["value"])


# -- the action, end to end ----------------------------------------------------------------


def test_the_real_install_step_installs_this_checkout(tmp_path):
    """No shim: setup-python's Python, `python -m venv`, `pip install` of the action's folder."""
    runner = FakeRunner(tmp_path, python=sys.executable, venv=None)
    articles(runner, **{"good.md": GOOD})
    run = runner.run({"paths": "good.md", "sarif-file": ""})
    assert run.status("Install contentci") == "ran"
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.outputs == {"errors": "0", "warnings": "0", "sarif-file": ""}
    venv_python = runner.runner_temp / "contentci-venv" / "bin" / "python"
    where = subprocess.run(
        [str(venv_python), "-c", "import contentci; print(contentci.__file__)"],
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(runner.runner_temp / "contentci-venv"))
    assert "✅" in run.summary


def test_findings_set_outputs_annotations_summary_and_sarif(runner):
    articles(runner, **{"articles/seed.md": SEED.read_text(), "articles/good.md": GOOD})
    run = runner.run({"paths": "articles\n", "sarif-file": "out/contentci.sarif"})
    assert run.returncode == 1, run.stderr
    assert [s for s, status in run.steps if status == "skipped"] == [
        "Locate LanguageTool",
        "Set up Java for LanguageTool",
        "Cache LanguageTool",
        "Install LanguageTool",
    ]
    report = json.loads((runner.runner_temp / "contentci-report.json").read_text())["summary"]
    assert run.outputs["errors"] == str(report["errors"]) and int(report["errors"]) >= 1
    assert run.outputs["warnings"] == str(report["warnings"]) and int(report["warnings"]) >= 1
    assert run.outputs["sarif-file"] == "out/contentci.sarif"
    sarif = json.loads((runner.workspace / "out" / "contentci.sarif").read_text())
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(sarif)
    assert "\n::error file=articles/seed.md,line=1,col=1," in "\n" + run.stdout
    assert "❌" in run.summary and "| articles/seed.md | " in run.summary
    command = check_command(run)
    assert command[command.index("--ignore") + 1] == "grammar" and "--require-grammar" not in command


def test_clean_content_passes_and_fail_on_is_honoured(runner, tmp_path):
    articles(runner, **{"good.md": GOOD, "dog.md": WARNS})
    run = runner.run({"paths": "good.md", "sarif-file": ""})
    assert run.returncode == 0, run.stderr
    assert run.outputs == {"errors": "0", "warnings": "0", "sarif-file": ""}
    warn_only = FakeRunner(tmp_path / "b", python=sys.executable, venv=runner.venv)
    articles(warn_only, **{"dog.md": WARNS})
    result = warn_only.run({"paths": "dog.md"})
    assert result.returncode == 0 and result.outputs["errors"] == "0" and result.outputs["warnings"] == "1"
    assert result.stdout.startswith("::warning file=dog.md,line=3,col=1,")
    strict = FakeRunner(tmp_path / "c", python=sys.executable, venv=runner.venv)
    articles(strict, **{"dog.md": WARNS})
    assert strict.run({"paths": "dog.md", "fail-on": "warning"}).returncode == 1


def test_a_missing_path_fails_the_step_without_a_passing_summary(runner):
    articles(runner, **{"content/good.md": GOOD})
    run = runner.run({"paths": "contnet"})
    assert run.returncode == 2 and run.status("Check content") == "failed"
    assert "contnet: no such file or folder" in run.stderr
    assert "✅" not in run.summary and "❌" in run.summary
    assert "::error title=contentci::contentci could not check the content (exit 2)" in run.stdout
    assert run.outputs["errors"] == "0" and run.outputs["warnings"] == "0"


def test_an_empty_folder_fails_unless_args_allow_it(runner, tmp_path):
    (runner.workspace / "content").mkdir()
    run = runner.run({"paths": "content"})
    assert run.returncode == 2 and "no files to check" in run.stderr and "✅" not in run.summary
    allowed = FakeRunner(tmp_path / "b", python=sys.executable, venv=runner.venv)
    (allowed.workspace / "content").mkdir()
    run = allowed.run({"paths": "content", "args": "--allow-empty"})
    assert run.returncode == 0, run.stderr
    assert "--allow-empty" in check_command(run)


def test_a_config_error_fails_with_exit_2(runner):
    articles(runner, **{"good.md": GOOD})
    run = runner.run({"paths": "good.md", "config": "missing.toml"})
    assert run.returncode == 2 and "config file not found: missing.toml" in run.stderr
    assert run.outputs == {"errors": "0", "warnings": "0", "sarif-file": ""}


def test_args_reach_check(runner):
    articles(runner, **{"seed.md": SEED.read_text()})
    run = runner.run({"paths": "seed.md", "args": "--select readability"})
    command = check_command(run)
    assert command[command.index("--select") + 1] == "readability"
    rules = sarif_rules(runner.workspace / "contentci.sarif")
    assert rules and all(r.startswith("readability/") for r in rules), rules


def test_args_are_split_like_a_shell_but_never_evaluated(runner):
    articles(runner, **{"good.md": GOOD})
    hostile = "$(touch pwned1) `touch pwned2` ; touch pwned3 && touch pwned4 | touch pwned5 'a b' \"$HOME\""
    run = runner.run({"paths": "good.md", "args": hostile})
    assert not [p for p in runner.tmp.rglob("pwned*")], "args were executed"
    words = ["$(touch", "pwned1)", "`touch", "pwned2`", ";", "touch", "pwned3", "&&", "touch", "pwned4",
             "|", "touch", "pwned5", "a b", "$HOME"]
    command = check_command(run)
    end = command.index("--")
    assert command[end - len(words) : end] == words and command[end + 1 :] == ["good.md"]
    assert run.returncode == 2  # the words are unknown paths to check, not commands


def test_args_with_an_unclosed_quote_fail_clearly(runner):
    articles(runner, **{"good.md": GOOD})
    run = runner.run({"paths": "good.md", "args": "--select 'readability"})
    assert run.returncode == 2 and "args could not be split into words" in run.stdout
    assert not run.commands


def test_baseline_reaches_check(runner):
    articles(runner, **{"seed.md": SEED.read_text()})
    subprocess.run(
        [str(runner.venv / "bin" / "contentci"), "baseline", "seed.md", "-o", "baseline.json", "--ignore", "grammar"],
        cwd=runner.workspace,
        check=True,
        capture_output=True,
        env={**os.environ, "CONTENTCI_GRAMMAR": "off"},
    )
    run = runner.run({"paths": "seed.md", "baseline": "baseline.json"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.outputs["errors"] == "0" and run.outputs["warnings"] == "0"
    command = check_command(run)
    assert command[command.index("--baseline") + 1] == "baseline.json"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def test_diff_lines_uses_the_pull_requests_base(runner, tmp_path):
    repo = articles(runner, **{"dog.md": WARNS})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "dog.md")
    git(repo, "commit", "-qm", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # as actions/checkout fetches it
    git(repo, "checkout", "-qb", "feature")
    (repo / "dog.md").write_text(WARNS + "\n" + HARD.replace("Canine", "Domestic canine"))
    git(repo, "commit", "-qam", "another hard sentence")
    pr = {"base_ref": "main"}
    changed = runner.run({"changed-only": "true", "sarif-file": ""}, pr)
    assert changed.outputs["warnings"] == "2", changed.stderr
    assert check_command(changed)[check_command(changed).index("--base") + 1] == "origin/main"
    lines = FakeRunner(tmp_path / "b", python=sys.executable, venv=runner.venv)
    shutil.rmtree(lines.workspace)
    shutil.copytree(repo, lines.workspace, symlinks=True)
    run = lines.run({"diff-lines": "true", "sarif-file": ""}, pr)
    assert run.returncode == 0 and run.outputs["warnings"] == "1", run.stderr
    command = check_command(run)
    assert "--diff-lines" in command and command[command.index("--base") + 1] == "origin/main"


def test_min_quality_reaches_check_and_is_validated(runner, tmp_path):
    articles(runner, **{"seed.md": SEED.read_text()})
    run = runner.run({"paths": "seed.md", "min-quality": "5"})
    assert "quality/below-minimum" in sarif_rules(runner.workspace / "contentci.sarif")
    command = check_command(run)
    assert command[command.index("--min-quality") + 1] == "5"
    for bad in ("7", "0", "3.5", "high", "1 --select x"):
        other = FakeRunner(tmp_path / f"bad{bad.replace(' ', '_')}", python=sys.executable, venv=runner.venv)
        articles(other, **{"seed.md": SEED.read_text()})
        result = other.run({"paths": "seed.md", "min-quality": bad})
        assert result.returncode == 2 and "min-quality must be a whole number from 1 to 5" in result.stdout, bad
        assert not result.commands


def test_a_boolean_input_that_is_not_true_or_false_fails(runner):
    articles(runner, **{"good.md": GOOD})
    run = runner.run({"paths": "good.md", "grammar": "yes"})
    assert run.returncode == 2 and 'input grammar must be "true" or "false"' in run.stdout


# -- grammar: "true" is never a silent pass ------------------------------------------------


def test_grammar_without_java_or_a_url_fails_naming_languagetool(tmp_path, dev_venv, no_java_path):
    runner = FakeRunner(tmp_path, python=sys.executable, venv=dev_venv, path=no_java_path)
    articles(runner, **{"good.md": GOOD})
    run = runner.run({"paths": "good.md", "grammar": "true"})
    assert run.returncode != 0
    assert run.status("Install LanguageTool") == "failed" and run.status("Check content") == "skipped"
    assert "Java was not found" in run.stderr and "LanguageTool" in run.stderr
    assert '::error title=contentci::grammar is "true" but LanguageTool could not be installed' in run.stdout
    assert "✅" not in run.summary
    uses = dict(run.recorded)
    java = next(v for k, v in uses.items() if k.startswith("actions/setup-java@"))
    assert java == {"distribution": "temurin", "java-version": "17"}
    cache = next(v for k, v in uses.items() if k.startswith("actions/cache@"))
    assert cache["key"].startswith(f"contentci-languagetool-{LT_VERSION}-")
    assert cache["path"] == str(runner.runner_temp / "contentci-languagetool" / LT_VERSION)


def test_grammar_with_a_dead_server_url_fails_instead_of_passing(runner):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    articles(runner, **{"good.md": GOOD})
    run = runner.run({"paths": "good.md", "grammar": "true", "languagetool-url": f"http://127.0.0.1:{port}"})
    assert [s for s, status in run.steps if status == "skipped"] == [
        "Locate LanguageTool",
        "Set up Java for LanguageTool",
        "Cache LanguageTool",
        "Install LanguageTool",
    ]
    assert run.returncode == 2 and "grammar is required but was not checked" in run.stderr
    assert "--require-grammar" in check_command(run) and "✅" not in run.summary


def test_grammar_from_the_cached_languagetool_checks_grammar(tmp_path, dev_venv, lt_install):
    """A cache hit restores the LanguageTool folder; setup-java's Java (here the machine's) runs it."""
    from lt_support import private_home

    def restore(path: Path) -> None:
        private_home(lt_install, path.parent)

    key = None

    class Store(dict):
        def get(self, k, default=None):
            nonlocal key
            key = k
            return restore if k.startswith(f"contentci-languagetool-{LT_VERSION}-") else default

    runner = FakeRunner(tmp_path, python=sys.executable, venv=dev_venv, cache=Store())
    articles(runner, **{"dog.md": "Max is a big dog. He has a realy loud bark.\n"})
    run = runner.run({"paths": "dog.md", "grammar": "true", "sarif-file": "g.sarif"})
    assert key is not None
    assert run.status("Install LanguageTool") == "ran" and "installed and verified" in run.stderr
    assert run.returncode == 0, run.stdout + run.stderr
    assert any(r.startswith("grammar/") for r in sarif_rules(runner.workspace / "g.sarif"))
    assert int(run.outputs["warnings"]) >= 1


def fake_reviewdog(tmp_path: Path) -> str:
    """A PATH whose `reviewdog` records its arguments and the rdjson it was given."""
    folder = tmp_path / "reviewdog-bin"
    folder.mkdir()
    script = folder / "reviewdog"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{tmp_path}/reviewdog-args"\n'
        f'cat > "{tmp_path}/reviewdog-input.json"\n'
        f'printf "%s" "$REVIEWDOG_GITHUB_API_TOKEN" > "{tmp_path}/reviewdog-token"\n'
    )
    script.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def test_reviewdog_mode_feeds_reviewdog_the_rdjson_with_suggestions(tmp_path, dev_venv):
    runner = FakeRunner(tmp_path, python=sys.executable, venv=dev_venv, path=fake_reviewdog(tmp_path))
    articles(runner, **{"seed.md": SEED.read_text()})
    run = runner.run({"paths": "seed.md", "reviewdog": "true", "github-token": "t0ken"})
    assert run.returncode == 1  # the findings fail the step as without reviewdog
    args = (tmp_path / "reviewdog-args").read_text().split("\n")
    assert "-f=rdjson" in args and "-reporter=github-pr-review" in args and "-filter-mode=added" in args
    assert (tmp_path / "reviewdog-token").read_text() == "t0ken"
    fed = json.loads((tmp_path / "reviewdog-input.json").read_text())
    schema = json.loads((ROOT / "tests" / "fixtures" / "rdjson-DiagnosticResult.jsonschema").read_text())
    jsonschema.validate(fed, schema)
    hype = [d for d in fed["diagnostics"] if d["code"]["value"] == "claims/hype"]
    assert hype and hype[0]["suggestions"][0]["text"] == "new"  # "revolutionary" -> "new", a suggested change
    assert hype[0]["location"]["path"] == "seed.md"


def test_reviewdog_mode_without_reviewdog_fails_instead_of_skipping(runner):
    articles(runner, **{"good.md": GOOD})
    path = os.pathsep.join(d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "reviewdog").exists())
    runner.path = path
    run = runner.run({"paths": "good.md", "reviewdog": "true"})
    assert run.returncode == 2
    assert "reviewdog is not on PATH" in run.stdout + run.stderr
