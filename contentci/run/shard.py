"""``--shard K/N``: a deterministic share of the file set, so a CI matrix can split a large library.

A file belongs to shard ``hash(path) % N + 1``, where the path is relative to
the config folder (the same on every runner) and the hash is BLAKE2b (stable
across processes and Python versions, unlike ``hash()``). Every file lands in
exactly one shard; adding a file never moves the others.
"""

from __future__ import annotations

import hashlib
import re

from contentci.core.errors import ContentciError

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*\Z")


def parse(value: str) -> tuple[int, int]:
    """``"2/4"`` -> (2, 4); a clear error for anything else."""
    m = _SHARD.match(value or "")
    if not m:
        raise ContentciError(f"--shard {value!r}: expected K/N, e.g. 1/4")
    k, n = int(m.group(1)), int(m.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ContentciError(f"--shard {value!r}: K must be between 1 and N (N at least 1)")
    return k, n


def shard_of(relpath: str, n: int) -> int:
    digest = hashlib.blake2b(relpath.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % n + 1


def select(targets: list, k: int, n: int) -> list:
    """The targets (with a ``relpath``) that belong to shard ``k`` of ``n``."""
    return [t for t in targets if shard_of(t.relpath, n) == k]
