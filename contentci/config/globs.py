"""Config globs: gitignore-style patterns relative to the config file's folder, in linear time.

``*`` stays inside a folder, ``**`` crosses folders, a pattern without ``/`` matches a name at
any depth, and a folder pattern matches everything below it. Each glob becomes one regex built
from its tokens (never backtracking on crafted names), and :class:`OverrideIndex` looks literal
globs up instead of trying them, so thousands of ``[[overrides]]`` cost a lookup per file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache


def glob_match(pattern: str, path: str) -> bool:
    """Gitignore-like globs: ``**`` crosses folders; a pattern without ``/`` matches any basename."""
    return bool(_glob_regex(pattern).match(path)) or (
        "/" not in pattern.rstrip("/") and bool(_glob_regex(pattern).match(path.rsplit("/", 1)[-1]))
    )


def glob_matcher(globs: list[str]) -> Callable[[str], bool]:
    """``lambda path: any(glob_match(g, path) for g in globs)``, each glob's regex looked up once
    (discovery asks it of every file)."""
    compiled = [(_glob_regex(g).match, "/" not in g.rstrip("/")) for g in globs]

    def matches(path: str) -> bool:
        for match, by_name in compiled:
            if match(path) or (by_name and match(path.rsplit("/", 1)[-1])):
                return True
        return False

    return matches


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern:
    """The regex for a glob, built so that no glob can make matching backtrack for long.

    ``*a*a*a*b`` as plain ``[^/]*a[^/]*a...`` takes time polynomial in the name's length (tens of
    seconds on a 60-letter name). As in :mod:`fnmatch`, a wildcard followed by fixed text and then
    another wildcard that can absorb any gap takes the *first* place that text occurs, atomically
    ``(?>[^/]*?a)``: if any placement matches, the first one does. Runs of wildcards collapse to one.
    """
    tokens = _glob_tokens(pattern)
    out, i = [], 0
    while i < len(tokens):
        kind, text, _ = tokens[i]
        if kind not in ("star", "any"):
            out.append(text)
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1][0] in ("star", "any"):  # a run of wildcards
            j += 1
        if any(t[0] == "any" for t in tokens[i : j + 1]):
            kind = "any"
        k = j + 1
        while k < len(tokens) and tokens[k][0] == "one":  # the fixed text after the run
            k += 1
        fixed = tokens[j + 1 : k]
        after = tokens[k][0] if k < len(tokens) else None
        # The gap between the first and a later placement is absorbed by the next wildcard when
        # that one crosses folders, or when both are `*` and the fixed text stays in one folder.
        absorbed = after == "any" or (after == "star" and kind == "star" and not any(t[2] for t in fixed))
        wildcard = ".*" if kind == "any" else "[^/]*"
        if fixed and absorbed:
            out.append("(?>" + wildcard + "?" + "".join(t[1] for t in fixed) + ")")
            i = k
        else:
            out.append(wildcard)
            i = j + 1
    # A folder pattern also matches everything under it.
    return re.compile("".join(out) + "(?:/.*)?" + r"\Z")


def _glob_tokens(pattern: str) -> list[tuple[str, str, bool]]:
    """(kind, regex, may match "/"): kind is ``dirs`` (``**/``), ``any`` (``**``), ``star``, or ``one``."""
    pattern = pattern.strip()
    pattern = pattern.removeprefix("./")
    pattern = pattern.rstrip("/")
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append(("dirs", "(?:.*/)?", True))
            i += 3
        elif pattern.startswith("**", i):
            out.append(("any", ".*", True))
            i += 2
        elif c == "*":
            out.append(("star", "[^/]*", False))
            i += 1
        elif c == "?":
            out.append(("one", "[^/]", False))
            i += 1
        elif c == "[":
            j = pattern.find("]", i)
            if j < 0:
                out.append(("one", re.escape(c), False))
                i += 1
            else:
                body = pattern[i + 1 : j].replace("!", "^", 1)
                out.append(("one", "[" + body + "]", body.startswith("^") or "/" in body))
                i = j + 1
        else:
            out.append(("one", re.escape(c), c == "/"))
            i += 1
    return out


def validate_globs(globs: list[str]) -> str | None:
    for glob in globs:
        try:
            _glob_regex(glob)
        except re.error as exc:
            return f"{glob!r} is not a valid glob: {exc}"
    return None


class OverrideIndex:
    """Which ``[[overrides]]`` apply to a path, without trying every glob of every override.

    Globs without a wildcard (most of a long list: one per file) are looked up in two dicts, by
    path and by name; only the others are tried, each compiled once. A config with thousands of
    overrides then costs a lookup per file, not a regex per glob per file.
    """

    def __init__(self, override_globs: list[list[str]]):
        self.by_path: dict[str, set[int]] = {}
        self.by_name: dict[str, set[int]] = {}
        self.patterns: list[tuple[int, Callable[[str], bool]]] = []
        for i, globs in enumerate(override_globs):
            wild = []
            for glob in globs:
                plain = glob.strip().removeprefix("./").rstrip("/")  # as the glob's regex reads it
                if not plain or any(c in plain for c in "*?["):
                    wild.append(glob)
                    continue
                self.by_path.setdefault(plain, set()).add(i)  # the path, or a folder above it
                if "/" not in plain:
                    self.by_name.setdefault(plain, set()).add(i)  # a name matches in any folder
            if wild:
                self.patterns.append((i, glob_matcher(wild)))

    def matching(self, relpath: str) -> tuple[int, ...]:
        found = set(self.by_name.get(relpath.rsplit("/", 1)[-1], ()))
        if self.by_path:
            parts = relpath.split("/")
            for n in range(1, len(parts) + 1):
                found.update(self.by_path.get("/".join(parts[:n]), ()))
        found.update(i for i, matches in self.patterns if i not in found and matches(relpath))
        return tuple(sorted(found))
