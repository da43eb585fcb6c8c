"""Checking many files: the content cache, then a process pool for what is left.

``check_bytes`` is a pure function of (path, bytes, resolved config, selection),
so the parent reads each file, looks its key up in the cache, and sends only
the misses to worker processes in chunks; results come back in input order, so
output never depends on ``--jobs``. A run of fewer than :data:`POOL_MIN_FILES`
files stays in-process: starting workers costs more than it saves (measured in
docs/performance.md). Workers are forked where the platform allows, inheriting
the loaded rules and word tables; if a worker dies (a crash in a native
library), the files it held are checked again in-process with the pure-Python
Markdown parser, so one bad file cannot sink a run.

Pool workers read their files again themselves rather than receive the
parent's copy: the parent then holds no file's bytes when it forks, so the
workers do not each map a copy of the corpus (14 MB for 3,000 articles, counted
again in every worker's RSS). A file changed between the two reads is checked
as it is now, and not cached under the old bytes' key.

Rules that need an outside service (the ``grammar`` family, via LanguageTool)
are split off when services are configured: the cacheable part runs as above,
the service part runs in-process afterwards with the services, never cached
here (LanguageTool keeps its own cache), and the two results are merged. Such a
run reads every file, unchanged or not (grammar needs the text), so it takes no
digest from a stat record (see :mod:`contentci.run.cache`); it notes the records again.

Workers die with the run: a ``kill -9`` of the parent must not leave workers
holding its stdout (a CI step reading the output would wait for ever). Each
worker asks Linux for SIGKILL when its parent goes (``PR_SET_PDEATHSIG``), and
also watches its parent's pid, which covers other platforms and spawned
workers. ``--jobs`` is capped at :data:`JOBS_PER_CORE` workers per usable core:
more only costs memory (1,000 workers took 13 GB).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contentci.config.loading import ResolvedConfig
from contentci.core import registry
from contentci.core.files import ARTICLE_LIMIT
from contentci.core.result import FileResult, Selection
from contentci.engine.check import check_bytes, unreadable

try:  # what hashlib.blake2b is; importing it alone does not load OpenSSL's libcrypto for hashlib
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

POOL_MIN_FILES = 16  # below this a pool costs more than it saves (benchmarks/pool_threshold.py; docs/performance.md)
MAX_FILE_BYTES = ARTICLE_LIMIT  # check and fix read files alike (contentci.core.files)
JOBS_PER_CORE = 4  # --jobs above this many workers per usable core is capped: they only cost memory
WATCH_PARENT_S = 0.5  # how often a worker looks whether its parent is still there


@dataclass(frozen=True)
class Reread:
    """A file a worker reads itself, and the digest of the bytes its cache key was made from."""

    path: str | Path
    digest: bytes | None  # None: not cached, nothing to compare


def digest(data: bytes) -> bytes:
    """A file's bytes as its cache key uses them, and as a worker compares what it read again."""
    return blake2b(data, digest_size=20).digest()


@dataclass(frozen=True)
class Job:
    display: str  # path as reported
    path: str | Path  # where to read it
    config: ResolvedConfig


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_cap() -> int:
    """The most workers a run starts, whatever ``--jobs`` asks."""
    return JOBS_PER_CORE * default_jobs()


def capped_workers(requested: int | None) -> tuple[int | None, str | None]:
    """``requested`` within :func:`worker_cap`, and a notice when it was over it (not an error)."""
    cap = worker_cap()
    if requested is None or requested <= cap:
        return requested, None
    return cap, f"--jobs {requested} is more than {JOBS_PER_CORE} per usable core; using {cap} worker processes"


def split_selection(selection: Selection) -> tuple[Selection, Selection | None]:
    """(the cacheable selection, the service-only selection or None when no service rule is selected).

    A rule that ``needs`` a service (``registry.rule(..., needs=("languagetool",))``) goes in the second."""
    service_families = tuple(registry.service_needs())
    pure = Selection(selection.select, selection.ignore + service_families)
    if selection.select and "all" not in selection.select:
        wanted = tuple(p for p in selection.select if p.rstrip("/").split("/", 1)[0] in service_families)
        if not wanted:
            return pure, None
    else:
        wanted = service_families
    return pure, Selection(wanted, selection.ignore)


def _merge(pure: FileResult, service: FileResult) -> FileResult:
    merged = FileResult(
        pure.path,
        pure.diagnostics + service.diagnostics,
        dict(pure.metrics),
        pure.internal_error or service.internal_error,
    )
    for name, value in service.metrics.items():
        merged.metrics.setdefault(name, value)
    merged.diagnostics.sort(key=lambda d: d.sort_key)
    return merged


def check_jobs(
    jobs: list[Job],
    selection: Selection,
    services: dict[str, Any] | None = None,
    *,
    workers: int | None = None,
    cache=None,
    scope: str = "",
    progress: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Results for ``jobs``, in the same order."""
    workers = default_jobs() if not workers or workers < 1 else min(workers, worker_cap())
    services = services or {}
    needed = {name for names in registry.service_needs().values() for name in names}
    live = {k: v for k, v in services.items() if k in needed and v is not None}
    plain = {k: v for k, v in services.items() if k not in needed}  # plain values: part of the cache key
    plain_key = repr(sorted(plain.items()))
    pure_selection, service_selection = split_selection(selection) if live else (selection, None)

    early = progress if service_selection is None else None  # report each file as soon as it is final
    results: list[FileResult | None] = [None] * len(jobs)
    blobs: list[bytes | None] = [None] * len(jobs)
    keys: list[str | None] = [None] * len(jobs)
    digests: list[bytes | None] = [None] * len(jobs)
    unsettled: list[tuple[int, tuple]] = []  # (job, signature) of files changed just before this run read them
    todo: list[int] = []
    since = 0
    if cache is not None and scope:
        cache.load_pack(scope)
        from contentci.run.cache import clock

        since = clock()  # before any stat: see "Stat records" in contentci.run.cache
    for i, job in enumerate(jobs):
        sig = None
        if since:
            sig = _signature(job.path)
            # A service part (grammar) needs the bytes anyway: then the file is read, and its
            # stat record noted again below, rather than its digest taken from the record.
            if sig is not None and service_selection is None:
                known = cache.known_digest(str(job.path), sig)
            else:
                known = None
            if known is not None:  # unchanged since a run read it: its digest without reading it
                key = cache.key(job.display, known, job.config, pure_selection, plain_key)
                hit = cache.get(key)
                if hit is not None:
                    results[i], keys[i], digests[i] = hit, key, known
                    if early is not None:
                        early(hit)
                    continue
        data = read_file(job.path)
        if isinstance(data, str):
            results[i] = unreadable(job.display, data)
            if early is not None:
                early(results[i])
            continue
        blobs[i] = data
        if cache is not None:
            digests[i] = digest(data)
            if sig is not None and not cache.note(str(job.path), sig, digests[i], since):
                unsettled.append((i, sig))
            keys[i] = cache.key(job.display, digests[i], job.config, pure_selection, plain_key)
            hit = cache.get(keys[i])
            if hit is not None:
                results[i] = hit
                if early is not None:
                    early(hit)
                continue
        todo.append(i)

    pooled = workers > 1 and len(todo) >= POOL_MIN_FILES and service_selection is None
    items = []
    for i in todo:
        data = blobs[i]
        if pooled:  # the worker reads it: see the module docstring
            data = Reread(jobs[i].path, digests[i])
            blobs[i] = None
        items.append((jobs[i].display, data, jobs[i].config, pure_selection, plain))
    texts: list[str | bool | None] = []
    done = _run(items, workers, early, texts=texts if cache is not None else None)
    for i, result, text in zip(todo, done, texts or [None] * len(done)):
        results[i] = result
        if cache is not None and text is not False:  # False: the file changed after its key was made
            cache.put(keys[i], result, text)

    if cache is not None:  # store the cacheable part only, before any service findings are merged in
        cache.flush()
        if scope:
            if unsettled:
                _settle(cache, jobs, unsettled, digests)
            cache.save_pack(scope, [(k, r) for k, r in zip(keys, results) if k is not None and r is not None])

    if service_selection is not None:
        for i, job in enumerate(jobs):
            if blobs[i] is None:
                continue  # unreadable: reported as such
            extra = check_bytes(job.display, blobs[i], job.config, service_selection, services)
            results[i] = _merge(results[i], extra)

    final = [r for r in results if r is not None]
    if progress is not None and early is None:
        for r in final:
            progress(r)
    return final


def _signature(path) -> tuple | None:
    from contentci.run.cache import signature

    try:
        return signature(os.stat(path))
    except (OSError, ValueError):
        return None


def _settle(cache, jobs: list[Job], unsettled: list[tuple[int, tuple]], digests: list[bytes | None]) -> None:
    """Files that had changed just before this run read them: read them once more now that they may
    have settled (a long run), so the next run need not (their stat records; see contentci.run.cache)."""
    from contentci.run.cache import clock, settled

    since = clock()
    for i, sig in unsettled:
        path = str(jobs[i].path)
        if not settled(sig, since) or _signature(path) != sig:
            continue
        data = read_file(path)
        if not isinstance(data, str) and digest(data) == digests[i]:
            cache.note(path, sig, digests[i], since)


def read_file(path: str | Path) -> bytes | str:
    """The file's bytes, or why they cannot be read (a FIFO would block, a huge file would stall the run)."""
    from contentci.core.files import read_regular, reason

    try:
        return read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        why = reason(exc)
        return f"{why} for one file" if exc.errno == errno.EFBIG else why
    except (RuntimeError, ValueError) as exc:
        return str(exc)


# -- running the misses ---------------------------------------------------------------


def _check_one(item) -> FileResult:
    """check_bytes, with any unexpected exception turned into this file's internal-error finding."""
    display, data, config, selection, plain_services = item
    if isinstance(data, str):  # a worker's own read failed: the file went away or changed kind
        return unreadable(display, data)
    try:
        return check_bytes(display, data, config, selection, plain_services or None)
    except Exception as exc:
        from contentci.core.diagnostic import Diagnostic, Severity

        message = f"checking this file failed: {type(exc).__name__}: {exc} (please report this)"
        return FileResult(
            display,
            [Diagnostic("contentci/internal-error", Severity.ERROR, message, 1, 1, 1, 1, document_level=True)],
            internal_error=True,
        )


def _run_chunk(chunk, progress=None, encode=False):
    """Check a chunk (in a worker, or in-process): (result, its cache text when ``encode``) per item.

    Encoding for the cache here, in the worker, keeps that work off the parent, which does
    everything else of a run one file after another.
    """
    out = []
    for item in chunk:
        item, unchanged = _read_again(item)
        result = _check_one(item)
        text: str | bool | None = None
        if encode and not result.internal_error:
            from contentci.run.cache import pack_text

            text = pack_text(result) if unchanged else False
        out.append((result, text))
        if progress is not None:
            progress(result)
    return out


def _read_again(item) -> tuple[tuple, bool]:
    """The item with a :class:`Reread` replaced by the file's bytes (or why they cannot be read), and
    whether those are the bytes the parent made the cache key from."""
    display, data, *rest = item
    if not isinstance(data, Reread):
        return item, True
    now = read_file(data.path)
    unchanged = data.digest is not None and not isinstance(now, str) and digest(now) == data.digest
    return (display, now, *rest), unchanged


def _run(items, workers: int, progress=None, texts: list | None = None) -> list[FileResult]:
    """Results for ``items`` in order; with a ``texts`` list, their cache texts are appended to it."""
    pairs = _run_pairs(items, workers, progress, texts is not None)
    if texts is not None:
        texts.extend(text for _, text in pairs)
    return [result for result, _ in pairs]


def _run_pairs(items, workers: int, progress, encode: bool) -> list[tuple[FileResult, str | None]]:
    if not items:
        return []
    if workers <= 1 or len(items) < POOL_MIN_FILES:
        return _run_chunk(items, progress, encode)
    workers = min(workers, len(items))
    size = max(1, min(64, len(items) // (workers * 8)))
    chunks = [items[k : k + size] for k in range(0, len(items), size)]
    results: list[list[tuple[FileResult, str | None]] | None] = [None] * len(chunks)
    try:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        context = _context()
        parent = os.getpid() if context.get_start_method() in ("fork", "spawn") else None
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(parent,)
        )
        with pool:
            futures = [pool.submit(_run_chunk, chunk, None, encode) for chunk in chunks]
            for n, future in enumerate(futures):
                try:
                    results[n] = future.result()
                except BrokenProcessPool:
                    break
                if progress is not None:
                    for r, _ in results[n]:
                        progress(r)
    except (OSError, ImportError, NotImplementedError):
        pass  # no process support here (a sandbox without semaphores): fall through to in-process
    missing = [n for n, r in enumerate(results) if r is None]
    if missing:
        _retry_safely(chunks, results, missing, progress, encode)
    return [r for chunk in results for r in chunk]  # type: ignore[union-attr]


def _retry_safely(chunks, results, missing, progress=None, encode=False) -> None:
    """Chunks whose worker died: check them here, with the pure-Python Markdown parser."""
    previous = os.environ.get("CONTENTCI_MARKDOWN")
    os.environ["CONTENTCI_MARKDOWN"] = "py"
    try:
        for n in missing:
            results[n] = _run_chunk(chunks[n], progress, encode)
    finally:
        if previous is None:
            os.environ.pop("CONTENTCI_MARKDOWN", None)
        else:
            os.environ["CONTENTCI_MARKDOWN"] = previous


def _worker_start(parent: int | None) -> None:
    """In each worker, first: die with the run (see the module docstring). ``parent``: the pid
    that started the worker, when it started it itself (fork, spawn), not through a fork server.

    ``PR_SET_PDEATHSIG`` fires when the *thread* that forked the worker ends; the pool is made,
    used and shut down within one call of :func:`_run_pairs`, so that thread outlives its workers.
    """
    import signal
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # no libc prctl (a static or unusual libc): the watch below still works
    watched = os.getppid()
    if parent is not None and watched != parent:  # the parent died before the signal was asked for
        os._exit(1)

    def watch() -> None:
        import time

        while os.getppid() == watched:  # a fork server's workers are re-parented when it goes
            time.sleep(WATCH_PARENT_S)
        os._exit(1)

    threading.Thread(target=watch, name="contentci-parent-watch", daemon=True).start()


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
