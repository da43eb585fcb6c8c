"""Reading a file someone else may have made: regular files only, never blocking, never more than a cap.

One helper for every file contentci reads from the checkout (articles, config, cache entries,
shard reports, files to fix), so a FIFO, a device, a symbolic link to ``/dev/zero`` or a huge
file is refused the same way everywhere: the file is opened with ``O_NONBLOCK`` (a FIFO cannot
block the open), checked with ``fstat`` on what was opened (no window for a swap after a
``stat``), and read up to the cap plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat

# Larger articles are reported, not read: ~300,000 words, far past any article, and it bounds a run's time.
ARTICLE_LIMIT = 2 * 2**20

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class Refused(OSError):
    """The file is not one to read: not a regular file, over the cap, or a link where none may be."""


def size_text(n: int) -> str:
    """A byte count as the limits are written: ``2 MiB``, ``256 KiB``, ``1.5 MiB``."""
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def read_regular(path: str | os.PathLike, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises :class:`Refused` (an OSError with a reason a person can act on) for a folder, a FIFO,
    socket or device, a file over ``limit`` (also one that grows past it while read), or, with
    ``follow_symlinks=False``, a symbolic link; other OSErrors as they come.
    """
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY | (0 if follow_symlinks else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise Refused(errno.ELOOP, "a symbolic link (not followed here)") from None
        if exc.errno == errno.ELOOP:
            raise Refused(errno.ELOOP, "symbolic link loop") from None
        if exc.errno == errno.EISDIR:
            raise Refused(errno.EISDIR, "it is a folder") from None
        raise
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Refused(errno.EISDIR, "it is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise Refused(errno.EINVAL, "it is not a regular file (a pipe, socket or device)")
        if st.st_size > limit:
            raise Refused(errno.EFBIG, f"{size_text(st.st_size)} is over the {size_text(limit)} limit")
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a regular file never blocks; reads below want whole answers
        # The size it has now, plus one byte to see whether it grew (reading limit + 1 at once
        # allocated the whole cap for every small file).
        chunks = [os.read(fd, st.st_size + 1)]
        got = len(chunks[0])
        while got > st.st_size and got <= limit:
            more = os.read(fd, min(limit + 1 - got, 1 << 20))
            if not more:
                break
            chunks.append(more)
            got += len(more)
        if got > limit:
            raise Refused(errno.EFBIG, f"over the {size_text(limit)} limit (it grew while read)")
        if got < st.st_size:  # a short read of a regular file: read the rest
            while got < st.st_size:
                more = os.read(fd, st.st_size - got)
                if not more:
                    break
                chunks.append(more)
                got += len(more)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def reason(exc: OSError) -> str:
    """What an OSError from :func:`read_regular` says to a person."""
    if isinstance(exc, Refused):
        return exc.strerror or str(exc)
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)
