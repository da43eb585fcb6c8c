"""The content cache: a file whose bytes, settings and selection are unchanged is not checked again.

A result is stored under a key hashing everything that decides it (contentci's code, the path,
the resolved config, the selection, today's date, the file's bytes), keyed with a secret from
the user cache folder so that a committed or restored cache is a miss, never a result. Bundles
(16 files of one line per result) are what runs share; a pack per scope holds the last run's
results and the stat records that let a warm run skip reading unchanged files. Why each part is
the way it is, and why a stat record cannot serve a stale result: docs/performance.md, "How the
content cache works".
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring  # json.dumps of a str (ensure_ascii=False), without its set-up
from pathlib import Path
from typing import BinaryIO

from contentci.core.result import FileResult

try:  # what hmac.compare_digest is, without loading OpenSSL
    from _operator import _compare_digest
except ImportError:  # pragma: no cover - another interpreter
    from hmac import compare_digest as _compare_digest


def same_tag(found: str | bytes, expected: str | bytes) -> bool:
    """Whether a tag read from the cache is the one expected (in constant time; a tag that is no
    ASCII text is simply wrong)."""
    try:
        return _compare_digest(found, expected)
    except TypeError:
        return False

try:  # what hashlib.blake2b is; importing it alone does not load OpenSSL's libcrypto for hashlib
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

FOLDER = ".contentci_cache"
LAYOUT = "v5"
BUNDLE_PREFIX = 1  # hex digits of the key naming its bundle: 16 bundles
BUNDLE_LIMIT = 4096  # entries in one bundle before it is emptied (65,536 results in all)
_KEY = re.compile(r"[0-9a-f]{40}")  # a result's key (BLAKE2b, 20 bytes), as each result line starts
PACK_MAGIC = "contentci-pack 5"
SECRET_NAME = "result-cache.key"  # in the user cache folder: see "Entries are authenticated"
SECRET_BYTES = 32
TAG_HEX = 32  # a bundle line's tag and a pack's checksum: 16 bytes of keyed BLAKE2b, in hex
SETTLED_NS = 1_000_000_000  # a file changed this long before a run read it has a stat record
SETTLED_COARSE_NS = 3_000_000_000  # the same where timestamps are whole seconds (FAT: 2 s ticks)
clock = time.time_ns  # the moment a run starts reading (tests move it)
# The cache folder may be committed by anyone: its files are read only when regular, never through a
# symbolic link, and only up to these sizes (a 3,000-article pack is ~9 MB; a full bundle a few MB).
PACK_LIMIT = 256 * 2**20
BUNDLE_LIMIT_BYTES = 64 * 2**20


def signature(st: os.stat_result) -> tuple[int, int, int, int, int, int]:
    """What a stat record compares: device, inode, size, mode, mtime and ctime (ns)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mode, st.st_mtime_ns, st.st_ctime_ns)


def _stamp(sig: tuple) -> str:
    """A signature as a stat record writes it (hexadecimal: 19-digit times format 2x faster than in decimal)."""
    return "%x %x %x %x %x %x" % sig


def settled(sig: tuple, since_ns: int) -> bool:
    """Whether any write after ``since_ns`` would change this signature (see the module docstring)."""
    mtime, ctime = sig[4], sig[5]
    coarse = mtime % 1_000_000_000 == 0 and ctime % 1_000_000_000 == 0
    return max(mtime, ctime) < since_ns - (SETTLED_COARSE_NS if coarse else SETTLED_NS)


def load_secret() -> bytes | None:
    """This user's key for the result cache, made on first use; None when it can be neither read nor made.

    A key file that is not a regular file of this user's, readable by no one else, and of the right
    size is replaced by a new one (its entries become misses), never trusted.
    """
    from contentci.core.paths import cache_dir

    path = cache_dir() / SECRET_NAME
    try:
        secret = _read_secret(path)
    except FileNotFoundError:
        secret, present = None, False
    except OSError:
        secret, present = None, True  # a symbolic link, or unreadable: replaced below if it can be
    else:
        if secret is not None:
            return secret
        present = True
    try:
        return _make_secret(path, replace=present)
    except OSError:
        return None


def _read_secret(path: Path) -> bytes | None:
    """The key in ``path``, or None when the file is not one to trust."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        st = os.fstat(fd)
        data = os.read(fd, SECRET_BYTES + 1)
    finally:
        os.close(fd)
    import stat

    mine = not hasattr(os, "geteuid") or st.st_uid == os.geteuid()
    if not stat.S_ISREG(st.st_mode) or not mine or st.st_mode & 0o077 or len(data) != SECRET_BYTES:
        return None
    return data


def _make_secret(path: Path, *, replace: bool) -> bytes:
    """A new key, written to a temporary file and linked into place (or renamed over an untrusted
    one), so a reader never sees half a key; when another run made one first, that one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{SECRET_NAME}.{os.getpid()}.tmp")
    secret = os.urandom(SECRET_BYTES)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # an old temporary file of this name may have had another mode
        os.write(fd, secret)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if replace:
            os.replace(tmp, path)
            return secret
        try:
            os.link(tmp, path)  # fails if another run made the key meanwhile: then theirs is the key
        except FileExistsError:
            theirs = _read_secret(path)
            if theirs is None:
                raise OSError("the result cache key is not usable") from None
            return theirs
        except OSError:  # no hard links on this file system
            os.replace(tmp, path)
        return secret
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def code_fingerprint() -> str:
    """contentci's version plus the size and mtime of its modules and data files."""
    from contentci import __version__

    package = Path(__file__).resolve().parent
    h = blake2b(__version__.encode(), digest_size=16)
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


_made_dirs: set[str] = set()


def _atomic_write(path: Path, text: str | bytes | Callable[[BinaryIO], None]) -> None:
    """Write to a temporary name unique to this process, then rename over ``path`` (atomic on POSIX).

    ``text`` may be a function writing the file itself (a pack, streamed). Kept to four system
    calls (a cold run writes thousands): folders are made once per process.
    """
    folder = os.path.dirname(path)
    if folder not in _made_dirs:
        os.makedirs(folder, exist_ok=True)
        _made_dirs.add(folder)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        try:  # never through a link or into a FIFO someone left under this name
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _NONBLOCK, 0o644)
        except FileExistsError:
            os.unlink(tmp)  # an earlier run of this pid, or a planted name: removed, not followed
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _NONBLOCK, 0o644)
        with os.fdopen(fd, "wb") as fh:
            if callable(text):
                text(fh)
            else:
                fh.write(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
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


def _pack_mac(secret: bytes):
    """The keyed checksum a pack's header holds, of everything after the header."""
    return blake2b(digest_size=TAG_HEX // 2, key=secret, person=b"contentci-pack")


def _pack_writer(lines: Iterable[str], secret: bytes) -> Callable[[BinaryIO], None]:
    """What writes a pack, streamed: the header's checksum covers the lines after it, so a
    placeholder of the same length goes first and the real header over it once they are written
    (a 3,000-article pack is ~9 MB; joining it first held two more copies at the run's peak)."""

    def write(fh: BinaryIO) -> None:
        fh.write(f"{PACK_MAGIC} {'0' * TAG_HEX}\n".encode())
        mac = _pack_mac(secret)
        batch: list[bytes] = []
        for line in lines:
            data = line.encode("utf-8", "surrogateescape")
            mac.update(data)
            batch.append(data)
            if len(batch) >= 256:  # a write call per few hundred lines, not one each
                fh.writelines(batch)
                batch.clear()
        fh.writelines(batch)
        fh.seek(0)
        fh.write(f"{PACK_MAGIC} {mac.hexdigest()}\n".encode())

    return write


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _read_entry(path: Path, limit: int) -> bytes | None:
    """A cache file's bytes; None (a miss) when absent, not a regular file, a link, or over ``limit``."""
    from contentci.core.files import read_regular

    try:
        return read_regular(path, limit, follow_symlinks=False)
    except OSError:
        return None


def _unsafe_folder(root: Path, folder: Path) -> str | None:
    """Why ``folder`` (inside ``root``) is no place for the cache: a part of it that is a file or a link."""
    part = root
    for name in folder.relative_to(root).parts:
        part = part / name
        try:
            st = os.lstat(part)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"{part}: {exc.strerror or exc}"
        import stat

        if stat.S_ISLNK(st.st_mode):
            return f"{part} is a symbolic link"
        if not stat.S_ISDIR(st.st_mode):
            return f"{part} is not a folder"
    return None


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        if os.path.lexists(probe):
            probe.unlink()
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _NONBLOCK, 0o600))
        probe.unlink()
        return True
    except OSError:
        return False


def pack_text(result: FileResult) -> str:
    """A result as bundles and packs store it: ``FINDINGS<TAB>METRICS``, each compact JSON (no tab
    or newline inside). Workers encode their own fresh results, in parallel."""
    rows = [d.to_row() for d in result.diagnostics]
    return json.dumps([result.path, rows], ensure_ascii=False) + "\t" + json.dumps(result.metrics, ensure_ascii=False)


class PackedResult(FileResult):
    """A result read from a pack. Its metrics are decoded when first read: text, GitHub and SARIF
    output never read them, and on a warm run they were a third of the decoding."""

    @property
    def metrics(self) -> dict:  # type: ignore[override]
        value = self.__dict__.get("_metrics")
        if value is None:
            value = json.loads(self.__dict__.pop("_metrics_text"))
            self.__dict__["_metrics"] = value
        return value

    @metrics.setter
    def metrics(self, value: dict) -> None:
        self.__dict__.pop("_metrics_text", None)
        self.__dict__["_metrics"] = value


_decoder = json.JSONDecoder()


def _from_pack(text: str, start: int, end: int) -> PackedResult:
    """The result a :func:`pack_text` at ``text[start:end]`` holds (decoded in place); raises on malformed input."""
    from contentci.core.diagnostic import from_rows

    (path, rows), tab = _decoder.raw_decode(text, start)
    if not (isinstance(path, str) and text.startswith("\t{", tab) and tab < end and text[end - 1] == "}"):
        raise ValueError("not a packed result")
    result = object.__new__(PackedResult)
    result.__dict__.update(
        path=path, diagnostics=from_rows(rows), internal_error=False, _metrics_text=text[tab + 1 : end]
    )
    return result


class ResultCache:
    def __init__(self, folder: Path, secret: bytes | None = None):
        """``secret``: the key authenticating entries (default: :func:`load_secret`, else one for
        this object alone, so nothing it finds is trusted)."""
        self.folder = folder
        self.secret = secret if secret is not None else (load_secret() or os.urandom(SECRET_BYTES))
        self.fingerprint = code_fingerprint()
        self._config_keys: dict[int, tuple[object, str]] = {}
        self._key_bases: dict[tuple, object] = {}
        self._pack_text = ""  # the pack read, kept whole: its entries are decoded in place when looked up
        self._pack: dict[str, tuple[int, int]] = {}  # key -> where its entry starts and ends in the pack
        self._records: dict[str, str] = {}  # path (as JSON) -> "SIGNATURE<TAB>DIGEST" from the pack
        self._bundles: dict[str, dict[str, str]] = {}
        self._seen: dict[str, tuple | None] = {}  # bundle prefix -> its file's identity when read (None: absent)
        self._listing: set[str] | None = None  # bundle files present when first looked at
        self._new: dict[str, str] = {}  # key -> pack text of a fresh result, not yet flushed
        self._texts: dict[str, str] = {}  # key -> pack text of a result this run made or took from a bundle
        self._reused: set[str] = set()  # keys of this run's hits from the pack
        self._noted: dict[str, str] = {}  # path (as JSON) -> this run's stat record
        self.hits = 0
        self.misses = 0
        self.notices: list[str] = []  # what went wrong with the cache folder; the run goes on

    @classmethod
    def open(cls, config_root: Path, notices: list[str] | None = None) -> ResultCache | None:
        """The cache for a config folder: ``<root>/.contentci_cache``, else the user cache folder;
        None (no cache) when neither is writable or the key that authenticates entries cannot be had.
        Why the local folder was passed over goes to ``notices`` (when it exists but is unusable)."""
        secret = load_secret()
        if secret is None:
            return None
        local = config_root / FOLDER
        unsafe = _unsafe_folder(config_root, local / LAYOUT / "bundles") or _unsafe_folder(
            config_root, local / LAYOUT / "packs"
        )
        if unsafe is None and _writable(local / LAYOUT):
            ignore = local / ".gitignore"
            if not os.path.lexists(ignore):
                try:  # O_EXCL | O_NOFOLLOW: a link planted here is never written through
                    fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _NONBLOCK, 0o644)
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(b"# contentci's result cache; safe to delete.\n*\n")
                except OSError:
                    pass
            return cls(local / LAYOUT, secret)
        if notices is not None and (unsafe or os.path.lexists(local)):
            notices.append(f"result cache: {unsafe or f'{local} is not writable'}; using the user cache folder")
        from contentci.core.paths import cache_dir

        root_id = blake2b(os.fsencode(config_root.resolve()), digest_size=8).hexdigest()
        user = cache_dir() / "results" / root_id / LAYOUT
        return cls(user, secret) if _writable(user) else None

    # -- keys ------------------------------------------------------------------------
    def _config_key(self, config) -> str:
        cached = self._config_keys.get(id(config))
        if cached is None or cached[0] is not config:
            cached = (config, config.key)
            self._config_keys[id(config)] = cached
        return cached[1]

    def key(self, path: str, content: bytes, config, selection, extra: str = "") -> str:
        """The key of a file's result: this tool and its settings, the path, and ``content``,
        the :func:`contentci.run.parallel.digest` of the file's bytes; keyed with this user's secret."""
        parts = (self._config_key(config), selection.select, selection.ignore, extra)
        base = self._key_bases.get(parts)
        if base is None:  # what is the same for every file of a run, hashed once
            base = blake2b(digest_size=20, key=self.secret, person=b"contentci-result")
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
        data = "\0".join((self.fingerprint, *parts)).encode("utf-8", "surrogateescape")
        return blake2b(data, digest_size=12).hexdigest()

    # -- bundles ---------------------------------------------------------------------
    def _tag(self, key: str, text: str) -> str:
        """A bundle line's tag: its key and result text, keyed with this user's secret."""
        h = blake2b(key.encode(), digest_size=TAG_HEX // 2, key=self.secret, person=b"contentci-line")
        h.update(b"\t" + text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _bundle_path(self, prefix: str) -> Path:
        return self.folder / "bundles" / f"{prefix}.tsv"

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
        return f"{prefix}.tsv" in self._listing

    def _bundle(self, prefix: str, *, look: bool = True) -> dict[str, str]:
        """The bundle's entries, key -> "TAG<TAB>pack text" (verified and decoded only when looked up)."""
        bundle = self._bundles.get(prefix)
        if bundle is None:
            bundle = {}
            self._seen[prefix] = None
            if look:
                identity = self._identity(prefix)
                data = _read_entry(self._bundle_path(prefix), BUNDLE_LIMIT_BYTES)
                text = "" if data is None else data.decode("utf-8", "surrogateescape")
                if data is not None:
                    self._seen[prefix] = identity
                # Only "KEY<TAB>..." lines of this bundle, so a damaged one is cleaned when next written.
                # (split("\n"), not splitlines(): JSON written with ensure_ascii=False keeps U+2028.)
                match = _KEY.fullmatch
                for line in text.split("\n"):
                    if line.startswith(prefix) and line[40:41] == "\t" and match(line, 0, 40):
                        bundle[line[:40]] = line[41:]
            self._bundles[prefix] = bundle
        return bundle

    def get(self, key: str) -> FileResult | None:
        span = self._pack.get(key)
        if span is not None:
            try:
                result: FileResult = _from_pack(self._pack_text, *span)
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                pass  # malformed: a miss, rewritten after the check
            else:
                self.hits += 1
                self._reused.add(key)
                return result
        prefix = key[:BUNDLE_PREFIX]
        text = self._bundle(prefix, look=prefix in self._bundles or self._exists(prefix)).get(key)
        if text is not None:
            tag, tab, text = text[:TAG_HEX], text[TAG_HEX : TAG_HEX + 1], text[TAG_HEX + 1 :]
            if tab != "\t" or not same_tag(tag, self._tag(key, text)):
                text = None  # forged, edited or made with another key: a miss
        if text is not None:
            try:
                result = _from_pack(text, 0, len(text))
                # No checksum guards a bundle line: its metrics are decoded now, not when output asks.
                if not isinstance(result.metrics, dict):
                    raise ValueError("metrics are not an object")
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                pass
            else:
                self.hits += 1
                self._texts[key] = text  # the pack takes it as it is
                return result
        self.misses += 1
        return None

    def put(self, key: str, result: FileResult, text: str | None = None) -> None:
        """Remember a fresh result (``text``: its :func:`pack_text`, when a worker made it); :meth:`flush`
        writes it."""
        if not result.internal_error:  # a crashed rule must run again next time
            if text is None:
                text = pack_text(result)
            self._new[key] = self._texts[key] = text  # one string for the bundle and the pack

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
            tag = self._tag
            bundle.update({key: f"{tag(key, text)}\t{text}" for key, text in entries.items()})
            try:
                _atomic_write(self._bundle_path(prefix), "".join(f"{k}\t{text}\n" for k, text in bundle.items()))
            except OSError as exc:
                self._unwritten(exc)
            self._bundles.pop(prefix, None)  # what is on disk now is ours; read it again if needed
        self._new.clear()

    # -- stat records ----------------------------------------------------------------
    def known_digest(self, path: str, sig: tuple) -> bytes | None:
        """The digest of the file's bytes when the pack's record for ``path`` has this signature."""
        name = encode_basestring(path)
        record = self._records.get(name)
        if record is None:
            return None
        stamp, tab, hexdigest = record.partition("\t")
        if stamp != _stamp(sig) or len(hexdigest) != 40:
            return None
        try:
            digest = bytes.fromhex(hexdigest)
        except ValueError:
            return None
        self._noted[name] = record
        return digest

    def note(self, path: str, sig: tuple, digest: bytes, since_ns: int) -> bool:
        """Keep a stat record for a file read after ``since_ns`` with signature ``sig`` (taken before
        the read), when the file had settled by then; returns whether it had."""
        name = encode_basestring(path)
        if not settled(sig, since_ns):
            self._noted.pop(name, None)
            return False
        self._noted[name] = f"{_stamp(sig)}\t{digest.hex()}"
        return True

    # -- packs -----------------------------------------------------------------------
    def _pack_path(self, scope: str) -> Path:
        return self.folder / "packs" / f"{scope}.pack"

    def load_pack(self, scope: str) -> None:
        """Read the scope's pack: its stat records, and where each result is (decoded when looked up).

        Lines are found with ``str.find``, not split: a warm run of 3,000 articles reads 9 MB here,
        and copying it line by line cost more than decoding the entries it then uses.
        """
        data = _read_entry(self._pack_path(scope), PACK_LIMIT)
        if data is None:
            return
        head_end = data.find(b"\n") + 1
        mac = _pack_mac(self.secret)
        mac.update(memoryview(data)[head_end:])
        if not same_tag(data[:head_end], f"{PACK_MAGIC} {mac.hexdigest()}\n".encode()):
            return  # damaged, truncated, forged, made with another key or another layout: ignored whole
        try:
            text = data[head_end:].decode("utf-8", "surrogateescape")
        except ValueError:
            return
        records: dict[str, str] = {}
        pack: dict[str, tuple[int, int]] = {}
        find = text.find
        start, size = 0, len(text)
        while start < size:
            end = find("\n", start)
            if end < 0:
                end = size
            if text.startswith('"', start):  # a stat record: "PATH"<TAB>SIGNATURE<TAB>DIGEST
                tab = find("\t", start, end)
                if tab > 0:
                    records[text[start:tab]] = text[tab + 1 : end]
            elif text.startswith("\t", start + 40):  # a result: KEY<TAB>FINDINGS<TAB>METRICS
                pack[text[start : start + 40]] = (start + 41, end)
            start = end + 1
        self._pack_text, self._records, self._pack = text, records, pack

    def save_pack(self, scope: str, entries: Iterable[tuple[str, FileResult]]) -> None:
        """Write the scope's pack: this run's results and stat records (unless it holds exactly those)."""
        entries = [(key, r) for key, r in entries if not r.internal_error]
        if (
            len(entries) == len(self._pack) == len(self._reused)
            and all(key in self._reused for key, _ in entries)
            and self._noted == self._records
        ):
            return  # the pack already holds exactly these results and records (a warm re-run)

        def lines() -> Iterator[str]:
            for name, record in self._noted.items():
                yield f"{name}\t{record}\n"
            for key, r in entries:
                span = self._pack.get(key) if key in self._reused else None
                if span is not None:
                    text = self._pack_text[span[0] : span[1]]
                else:
                    text = self._texts.get(key)
                    if text is None:
                        text = pack_text(r)
                yield f"{key}\t{text}\n"

        try:
            _atomic_write(self._pack_path(scope), _pack_writer(lines(), self.secret))
        except OSError as exc:
            self._unwritten(exc)

    def _unwritten(self, exc: OSError) -> None:
        """A cache file could not be written (read-only, full, replaced by something else): one notice."""
        if not self.notices:
            self.notices.append(f"result cache not saved in {self.folder}: {exc.strerror or exc}")
