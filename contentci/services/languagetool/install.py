"""Provision LanguageTool from Maven Central into a user cache folder, with a checksum list.

``languagetool-server`` depends on ``language-all`` (every language, ~300 MB); we exclude it and
add ``language-en``. LanguageTool's server also refuses to start unless Spanish, Catalan and
Portuguese are on the classpath (its language identifier's ``CommonWordsDetector`` looks them up
in a static initialiser, in every 6.x), so those three small modules come along; contentci only
ever asks for English. Maven resolves the rest; the jars are copied into
``<home>/<version>/lib`` and a ``SHA256SUMS`` list is written, which :func:`verify` checks before
a server is started from the folder.

The folder is ``$CONTENTCI_LANGUAGETOOL_HOME/<version>``, else
``$XDG_CACHE_HOME/contentci/languagetool/<version>`` (``~/.cache/...``). A complete install is
reused, so provisioning twice on one machine costs a checksum pass.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from contentci.core.errors import ContentciError
from contentci.services.languagetool import LANGUAGE_MODULES, VERSION

SUMS = "SHA256SUMS"
MANIFEST = "install.json"
MAVEN_TIMEOUT = 30 * 60  # seconds; a cold download is ~1 minute on a normal link
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"

JAVA_HELP = (
    "LanguageTool {version} needs Java 17 or newer. Install a JDK or JRE, e.g. "
    "`apt-get install openjdk-17-jre-headless` (Debian/Ubuntu), `brew install openjdk@17` (macOS), "
    "or Eclipse Temurin 17 on Windows; then make sure `java` is on PATH (or set JAVA_HOME)."
)
MAVEN_HELP = (
    "`contentci languagetool install` uses Maven to fetch LanguageTool from Maven Central. Install it, "
    "e.g. `apt-get install maven` (Debian/Ubuntu) or `brew install maven` (macOS), or point "
    "CONTENTCI_LANGUAGETOOL_URL at a running LanguageTool server instead."
)


class LanguageToolSetupError(ContentciError):
    """LanguageTool cannot be installed or started here; the message says what to do."""


def home_root() -> Path:
    explicit = os.environ.get("CONTENTCI_LANGUAGETOOL_HOME")
    if explicit:
        return Path(explicit).expanduser()
    from contentci.core.paths import user_cache_root

    return user_cache_root() / "languagetool"


def install_dir(version: str = VERSION) -> Path:
    return home_root() / version


def lib_dir(version: str = VERSION) -> Path:
    return install_dir(version) / "lib"


# -- prerequisites ---------------------------------------------------------------------


def java_executable() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    return shutil.which("java")


def java_major(java: str) -> int | None:
    """Java's major version (``17``), or None when ``java -version`` cannot be run."""
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8" style means 8


def require_java(version: str = VERSION) -> str:
    java = java_executable()
    if java is None:
        raise LanguageToolSetupError("Java was not found. " + JAVA_HELP.format(version=version))
    major = java_major(java)
    if major is None or major < 17:
        found = f"Java {major}" if major else f"{java}, which would not report its version"
        raise LanguageToolSetupError(f"found {found}. " + JAVA_HELP.format(version=version))
    return java


def require_maven() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LanguageToolSetupError("Maven (`mvn`) was not found. " + MAVEN_HELP)
    return mvn


# -- install and verify ----------------------------------------------------------------


def pom(version: str = VERSION) -> str:
    """A throwaway POM whose dependencies are the English LanguageTool server."""
    modules = "".join(
        f"<dependency><groupId>org.languagetool</groupId><artifactId>{m}</artifactId><version>{version}</version></dependency>"
        for m in LANGUAGE_MODULES
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>contentci</groupId><artifactId>languagetool-bundle</artifactId><version>{version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId><artifactId>languagetool-server</artifactId><version>{version}</version>
      <exclusions><exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion></exclusions>
    </dependency>
    {modules}
  </dependencies>
</project>
"""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(folder: Path) -> list[str]:
    """Problems with an install folder (empty when every jar matches ``SHA256SUMS``)."""
    sums = folder / SUMS
    if not sums.is_file():
        return [f"{sums} is missing (not installed, or an interrupted install)"]
    problems, listed = [], set()
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        listed.add(name)
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif sha256(path) != digest:
            problems.append(f"{name} does not match its checksum")
    extra = sorted(f"lib/{p.name}" for p in (folder / "lib").glob("*.jar")) if (folder / "lib").is_dir() else []
    problems += [f"{name} is not in {SUMS}" for name in extra if name not in listed]
    if not listed:
        problems.append(f"{SUMS} lists no jars")
    return problems


def installed(version: str = VERSION) -> Path | None:
    """The install folder when it looks complete (cheap; :func:`verify` does the hashing)."""
    folder = install_dir(version)
    return folder if (folder / MANIFEST).is_file() and (folder / SUMS).is_file() else None


def install(version: str = VERSION, *, force: bool = False, say: Callable[[str], None] = lambda s: None) -> Path:
    """Install (or re-verify) LanguageTool ``version``; returns the install folder."""
    folder = install_dir(version)
    if not force and installed(version):
        problems = verify(folder)
        if not problems:
            say(f"LanguageTool {version} is installed and verified in {folder}")
            return folder
        say(f"reinstalling LanguageTool {version}: " + "; ".join(problems[:3]))
    require_java(version)
    mvn = require_maven()
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    say(f"fetching LanguageTool {version} (English) from Maven Central into {folder} ...")
    with tempfile.TemporaryDirectory(prefix=f".{version}-", dir=folder.parent) as tmp:
        work = Path(tmp)
        (work / "pom.xml").write_text(pom(version), encoding="utf-8")
        stage = work / "stage"
        cmd = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(work / "pom.xml"),
            f"{DEPENDENCY_PLUGIN}:copy-dependencies",
            f"-DoutputDirectory={stage / 'lib'}",
            "-DincludeScope=runtime",
        ]
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=MAVEN_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise LanguageToolSetupError(f"Maven did not finish within {MAVEN_TIMEOUT // 60} minutes") from None
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            raise LanguageToolSetupError(f"Maven could not fetch LanguageTool {version}:\n{tail}")
        jars = sorted((stage / "lib").glob("*.jar"))
        names = {j.name for j in jars}
        missing = [
            a
            for a in ("languagetool-server", "languagetool-core", *LANGUAGE_MODULES)
            if f"{a}-{version}.jar" not in names
        ]
        if missing:
            raise LanguageToolSetupError(f"Maven's download lacks {', '.join(missing)} {version}")
        if any(n.startswith("language-all") for n in names):
            raise LanguageToolSetupError("language-all slipped into the classpath; refusing a 300 MB install")
        (stage / SUMS).write_text("".join(f"{sha256(j)}  lib/{j.name}\n" for j in jars), encoding="utf-8")
        manifest = {
            "version": version,
            "jars": len(jars),
            "bytes": sum(j.stat().st_size for j in jars),
            "installed": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder / "lib", ignore_errors=True)
            for name in (SUMS, MANIFEST):
                (folder / name).unlink(missing_ok=True)
            folder.rmdir() if not any(folder.iterdir()) else None
        if folder.exists():  # keep run files (a server's port file) but swap in the new jars
            (stage / "lib").rename(folder / "lib")
            (stage / SUMS).rename(folder / SUMS)
            (stage / MANIFEST).rename(folder / MANIFEST)
        else:
            stage.rename(folder)
    say(
        f"installed LanguageTool {version}: {len(jars)} jars, {manifest['bytes'] / 1e6:.0f} MB, "
        f"in {time.monotonic() - started:.0f} s"
    )
    return folder
