"""Releases: one version source, a tag check in release.yml, and a wheel that works once installed.

The wheel is built from this checkout (as ``python -m build`` does in release.yml), checked with
``twine check --strict``, and installed into a fresh venv that gets its dependencies from the test
interpreter's packages (so the test needs no download) but imports contentci from the wheel.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import SEED

import contentci

ROOT = Path(__file__).resolve().parents[1]
RELEASE = ROOT / ".github" / "workflows" / "release.yml"


def test_the_version_is_written_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "contentci.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", contentci.__version__)


def test_release_workflow_builds_checks_the_tag_and_publishes_with_trusted_publishing():
    wf = yaml.safe_load(RELEASE.read_text())
    assert wf[True]["push"]["tags"] == ["v*"]  # PyYAML reads the key `on` as True
    build, publish = wf["jobs"]["build"], wf["jobs"]["publish"]
    scripts = "\n".join(s.get("run", "") for s in build["steps"])
    assert "python -m build" in scripts and "twine check --strict dist/*" in scripts
    assert '"$TAG" != "v$version"' in scripts and "contentci.__version__" in scripts
    assert publish["needs"] == "build" and publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert [s.get("uses") for s in publish["steps"]][-1] == "pypa/gh-action-pypi-publish@release/v1"
    assert wf["permissions"] == {"contents": "read"}  # only the publish job can mint an id token


def test_the_tag_check_refuses_a_tag_that_is_not_the_version(tmp_path):
    step = next(s for s in yaml.safe_load(RELEASE.read_text())["jobs"]["build"]["steps"] if "env" in s)
    (tmp_path / "dist").mkdir()
    v = contentci.__version__
    for name in (f"contentci-{v}.tar.gz", f"contentci-{v}-py3-none-any.whl"):
        (tmp_path / "dist" / name).write_text("")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = step["run"].replace("python -c", f"{sys.executable} -c")
    ok = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path, env={**env, "TAG": f"v{v}"},
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path, env={**env, "TAG": "v9.9.9"},
                         capture_output=True, text=True)
    assert bad.returncode == 1 and f"does not match contentci.__version__ {v}" in bad.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("contentci-*.whl")
    assert built.name == f"contentci-{contentci.__version__}-py3-none-any.whl"
    return built


def test_the_wheel_passes_twine_check_and_carries_the_package_data(wheel):
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in (ROOT / "contentci" / "data").rglob("*"):
        if data.is_file() and "__pycache__" not in data.parts:
            assert data.relative_to(ROOT).as_posix() in names
    assert any(n.startswith("contentci/output/report/templates/") for n in names)
    meta = zipfile.ZipFile(wheel).read(f"contentci-{contentci.__version__}.dist-info/METADATA").decode()
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    for label, url in urls.items():
        assert f"Project-URL: {label}, {url}" in meta


def test_the_installed_wheel_checks_the_seed(wheel, tmp_path, run):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    # The dependencies come from the test interpreter's packages (after the venv's own site); an
    # editable contentci there must not count as installed, hence --ignore-installed below.
    deps = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(site) / "zz-dependencies.pth").write_text("".join(p + "\n" for p in deps))
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--ignore-installed", "--disable-pip-version-check",
         "-q", str(wheel)],
        capture_output=True, text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import contentci; print(contentci.__file__)"], cwd=tmp_path, env=env,
        capture_output=True, text=True,
    )
    assert where.returncode == 0, where.stderr
    where = where.stdout.strip()
    assert Path(where).is_relative_to(venv), where
    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    result = subprocess.run(
        [str(venv / "bin" / "contentci"), "check", "--ignore", "grammar", "--format", "json", "--no-cache", "seed.md"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    rules = {d["rule"] for f in report["files"] for d in f["diagnostics"]}
    assert {"disclaimer/medical-advice", "balance/harms-missing", "readability/grade-level"} <= rules
    # The same findings as this checkout gives.
    here = run("check", "--ignore", "grammar", "--format", "json", "--no-cache", str(tmp_path / "seed.md"))
    assert here.exit_code == 1
    assert rules == {d["rule"] for f in json.loads(here.output)["files"] for d in f["diagnostics"]}
    assert report["summary"]["errors"] == json.loads(here.output)["summary"]["errors"] >= 1
