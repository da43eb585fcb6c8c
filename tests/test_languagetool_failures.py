"""A broken LanguageTool never costs the run: offline findings and every output file are still
written, grammar is reported as not checked, and a dying server is started at most twice."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lt_support import FakeLanguageTool, private_home

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).parent / "fixtures" / "stem-cell-autoimmune.md"
FILES = 8
RUN_TIMEOUT = 120  # seconds; a run that hangs on a server fails here instead of hanging the suite


def cli(*args, cwd, env=None):
    """The real command line in a subprocess (a hang must not hang the test session)."""
    full = {**os.environ, "CONTENTCI_GRAMMAR": "on", "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "contentci", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


@pytest.fixture
def articles(tmp_path):
    """Eight copies of the seed article (each has disclaimer and readability findings)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for n in range(FILES):
        # a paragraph of its own, so no file's grammar is all in the paragraph cache after the first
        (folder / f"article-{n}.md").write_text(f"{text}\nThis is copy number {n}.\n", encoding="utf-8")
    return folder


def offline(articles, *extra):
    """The same run without grammar: what a degraded run must still write, exactly."""
    result = cli("check", ".", "--format", "json", "--no-cache", *extra, cwd=articles, env={"CONTENTCI_GRAMMAR": "off"})
    assert result.returncode in (0, 1), result.stderr
    return result


def notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "not checked" in line]


@pytest.mark.parametrize("later", ["hang_up", "error_500"])
def test_a_server_that_dies_after_one_answer_keeps_every_offline_finding_and_output(articles, later):
    fake = FakeLanguageTool(lambda n, h: FakeLanguageTool.answer(h) if n == 1 else getattr(FakeLanguageTool, later)(h))
    try:
        env = {"CONTENTCI_LANGUAGETOOL_URL": fake.url}
        args = ("check", ".", "--format", "json", "--no-cache", "--output-format", "json=report.json")
        result = cli(*args, "--output-format", "junit=report.xml", cwd=articles, env=env)
    finally:
        fake.close()
    expected = offline(articles)
    data = json.loads(result.stdout)
    # Every file, with exactly the findings of a run without grammar (the first file's grammar
    # answer had no matches).
    assert data["files"] == json.loads(expected.stdout)["files"]
    rules = {d["rule"] for f in data["files"] for d in f["diagnostics"]}
    assert {"disclaimer/medical-advice", "readability/grade-level"} <= rules
    assert len(data["files"]) == FILES
    assert "LanguageTool stopped answering" in data["not_checked"]["grammar"]
    assert json.loads((articles / "report.json").read_text()) == data
    assert "<testsuite" in (articles / "report.xml").read_text()
    (notice,) = notices(result.stderr)
    assert notice.startswith(f"contentci: grammar not checked in {FILES - 1} of {FILES} files: LanguageTool stopped")
    assert result.returncode == expected.returncode  # not checked is a warning: the findings decide
    assert fake.checks == 2  # a remote server is not asked again once it failed


def test_required_or_selected_grammar_not_checked_exits_2_after_writing_everything(articles):
    fake = FakeLanguageTool(lambda n, h: FakeLanguageTool.answer(h) if n == 1 else FakeLanguageTool.hang_up(h))
    try:
        env = {"CONTENTCI_LANGUAGETOOL_URL": fake.url}
        required = cli(
            "check", ".", "--format", "json", "--require-grammar", "--output-format", "json=required.json",
            cwd=articles, env=env,
        )  # fmt: skip
        selected = cli(
            "check", ".", "--format", "json", "--select", "grammar,disclaimer", "--output-format", "json=selected.json",
            cwd=articles, env=env,
        )  # fmt: skip
    finally:
        fake.close()
    expected = json.loads(offline(articles).stdout)
    assert required.returncode == 2
    assert json.loads(required.stdout)["files"] == expected["files"]
    assert json.loads((articles / "required.json").read_text())["not_checked"]["grammar"]
    assert "contentci: error: grammar is required but was not checked in 7 of 8 files" in required.stderr
    assert "Traceback" not in required.stderr
    assert selected.returncode == 2
    kept = json.loads(selected.stdout)
    assert all(d["rule"].startswith("disclaimer/") for f in kept["files"] for d in f["diagnostics"])
    assert {d["rule"] for f in kept["files"] for d in f["diagnostics"]} == {
        "disclaimer/medical-advice",
        "disclaimer/regulatory-status",
    }
    assert (articles / "selected.json").exists()
    assert "grammar is required but was not checked" in selected.stderr


def test_merging_shard_reports_keeps_the_not_checked_marker(articles):
    fake = FakeLanguageTool(lambda n, h: FakeLanguageTool.hang_up(h))
    try:
        env = {"CONTENTCI_LANGUAGETOOL_URL": fake.url}
        cli("check", ".", "--shard", "1/2", "--output-format", "json=one.json", cwd=articles, env=env)
    finally:
        fake.close()
    offline_env = {"CONTENTCI_GRAMMAR": "off"}
    cli("check", ".", "--shard", "2/2", "--output-format", "json=two.json", cwd=articles, env=offline_env)
    merged = cli("merge", "one.json", "two.json", "--format", "json", cwd=articles)
    data = json.loads(merged.stdout)
    assert len(data["files"]) == FILES
    assert "LanguageTool stopped answering" in data["not_checked"]["grammar"]


@pytest.mark.parametrize("behaviour", ["declared_huge", "endless"])
def test_an_answer_over_the_size_limit_is_a_failed_request_not_read_whole(articles, behaviour):
    for extra in list(articles.iterdir())[1:]:
        extra.unlink()
    fake = FakeLanguageTool(lambda n, h: getattr(fake, behaviour)(h))
    try:
        result = cli("check", ".", "--format", "json", cwd=articles, env={"CONTENTCI_LANGUAGETOOL_URL": fake.url})
    finally:
        fake.close()
    data = json.loads(result.stdout)
    assert data["files"] == json.loads(offline(articles).stdout)["files"]
    assert "byte limit" in data["not_checked"]["grammar"]
    (notice,) = notices(result.stderr)
    assert "byte limit" in notice and result.returncode == 1


def test_a_server_trickling_its_answer_is_cut_off_by_the_request_deadline(articles):
    for extra in list(articles.iterdir())[1:]:
        extra.unlink()
    (articles / ".contentci.toml").write_text("[languagetool]\ntimeout = 2\n")
    fake = FakeLanguageTool(lambda n, h: fake.trickle(h))
    try:
        # Without an overall deadline this run takes ~7 minutes (each byte beats the 2 s read timeout).
        result = cli("check", ".", "--format", "json", cwd=articles, env={"CONTENTCI_LANGUAGETOOL_URL": fake.url})
    finally:
        fake.close()
    data = json.loads(result.stdout)
    assert data["files"] == json.loads(offline(articles).stdout)["files"]
    assert "no complete answer within 2 s" in data["not_checked"]["grammar"]
    assert result.returncode == 1


def test_garbage_answers_degrade_like_a_dead_server(articles):
    for extra in list(articles.iterdir())[2:]:
        extra.unlink()
    garbage = [b"<html>busy</html>", b'{"matches": [{"offset": "x"}]}']
    fake = FakeLanguageTool(lambda n, h: FakeLanguageTool.answer(h, garbage[min(n, 2) - 1]))
    try:
        result = cli("check", ".", "--format", "json", cwd=articles, env={"CONTENTCI_LANGUAGETOOL_URL": fake.url})
    finally:
        fake.close()
    data = json.loads(result.stdout)
    assert data["files"] == json.loads(offline(articles).stdout)["files"]  # no internal errors either
    assert "not JSON" in data["not_checked"]["grammar"]
    assert result.returncode == 1


# -- the restart cap, with a fake java -------------------------------------------------------

FAKE_JAVA = r'''#!{python}
"""Stands in for java: reports version 17; as a server, logs its start, then fails as $FAKE_JAVA_MODE says."""
import http.server, os, sys

if "-version" in sys.argv:
    sys.stderr.write('openjdk version "17.0.9" 2023-10-17\n')
    sys.exit(0)
with open(os.environ["FAKE_JAVA_LOG"], "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\n")
mode = os.environ["FAKE_JAVA_MODE"]
if mode == "exit":
    sys.exit(1)
port = int(sys.argv[sys.argv.index("--port") + 1])
answered = [0]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"[]")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        # "warmup": dies on its first check; "first": answers one check (the warm-up), then dies
        if mode == "warmup" or answered[0] >= 1:
            os._exit(3)
        answered[0] += 1
        body = b'{{"matches": []}}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
'''


@pytest.fixture
def fake_java(lt_install, tmp_path):
    """A LanguageTool home with the real (verified) jars, and a JAVA_HOME whose java is a fake."""
    home = private_home(lt_install, tmp_path / "lt-home")
    jdk = tmp_path / "jdk"
    (jdk / "bin").mkdir(parents=True)
    java = jdk / "bin" / "java"
    java.write_text(FAKE_JAVA.format(python=sys.executable))
    java.chmod(0o755)
    log = tmp_path / "java-starts.log"
    return {"CONTENTCI_LANGUAGETOOL_HOME": str(home), "JAVA_HOME": str(jdk), "FAKE_JAVA_LOG": str(log)}, log


@pytest.mark.parametrize("mode", ["exit", "warmup", "first"])
def test_a_dying_server_is_started_at_most_twice_per_run(tmp_path, fake_java, mode):
    env, log = fake_java
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"note-{n}.md").write_text(f"A short clean paragraph number {n}.\n")
    result = cli("check", ".", "--format", "json", "--output-format", "json=out.json", cwd=folder,
                 env={**env, "FAKE_JAVA_MODE": mode})  # fmt: skip
    starts = log.read_text().splitlines() if log.exists() else []
    assert 1 <= len(starts) <= 2, f"{len(starts)} LanguageTool starts for {FILES} files"
    assert all("org.languagetool.server.HTTPServer" in s for s in starts)
    data = json.loads(result.stdout)
    assert len(data["files"]) == FILES and data["not_checked"]["grammar"]
    assert (folder / "out.json").exists()
    (notice,) = notices(result.stderr)
    assert notice.startswith("contentci: grammar not checked: LanguageTool")
    assert result.returncode == 0, result.stderr  # clean files; grammar was not required


def test_a_slow_server_is_cut_off_by_the_run_deadline(articles):
    # Each answer takes 1.5 s, inside the per-request timeout, so only run_timeout stops the run
    # from taking FILES x 1.5 s; after it, the remaining files are reported as not checked.
    (articles / ".contentci.toml").write_text("[languagetool]\ntimeout = 30\nrun_timeout = 2\n")

    def slow(n, handler):
        time.sleep(1.5)
        FakeLanguageTool.answer(handler)

    fake = FakeLanguageTool(slow)
    env = {"CONTENTCI_LANGUAGETOOL_URL": fake.url}
    try:
        result = cli("check", ".", "--format", "json", "--jobs", "1", cwd=articles, env=env)
        checks = fake.checks
        required = cli("check", ".", "--jobs", "1", "--no-cache", "--require-grammar", cwd=articles, env=env)
    finally:
        fake.close()
    data = json.loads(result.stdout)
    assert data["files"] == json.loads(offline(articles).stdout)["files"]
    assert "languagetool.run_timeout = 2 s" in data["not_checked"]["grammar"]
    assert 1 <= checks <= 3  # not one per file
    (notice,) = notices(result.stderr)
    assert f"of {FILES} files" in notice
    assert result.returncode == 1
    assert required.returncode == 2 and "run_timeout" in required.stderr  # required, and not checked everywhere


def test_a_negative_run_timeout_is_a_config_error(articles):
    (articles / ".contentci.toml").write_text("[languagetool]\nrun_timeout = -1\n")
    result = cli("check", ".", cwd=articles, env={"CONTENTCI_GRAMMAR": "off"})
    assert result.returncode == 2 and "run_timeout" in result.stderr and "seconds" in result.stderr, result.stderr
