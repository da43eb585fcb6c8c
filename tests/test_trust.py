"""What a repository's config may and may not make contentci do (docs/hardening.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEED

JAVA_SHIM = """#!/bin/sh
# Answers -version like Java 17; any other start records its arguments and fails.
if [ "$1" = "-version" ]; then echo 'openjdk version "17.0.9" 2023-10-17' >&2; exit 0; fi
printf '%s\\n' "$@" > "{argv}"
exit 1
"""


def _fake_java(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    argv = tmp_path / "java-argv.txt"
    java = home / "bin" / "java"
    java.write_text(JAVA_SHIM.format(argv=argv))
    java.chmod(0o755)
    return home, argv


def _check(folder: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k != "CONTENTCI_LANGUAGETOOL_URL"}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "contentci", "check", "--format", "json", "--no-cache", *args, "."],
        cwd=folder,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_repository_java_options_never_reach_the_jvm(tmp_path, lt_install):
    marker = tmp_path / "ran"
    (tmp_path / "repo").mkdir()
    repo = tmp_path / "repo"
    shutil.copy(SEED, repo / "seed.md")
    (repo / ".contentci.toml").write_text(
        f'[languagetool]\njava_options = ["-XX:OnOutOfMemoryError=touch {marker}", "-javaagent:/tmp/evil.jar"]\n'
    )
    home, argv = _fake_java(tmp_path)
    proc = _check(repo, {"CONTENTCI_GRAMMAR": "on", "JAVA_HOME": str(home)})
    assert proc.returncode == 1, proc.stderr  # the seed's findings; grammar could not start
    started = argv.read_text().split("\n")
    assert not any("OnOutOfMemoryError" in a or "javaagent" in a for a in started)
    assert "-XX:+UseSerialGC" in started  # the defaults, as without the key
    assert not marker.exists()
    assert ".contentci.toml: languagetool.java_options is ignored" in proc.stderr
    assert "CONTENTCI_JAVA_OPTIONS" in proc.stderr


def test_java_options_come_from_the_environment(tmp_path, lt_install):
    shutil.copy(SEED, tmp_path / "seed.md")
    home, argv = _fake_java(tmp_path)
    proc = _check(
        tmp_path,
        {"CONTENTCI_GRAMMAR": "on", "JAVA_HOME": str(home), "CONTENTCI_JAVA_OPTIONS": "-Xss2m '-Dname=a b'"},
    )
    assert proc.returncode == 1, proc.stderr
    started = argv.read_text().split("\n")
    assert "-Xss2m" in started and "-Dname=a b" in started
    assert "-XX:+UseSerialGC" not in started
    assert "is ignored" not in proc.stderr


def test_heap_size_is_only_a_heap_size(tmp_path):
    shutil.copy(SEED, tmp_path / "seed.md")
    for value, said in (
        ("1g -XX:OnOutOfMemoryError=id", "is not a heap size"),
        ("1m", "too small"),
        ("lots", "is not a heap size"),
    ):
        (tmp_path / ".contentci.toml").write_text(f'[languagetool]\nxmx = "{value}"\n')
        proc = _check(tmp_path, {})
        assert proc.returncode == 2
        assert "languagetool.xmx" in proc.stderr and said in proc.stderr
        assert proc.stdout == ""
