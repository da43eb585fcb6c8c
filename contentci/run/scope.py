"""``--changed-only`` and ``--diff-lines``: limit a run to what a branch changed.

The base is the merge base of HEAD with ``--base REF``, or with the default
branch (``origin/HEAD``, else ``origin/main``, ``main``, ``origin/master``,
``master``). Changed files are those that differ from the base in the working
tree (committed, staged or not) plus untracked files that git does not ignore.
Changed lines come from ``git diff -U0``; every line of an untracked file counts.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from contentci.core.errors import ConfigError

DEFAULT_BRANCHES = ("origin/main", "main", "origin/master", "master")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
ALL_LINES = None  # marker: every line of the file changed (a new file)


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace"
        )
    except FileNotFoundError:
        raise ConfigError("--changed-only needs git, which is not installed") from None
    if proc.returncode != 0:
        raise _GitError(proc.stderr.strip() or f"git {' '.join(args)} failed")
    return proc.stdout


class _GitError(Exception):
    pass


@dataclass
class Changes:
    root: Path  # the repository's top folder
    base: str  # the commit compared against
    files: dict[str, set[int] | None]  # absolute path -> changed line numbers (None: all)

    def changed(self, path: Path) -> bool:
        return os.path.realpath(path) in self.files

    def lines(self, path: str) -> set[int] | None:
        return self.files.get(os.path.realpath(path), set())


def default_base(cwd: Path) -> str:
    try:
        ref = _git(["symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD"], cwd).strip()
        if ref:
            return ref
    except _GitError:
        pass
    for ref in DEFAULT_BRANCHES:
        try:
            _git(["rev-parse", "--verify", "-q", ref + "^{commit}"], cwd)
            return ref
        except _GitError:
            continue
    raise ConfigError("--changed-only: no default branch found (origin/HEAD, main or master); pass --base REF")


def changes(base: str | None = None, cwd: Path | None = None) -> Changes:
    """Files and lines changed since the merge base of HEAD and ``base``."""
    cwd = cwd or Path.cwd()
    try:
        root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except _GitError:
        raise ConfigError(f"--changed-only: {cwd} is not inside a git repository") from None
    ref = base or default_base(cwd)
    try:
        _git(["rev-parse", "--verify", "-q", ref + "^{commit}"], cwd)
    except _GitError:
        raise ConfigError(f"--base {ref!r} is not a commit or branch in this repository") from None
    try:
        merge_base = _git(["merge-base", "HEAD", ref], cwd).strip()
    except _GitError:
        raise ConfigError(
            f"no merge base between HEAD and {ref} (a shallow clone? fetch more history, e.g. fetch-depth: 0)"
        ) from None
    files: dict[str, set[int] | None] = {}
    diff = _git(
        [
            "-c",
            "core.quotepath=false",
            "diff",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--no-color",
            "--no-ext-diff",
            "-U0",
            "--diff-filter=AMRC",
            "--no-renames",
            merge_base,
            "--",
        ],
        root,
    )
    current: str | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else os.path.realpath(root / _unquote(name).removeprefix("b/"))
            if current:
                files.setdefault(current, set())
        elif current and line.startswith("@@"):
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or "1")
                lines = files[current]
                if lines is not None:
                    lines.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0"):
        if name:
            files[os.path.realpath(root / name)] = ALL_LINES
    return Changes(root, merge_base, files)


def _unquote(name: str) -> str:
    """git quotes names with unusual characters: "b/caf\\303\\251.md"."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    body = name[1:-1]
    raw = bytearray()
    i = 0
    escapes = {"n": 10, "t": 9, '"': 34, "\\": 92, "a": 7, "b": 8, "f": 12, "r": 13, "v": 11}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                raw.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            raw.append(escapes.get(nxt, ord(nxt)))
            i += 2
            continue
        raw.extend(c.encode())
        i += 1
    return raw.decode("utf-8", errors="replace")


def keep_changed_lines(result, lines: set[int] | None) -> None:
    """Drop findings off the changed lines; document-level findings stay and say so."""
    if lines is ALL_LINES:
        return
    kept = []
    for d in result.diagnostics:
        if d.document_level:
            kept.append(replace(d, message=d.message + " (about the whole document: kept by --diff-lines)"))
        elif any(n in lines for n in range(d.line, d.end_line + 1)):
            kept.append(d)
    result.diagnostics = kept
