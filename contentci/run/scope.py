"""``--changed-only`` and ``--diff-lines``: limit a run to what a branch changed.

The base is the merge base of HEAD with ``--base REF``, or with the default
branch (``origin/HEAD``, else ``origin/main``, ``main``, ``origin/master``,
``master``). Changed files are those that differ from the base in the working
tree (committed, staged or not) plus untracked files that git does not ignore.
Changed lines come from ``git diff -U0``; every line of an untracked file counts.

File names are read as bytes from NUL-separated lists (``git diff -z --name-only``,
``git ls-files -z``) and made paths with ``os.fsdecode``: a name with a space, a quote, a
TAB, a newline or bytes that are not UTF-8 is a changed file like any other. (Reading
``+++ b/name`` headers as text lost names with a space, which git ends with a TAB, and names
that are not UTF-8: such files were never checked and the run passed.) The patch is only
used for line numbers; a listed file whose patch section cannot be matched to its name gets
its own ``git diff`` rather than being dropped.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from contentci.core.errors import ConfigError

DEFAULT_BRANCHES = ("origin/main", "main", "origin/master", "master")
_HUNK = re.compile(rb"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
ALL_LINES = None  # marker: every line of the file changed (a new file)
# Settings a user's git config could change that this module reads: fixed here.
_FIXED = ["-c", "core.quotePath=true", "-c", "diff.noprefix=false", "-c", "color.ui=false"]
_DIFF_OPTIONS = ["--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--no-renames", "--diff-filter=AMRC"]


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        proc = subprocess.run(["git", *_FIXED, *args], cwd=cwd, capture_output=True)
    except FileNotFoundError:
        raise ConfigError("--changed-only needs git, which is not installed") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise _GitError(message or f"git {' '.join(args)} failed")
    return proc.stdout


def _git_line(args: list[str], cwd: Path) -> str:
    """One line of output (a ref, a commit, a folder), as ``os.fsdecode`` makes a name."""
    return os.fsdecode(_git(args, cwd).rstrip(b"\n"))


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
        ref = _git_line(["symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD"], cwd).strip()
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
        root = Path(_git_line(["rev-parse", "--show-toplevel"], cwd))
    except _GitError:
        raise ConfigError(f"--changed-only: {cwd} is not inside a git repository") from None
    ref = base or default_base(cwd)
    try:
        _git(["rev-parse", "--verify", "-q", ref + "^{commit}"], cwd)
    except _GitError:
        raise ConfigError(f"--base {ref!r} is not a commit or branch in this repository") from None
    try:
        merge_base = _git_line(["merge-base", "HEAD", ref], cwd).strip()
    except _GitError:
        raise ConfigError(
            f"no merge base between HEAD and {ref} (a shallow clone? fetch more history, e.g. fetch-depth: 0)"
        ) from None
    try:
        lines = changed_lines(root, merge_base)
        untracked = _names(_git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], root))
    except _GitError as exc:
        raise ConfigError(f"--changed-only: git could not list the changes: {exc}") from None
    files: dict[str, set[int] | None] = {}
    for name, numbers in lines.items():
        files[_path(root, name)] = numbers
    for name in untracked:
        files[_path(root, name)] = ALL_LINES
    return Changes(root, merge_base, files)


def _names(out: bytes) -> list[bytes]:
    return [name for name in out.split(b"\0") if name]


def _path(root: Path, name: bytes) -> str:
    return os.path.realpath(os.path.join(root, os.fsdecode(name)))


def changed_lines(root: Path, base: str) -> dict[bytes, set[int]]:
    """Each file changed since ``base`` (a name as git's bytes) -> its new-side changed lines.

    The list of files is ``git diff -z --name-only``, exact for any name. One ``-U0`` patch
    gives the line numbers; a listed file the patch does not name (binary, only its mode
    changed, or a header this parser misread) is diffed on its own, so no file is dropped.
    """
    names = _names(_git(["diff", "-z", "--name-only", *_DIFF_OPTIONS, base, "--"], root))
    if not names:
        return {}
    patch = ["diff", "--src-prefix=a/", "--dst-prefix=b/", *_DIFF_OPTIONS, "-U0", base, "--"]
    parsed = parse_patch(_git(patch, root))
    out: dict[bytes, set[int]] = {}
    for name in names:
        numbers = parsed.get(name)
        if numbers is None:
            spec = ":(literal)" + os.fsdecode(name)
            one = parse_patch(_git([*patch, spec], root))
            numbers = set().union(*one.values()) if one else set()
        out[name] = numbers
    return out


def parse_patch(patch: bytes) -> dict[bytes, set[int]]:
    """New-side line numbers a ``git diff -U0`` patch changes, by the name in its ``+++ b/`` header.

    Hunk bodies are skipped by their counts, so an added line that reads ``++ b/x`` (shown as
    ``+++ b/x``) is never taken for a header.
    """
    files: dict[bytes, set[int]] = {}
    current: set[int] | None = None
    old = new = 0  # lines of the current hunk body still to skip
    for line in patch.split(b"\n"):
        if old > 0 or new > 0:
            if line.startswith(b"-"):
                old -= 1
            elif line.startswith(b"+"):
                new -= 1
            elif line.startswith(b" "):
                old, new = old - 1, new - 1
            continue
        if line.startswith(b"diff --git "):
            current = None
        elif line.startswith(b"+++ "):
            name = _header_name(line[4:])
            current = None if name is None else files.setdefault(name, set())
        elif line.startswith(b"@@ "):
            m = _HUNK.match(line)
            if m:
                old = int(m.group(1) or b"1")
                start, new = int(m.group(2)), int(m.group(3) or b"1")
                if current is not None:
                    current.update(range(start, start + new))
    return files


def _header_name(field: bytes) -> bytes | None:
    """The name in a ``+++`` header, as bytes: quoted names unquoted, the TAB git adds after a
    name with a space dropped (a name that itself holds a TAB is always quoted)."""
    if field == b"/dev/null":
        return None
    if field.startswith(b'"'):
        end = field.rfind(b'"')
        if end <= 0:
            return None
        name = _unquote(field[1:end])
    else:
        name = field.split(b"\t", 1)[0]
    return name[2:] if name.startswith(b"b/") else None


_ESCAPES = {ord(k): v for k, v in {"n": 10, "t": 9, '"': 34, "\\": 92, "a": 7, "b": 8, "f": 12, "r": 13, "v": 11}.items()}


def _unquote(body: bytes) -> bytes:
    """git's C-style quoting, back to the name's bytes: ``caf\\351.md`` -> ``b"caf\\xe9.md"``."""
    raw = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == 92 and i + 1 < len(body):  # backslash
            nxt = body[i + 1]
            if 48 <= nxt <= 55:  # an octal byte: three digits
                raw.append(int(body[i + 1 : i + 4], 8) & 0xFF)
                i += 4
                continue
            raw.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        raw.append(c)
        i += 1
    return bytes(raw)


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
