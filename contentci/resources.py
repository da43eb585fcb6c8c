"""Package data files (word lists, templates): read once, shared by every rule."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_text(name: str) -> str:
    return resources.files("contentci").joinpath("data", name).read_text(encoding="utf-8")


@cache
def word_set(name: str) -> frozenset[str]:
    """A data file of one entry a line (``#`` comments, blank lines ignored), lowercased."""
    return frozenset(w for w in (line.split("#", 1)[0].strip().lower() for line in read_text(name).splitlines()) if w)
