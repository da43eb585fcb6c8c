"""The content cache: a file whose bytes, settings and selection are unchanged is not checked again.

A result is stored under a key hashing everything that decides it: contentci's
version *and code* (size and mtime of every module and data file, so an edited
rule never serves stale results), the path as reported, the resolved config for
that file, the ``--select``/``--ignore`` selection, plain run options rules read
(``--min-quality``), today's date (metadata rules judge staleness against it;
``$CONTENTCI_TODAY`` when set), and the file's bytes.
Results from rules that need an outside service (grammar, via LanguageTool) are
never cached here; that service keeps its own cache (see :mod:`contentci.parallel`).

Layout (``.contentci_cache/`` in the config folder, or the user cache folder
when that is not writable)::

    .contentci_cache/v2/bundles/a.jsonl     results whose key starts "a" (16 bundles),
                                            one "KEY JSON" line each
    .contentci_cache/v2/packs/<scope>.json  all results of the last run of a scope

Bundles are what runs share (a pre-commit run on one file reuses the result a
full run stored); grouping keys into 16 files keeps a cold run of thousands of
articles from creating thousands of files (on ext4 under load a file creation
cost ~1 ms, more than checking the article; the 256 bundles of layout v1 took
0.2 s of a cold run). One line per result means a run decodes only the entries
it looks up and rewrites a bundle without encoding others' entries again. A pack
holds a whole run's results in one file, so a warm re-run of a large library
reads one file. Every write goes to a temporary file renamed into place, so
concurrent runs never see half a file; a bundle replaced by another run since it
was read is read again before writing, and two runs writing one bundle at the
same moment may lose the other's additions, which costs a re-check later, never
a wrong answer. Anything unreadable or malformed is treated as a miss and
rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from contentci.engine import FileResult

FOLDER = ".contentci_cache"
LAYOUT = "v2"
BUNDLE_PREFIX = 1  # hex digits of the key naming its bundle: 16 bundles
BUNDLE_LIMIT = 4096  # entries in one bundle before it is emptied (65,536 results in all)
_LINE = re.compile(r"([0-9a-f]{40}) (\{.*)")  # a bundle line: key (BLAKE2b, 20 bytes), space, JSON


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


def _today() -> str:
    import datetime

    return os.environ.get("CONTENTCI_TODAY") or datetime.date.today().isoformat()


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


_made_dirs: set[str] = set()


def _atomic_write(path: Path, text: str) -> None:
    """Write to a temporary name unique to this process, then rename over ``path`` (atomic on POSIX).

    Kept to four system calls (a cold run writes thousands): folders are made once per process.
    """
    folder = os.path.dirname(path)
    if folder not in _made_dirs:
        os.makedirs(folder, exist_ok=True)
        _made_dirs.add(folder)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except FileNotFoundError:
        _made_dirs.discard(folder)  # the folder was removed under us: next write makes it again
        raise
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


def encode(result: FileResult) -> str:
    """A result's JSON text as stored (workers encode their own results, in parallel)."""
    return json.dumps(result_to_json(result), ensure_ascii=False)


def _join(entries: Iterable[tuple[str, str]]) -> str:
    """A JSON object from keys and already-encoded values: ``json.dumps`` of the dict, without re-encoding."""
    from json.encoder import encode_basestring  # what json.dumps(key, ensure_ascii=False) uses, without its setup

    return "{" + ", ".join(f"{encode_basestring(k)}: {text}" for k, text in entries) + "}"


class ResultCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.fingerprint = code_fingerprint()
        self._config_keys: dict[int, tuple[object, str]] = {}
        self._key_bases: dict[tuple, object] = {}
        self._pack: dict[str, dict] = {}
        self._raw: dict[str, dict] = {}  # JSON of this run's hits, saved into the pack without re-encoding
        self._bundles: dict[str, dict[str, str]] = {}
        self._seen: dict[str, tuple | None] = {}  # bundle prefix -> its file's identity when read (None: absent)
        self._listing: set[str] | None = None  # bundle files present when first looked at
        self._new: dict[str, str] = {}  # key -> encoded result, not yet flushed
        self._texts: dict[str, str] = {}  # key -> encoded result: fresh this run, or read from a bundle
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, config_root: Path) -> ResultCache | None:
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

    def key(self, path: str, content: bytes, config, selection, extra: str = "") -> str:
        """The key of a file's result: this tool and its settings, the path, and ``content``,
        the :func:`contentci.parallel.digest` of the file's bytes."""
        parts = (self._config_key(config), selection.select, selection.ignore, extra)
        base = self._key_bases.get(parts)
        if base is None:  # what is the same for every file of a run, hashed once
            base = hashlib.blake2b(digest_size=20)
            base.update(self.fingerprint.encode())
            base.update(b"\0" + parts[0].encode())
            base.update(b"\0" + repr((selection.select, selection.ignore)).encode())
            base.update(b"\0" + extra.encode())  # plain run options rules read (--min-quality)
            base.update(b"\0" + _today().encode())  # metadata rules judge staleness against today
            self._key_bases[parts] = base
        h = base.copy()
        h.update(b"\0" + path.encode("utf-8", "surrogateescape"))
        h.update(b"\0" + content)
        return h.hexdigest()

    def scope(self, *parts: str) -> str:
        return hashlib.blake2b("\0".join((self.fingerprint, *parts)).encode(), digest_size=12).hexdigest()

    # -- bundles ---------------------------------------------------------------------
    def _bundle_path(self, prefix: str) -> Path:
        return self.folder / "bundles" / f"{prefix}.jsonl"

    def _identity(self, prefix: str) -> tuple | None:
        """What changes when a bundle file is replaced (every write renames a new file into place)."""
        try:
            st = os.stat(self._bundle_path(prefix))
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _exists(self, prefix: str) -> bool:
        """Whether the bundle file was there when this run first looked: one listing, not a failed open each."""
        if self._listing is None:
            try:
                self._listing = set(os.listdir(self.folder / "bundles"))
            except OSError:
                self._listing = set()
        return f"{prefix}.jsonl" in self._listing

    def _bundle(self, prefix: str, *, look: bool = True) -> dict[str, str]:
        """The bundle's entries, key -> JSON text (decoded only when looked up)."""
        bundle = self._bundles.get(prefix)
        if bundle is None:
            bundle = {}
            self._seen[prefix] = None
            if look:
                try:
                    with open(self._bundle_path(prefix), encoding="utf-8") as fh:
                        st = os.fstat(fh.fileno())
                        text = fh.read()
                    self._seen[prefix] = (st.st_ino, st.st_size, st.st_mtime_ns)
                except (OSError, ValueError):
                    text = ""
                # Only "KEY {...}" lines of this bundle, so a damaged one is cleaned when next written.
                # (split("\n"), not splitlines(): JSON written with ensure_ascii=False keeps U+2028.)
                for line in text.split("\n"):
                    m = _LINE.fullmatch(line)
                    if m is not None and line.startswith(prefix):
                        bundle[m.group(1)] = m.group(2)
            self._bundles[prefix] = bundle
        return bundle

    def get(self, key: str) -> FileResult | None:
        data = self._pack.get(key)
        if data is None:
            prefix = key[:BUNDLE_PREFIX]
            text = self._bundle(prefix, look=prefix in self._bundles or self._exists(prefix)).get(key)
            if text is not None:
                try:
                    data = json.loads(text)
                except ValueError:
                    data = None
                else:
                    self._texts[key] = text
        if data is not None:
            try:
                result = result_from_json(data)
                self.hits += 1
                self._raw[key] = data
                return result
            except (ValueError, KeyError, TypeError, AttributeError):
                self._texts.pop(key, None)  # malformed: a miss, rewritten after the check
        self.misses += 1
        return None

    def put(self, key: str, result: FileResult, text: str | None = None) -> None:
        """Remember a fresh result (``text``: its :func:`encode`, when a worker made it); :meth:`flush` writes it."""
        if not result.internal_error:  # a crashed rule must run again next time
            text = encode(result) if text is None else text
            self._new[key] = text
            self._texts[key] = text

    def flush(self) -> None:
        """Write this run's new results into their bundles (read again just before if another run replaced them)."""
        by_prefix: dict[str, dict[str, str]] = {}
        for key, text in self._new.items():
            by_prefix.setdefault(key[:BUNDLE_PREFIX], {})[key] = text
        for prefix, entries in by_prefix.items():
            if prefix not in self._bundles or self._identity(prefix) != self._seen.get(prefix):
                self._bundles.pop(prefix, None)  # keep the additions of a run that wrote it meanwhile
            bundle = self._bundle(prefix)
            if len(bundle) + len(entries) > BUNDLE_LIMIT:
                bundle = {}  # evict: old versions of files pile up here over time
            bundle.update(entries)
            try:
                _atomic_write(self._bundle_path(prefix), "".join(f"{k} {text}\n" for k, text in bundle.items()))
            except OSError:
                pass
            self._bundles.pop(prefix, None)  # what is on disk now is ours; read it again if needed
        self._new.clear()

    # -- packs -----------------------------------------------------------------------
    def load_pack(self, scope: str) -> None:
        try:
            data = json.loads((self.folder / "packs" / f"{scope}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and isinstance(data.get("results"), dict):
            self._pack = data["results"]

    def save_pack(self, scope: str, entries: Iterable[tuple[str, FileResult]]) -> None:
        entries = [(key, r) for key, r in entries if not r.internal_error]
        if len(entries) == len(self._pack) and all(key in self._pack for key, _ in entries):
            return  # the pack already holds exactly these results (a warm re-run)
        results: dict[str, str] = {}
        for key, r in entries:
            text = self._texts.get(key)
            if text is None:
                raw = self._raw.get(key)
                text = json.dumps(raw if raw is not None else result_to_json(r), ensure_ascii=False)
            results[key] = text
        try:
            _atomic_write(self.folder / "packs" / f"{scope}.json", '{"results": ' + _join(results.items()) + "}")
        except OSError:
            pass
