"""LanguageTool provisioning and server lifecycle: real JVMs, and none left behind."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from lt_support import our_jvms, private_home

ROOT = Path(__file__).resolve().parents[1]
TYPO = "Stem cell **therpy** is not proven.\n"


def wait_for(predicate, timeout: float, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


@pytest.fixture
def home(lt_install, tmp_path, monkeypatch):
    """A LanguageTool home of the test's own (no shared server in it), using the real jars."""
    h = private_home(lt_install, tmp_path / "lt-home")
    monkeypatch.setenv("CONTENTCI_LANGUAGETOOL_HOME", str(h))
    monkeypatch.setenv("CONTENTCI_GRAMMAR", "on")
    yield h
    for pid in our_jvms(h):  # a failing test must not leak either
        os.kill(pid, signal.SIGKILL)


def cli(*args, cwd, env_home):
    env = {
        **os.environ,
        "CONTENTCI_LANGUAGETOOL_HOME": str(env_home),
        "CONTENTCI_GRAMMAR": "on",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "contentci", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_check_starts_a_private_server_and_leaves_no_jvm(home, tmp_path):
    (tmp_path / "a.md").write_text(TYPO)
    proc = cli("check", "a.md", "--select", "grammar", "--format", "json", cwd=tmp_path, env_home=home)
    out, err = proc.communicate(timeout=300)
    diagnostics = json.loads(out)["files"][0]["diagnostics"]
    assert [(d["rule"], d["line"], d["column"]) for d in diagnostics] == [("grammar/MORFOLOGIK_RULE_EN_US", 1, 13)], err
    assert our_jvms(home) == set(), "check left a LanguageTool JVM running"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_jvm_survives_an_interrupted_or_killed_check(home, tmp_path, sig):
    (tmp_path / "a.md").write_text(TYPO)
    proc = cli("check", "a.md", "--select", "grammar", cwd=tmp_path, env_home=home)
    try:
        assert wait_for(lambda: our_jvms(home), 120), "the check never started a JVM"
        proc.send_signal(sig)
        proc.communicate(timeout=60)
        assert proc.returncode != 0
        # SIGKILL gives no chance to clean up: the watchdog notices within a second or two.
        assert wait_for(lambda: not our_jvms(home), 20), f"a JVM outlived the check after signal {sig}"
    finally:
        if proc.poll() is None:
            proc.kill()


def test_busy_port_is_skipped_and_the_shared_server_is_reused(run, home, tmp_path):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    busy = blocker.getsockname()[1]
    try:
        started = run("languagetool", "start", "--port", str(busy), "--xmx", "512m")
        assert started.exit_code == 0, started.stderr
        assert "running at http://127.0.0.1:" in started.output and f":{busy} " not in started.output
        pids = our_jvms(home)
        assert len(pids) == 1
        assert "-Xmx512m" in psutil.Process(next(iter(pids))).cmdline()
        status = run("languagetool", "status", "--json")
        assert status.exit_code == 0 and status.json["running"] is True
        assert status.json["xmx"] == "512m" and not status.json["url"].endswith(f":{busy}")
        # A check now uses the running server: findings, and no second JVM.
        (tmp_path / "a.md").write_text(TYPO)
        result = run("check", "a.md", "--select", "grammar", "--format", "json")
        assert [d["column"] for d in result.json["files"][0]["diagnostics"]] == [13]
        assert our_jvms(home) == pids
        assert run("languagetool", "start").output.startswith("LanguageTool already running")
        stopped = run("languagetool", "stop")
        assert stopped.exit_code == 0 and "stopped" in stopped.output
        assert wait_for(lambda: not our_jvms(home), 15)
        assert run("languagetool", "status").exit_code == 1
    finally:
        blocker.close()


def test_a_killed_private_server_is_restarted_once(home):
    from contentci.document.parse import parse
    from contentci.services.languagetool.cache import ParagraphCache
    from contentci.services.languagetool.service import GrammarService

    service = GrammarService({}, ParagraphCache(enabled=False))
    try:
        first = service.matches(parse("a.md", b"One **mistaek** here.\n"), language="en-US", picky=False)
        assert [m.rule for _, ms in first for m in ms] == ["MORFOLOGIK_RULE_EN_US"]
        (jvm,) = our_jvms(home)
        os.kill(jvm, signal.SIGKILL)
        wait_for(lambda: not our_jvms(home), 10)
        second = service.matches(parse("b.md", b"Another typoo.\n"), language="en-US", picky=False)
        assert [(m.start, m.rule) for _, ms in second for m in ms] == [(8, "MORFOLOGIK_RULE_EN_US")]
        assert service.failure is None and len(our_jvms(home)) == 1
    finally:
        service.close()
    assert wait_for(lambda: not our_jvms(home), 15)


def test_install_verifies_checksums(tmp_path):
    from contentci.services.languagetool.install import verify

    (tmp_path / "lib").mkdir()
    jar = tmp_path / "lib" / "a.jar"
    jar.write_bytes(b"jar bytes")
    import hashlib

    (tmp_path / "SHA256SUMS").write_text(f"{hashlib.sha256(b'jar bytes').hexdigest()}  lib/a.jar\n")
    assert verify(tmp_path) == []
    jar.write_bytes(b"tampered")
    assert verify(tmp_path) == ["lib/a.jar does not match its checksum"]
    (tmp_path / "lib" / "b.jar").write_bytes(b"extra")
    assert "lib/b.jar is not in SHA256SUMS" in verify(tmp_path)


def test_install_says_what_is_missing(run, tmp_path):
    env = {"CONTENTCI_LANGUAGETOOL_HOME": str(tmp_path / "home"), "JAVA_HOME": ""}
    no_java = run("languagetool", "install", env={**env, "PATH": str(tmp_path / "empty")})
    assert no_java.exit_code == 2 and "Java was not found" in no_java.stderr and "Java 17" in no_java.stderr
    only_java = tmp_path / "bin"
    only_java.mkdir()
    java = subprocess.run(["sh", "-c", "command -v java"], capture_output=True, text=True).stdout.strip()
    (only_java / "java").symlink_to(os.path.realpath(java))
    no_maven = run("languagetool", "install", env={**env, "PATH": str(only_java)})
    assert no_maven.exit_code == 2 and "Maven (`mvn`) was not found" in no_maven.stderr
    assert "Traceback" not in no_java.stderr + no_maven.stderr


def test_a_damaged_install_is_reported_not_started(run, home, tmp_path):
    sums = home / "6.7" / "SHA256SUMS"
    lines = sums.read_text().splitlines()
    sums.write_text("\n".join(["0" * 64 + lines[0][64:]] + lines[1:]) + "\n")
    (tmp_path / "a.md").write_text(TYPO)
    result = run("check", "a.md")
    assert "install --force" in result.stderr and "does not match its checksum" in result.stderr
    assert our_jvms(home) == set()
