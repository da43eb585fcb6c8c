import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentci.cli.main import cli

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "stem-cell-autoimmune.md"
# A git identity and no user or system config, for tests that make repositories.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


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
def _grammar_isolation(monkeypatch, tmp_path_factory):
    """Grammar needs a LanguageTool server: only tests that ask for ``grammar_env`` (or set
    ``CONTENTCI_GRAMMAR`` themselves) get one; every other test runs with grammar off, so it
    neither starts a JVM nor depends on one. Every test gets its own result cache.
    """
    monkeypatch.setenv("CONTENTCI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("CONTENTCI_GRAMMAR", "off")
    monkeypatch.delenv("CONTENTCI_LANGUAGETOOL_URL", raising=False)


@pytest.fixture(scope="session")
def lt_install():
    """The provisioned LanguageTool install (scripts/provision); installed here if missing.

    Fails (never skips) when LanguageTool cannot be provisioned: grammar is a real feature.
    """
    from contentci.core.errors import ContentciError
    from contentci.services.languagetool import install

    try:
        return install.install(say=lambda s: print(s))
    except ContentciError as exc:
        pytest.fail(f"LanguageTool could not be provisioned (run scripts/provision): {exc}")


@pytest.fixture(scope="session")
def lt_server(lt_install):
    """A real LanguageTool server for the whole test session, stopped at its end."""
    from contentci.services.languagetool import server

    srv = server.start(shared=False, port=None)
    yield srv
    server.stop(srv)


@pytest.fixture
def grammar_env(lt_server, monkeypatch):
    """Grammar on, pointed at the session's server (as a CI service container would be)."""
    monkeypatch.setenv("CONTENTCI_GRAMMAR", "on")
    monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_URL", lt_server.url)
    return lt_server


@pytest.fixture(autouse=True)
def no_github_step_summary(monkeypatch):
    """Under GitHub Actions every `check` appends to the job summary; tests must not add theirs."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
