import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentci.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "stem-cell-autoimmune.md"


class Result:
    def __init__(self, result):
        self.exit_code = result.exit_code
        self.output = result.stdout
        self.stderr = result.stderr

    @property
    def json(self):
        return json.loads(self.output)

    def rules(self, path=None):
        data = self.json
        return [d["rule"] for f in data["files"] if path is None or f["path"] == path for d in f["diagnostics"]]


@pytest.fixture
def run(monkeypatch, tmp_path):
    """Run the CLI in-process; the working folder is tmp_path unless cwd= is given."""

    def _run(*args, cwd=None, env=None):
        monkeypatch.chdir(cwd or tmp_path)
        runner = CliRunner()
        return Result(runner.invoke(cli, list(args), env=env or {}, catch_exceptions=False))

    return _run


def source_at(path: Path, line: int, column: int, length: int) -> str:
    """The text at a 1-based line:column of a file (columns in code points)."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.split("\n")
    return lines[line - 1][column - 1 : column - 1 + length]


@pytest.fixture(autouse=True)
def no_github_step_summary(monkeypatch):
    """Under GitHub Actions every `check` appends to the job summary; tests must not add theirs."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
