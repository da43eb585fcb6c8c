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
def _grammar_isolation(request, monkeypatch, tmp_path_factory):
    """Grammar needs a LanguageTool server; only tests marked ``grammar`` get one (tests/test_grammar.py).

    Every other test runs with ``CONTENTCI_GRAMMAR=off`` so it neither starts a JVM nor depends
    on one, and every test gets its own result cache.
    """
    monkeypatch.setenv("CONTENTCI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    if request.node.get_closest_marker("grammar") is None:
        monkeypatch.setenv("CONTENTCI_GRAMMAR", "off")
