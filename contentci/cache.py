"""The content cache: a file whose bytes, settings and selection are unchanged is not checked again.

A result is stored under a key hashing everything that decides it: contentci's
version *and code* (size and mtime of every module and data file, so an edited
rule never serves stale results), the path as reported, the resolved config for
that file, the ``--select``/``--ignore`` selection, and the file's bytes.
Results from rules that need an outside service (grammar, via LanguageTool) are
never cached here; that service keeps its own cache (see :mod:`contentci.parallel`).

Layout (``.contentci_cache/`` in the config folder, or the user cache folder
when that is not writable)::

    .contentci_cache/v1/entries/ab/abcdef....json   one result per file version
    .contentci_cache/v1/packs/<scope>.json          all results of the last run of a scope

Entries are what two runs share (a pre-commit run on one file reuses the entry
a full run wrote). A pack holds a whole run's results in one file so that a warm
re-run of a large library reads one file instead of thousands. Every write goes
to a temporary file renamed into place, so concurrent runs never see half a
file; anything unreadable or malformed is treated as a miss and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

from contentci.engine import FileResult

FOLDER = ".contentci_cache"
LAYOUT = "v1"


def code_fingerprint() -> str:
    """contentci's version plus the size and mtime of its modules and data files."""
    from contentci import __version__

    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    stack = [package]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.endswith((".py", ".txt", ".yaml", ".yml", ".json", ".toml")):
                st = entry.stat()
                h.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def result_to_json(result: FileResult) -> dict:
    return result.to_json()


def result_from_json(data: dict) -> FileResult:
    """A FileResult from its JSON form (as written by ``FileResult.to_json``); raises on malformed input."""
    from contentci.diagnostic import Diagnostic

    if not isinstance(data, dict) or not isinstance(data.get("path"), str):
        raise ValueError("not a file result")
    diagnostics = data.get("diagnostics", [])
    metrics = data.get("metrics", {})
    if not isinstance(diagnostics, list) or not isinstance(metrics, dict):
        raise ValueError("not a file result")
    result = FileResult(data["path"], [Diagnostic.from_json(d) for d in diagnostics], metrics)
    if any(d.rule == "contentci/internal-error" for d in result.diagnostics):
        result.internal_error = True
    return result


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


class ResultCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.fingerprint = code_fingerprint()
        self._config_keys: dict[int, tuple[object, str]] = {}
        self._pack: dict[str, dict] = {}
        self._raw: dict[str, dict] = {}  # JSON of this run's hits, saved into the pack without re-encoding
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, config_root: Path) -> "ResultCache | None":
        """The cache for a config folder: ``<root>/.contentci_cache``, else the user cache folder."""
        local = config_root / FOLDER
        if _writable(local / LAYOUT):
            ignore = local / ".gitignore"
            if not ignore.exists():
                try:
                    ignore.write_text("# contentci's result cache; safe to delete.\n*\n", encoding="utf-8")
                except OSError:
                    pass
            return cls(local / LAYOUT)
        from contentci.syllables import cache_dir

        root_id = hashlib.blake2b(str(config_root.resolve()).encode(), digest_size=8).hexdigest()
        user = cache_dir() / "results" / root_id / LAYOUT
        return cls(user) if _writable(user) else None

    # -- keys ------------------------------------------------------------------------
    def _config_key(self, config) -> str:
        cached = self._config_keys.get(id(config))
        if cached is None or cached[0] is not config:
            cached = (config, config.key)
            self._config_keys[id(config)] = cached
        return cached[1]

    def key(self, path: str, data: bytes, config, selection) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(self.fingerprint.encode())
        h.update(b"\0" + path.encode("utf-8", "surrogateescape"))
        h.update(b"\0" + self._config_key(config).encode())
        h.update(b"\0" + repr((selection.select, selection.ignore)).encode())
        h.update(b"\0" + hashlib.blake2b(data, digest_size=20).digest())
        return h.hexdigest()

    def scope(self, *parts: str) -> str:
        return hashlib.blake2b("\0".join((self.fingerprint, *parts)).encode(), digest_size=12).hexdigest()

    # -- entries ---------------------------------------------------------------------
    def _entry(self, key: str) -> Path:
        return self.folder / "entries" / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        data = self._pack.get(key)
        if data is None:
            try:
                data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None
        if data is not None:
            try:
                result = result_from_json(data)
                self.hits += 1
                self._raw[key] = data
                return result
            except (ValueError, KeyError, TypeError):
                pass  # malformed: a miss, rewritten after the check
        self.misses += 1
        return None

    def put(self, key: str, result: FileResult) -> None:
        if result.internal_error:
            return  # a crashed rule must run again next time
        write_entry(self.folder, key, result_to_json(result))

    # -- packs -----------------------------------------------------------------------
    def load_pack(self, scope: str) -> None:
        try:
            data = json.loads((self.folder / "packs" / f"{scope}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and isinstance(data.get("results"), dict):
            self._pack = data["results"]

    def save_pack(self, scope: str, entries: Iterable[tuple[str, FileResult]]) -> None:
        results = {}
        for key, r in entries:
            if not r.internal_error:
                results[key] = self._raw.get(key) or result_to_json(r)
        if results.keys() == self._pack.keys():
            return  # the pack already holds exactly these results
        try:
            _atomic_write(self.folder / "packs" / f"{scope}.json", json.dumps({"results": results}, ensure_ascii=False))
        except OSError:
            pass


def write_entry(folder: Path, key: str, data: dict) -> None:
    """Store one entry (called in worker processes too); a failed write only costs a future miss."""
    try:
        _atomic_write(folder / "entries" / key[:2] / f"{key}.json", json.dumps(data, ensure_ascii=False))
    except OSError:
        pass
