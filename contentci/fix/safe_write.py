"""Writing a fixed file without ever leaving it half-written or clobbering someone else's edit.

A fix reads a :class:`Snapshot` (bytes, size, mtime, inode), computes the new
bytes, and :func:`replace` writes them to a temporary file in the same folder
(same file system, so the rename is atomic), copies the permission bits, and
renames it over the original only if the file on disk still matches the
snapshot. A symlink is followed: the file it points to is replaced, the link
stays a link. A read-only file (no write bit, or not writable by this user) is
refused, though renaming over it would succeed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from contentci.core.errors import ContentciError


class FileChanged(ContentciError):
    """The file changed on disk between reading it and writing the fix."""


class ReadOnly(ContentciError):
    """The file is read-only: fix leaves it as it is, as an editor would not save over it."""


@dataclass(frozen=True)
class Snapshot:
    path: Path  # the real file (symlinks resolved)
    data: bytes
    size: int
    mtime_ns: int
    inode: int
    mode: int

    def still_current(self) -> bool:
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns, st.st_ino) != (self.size, self.mtime_ns, self.inode):
            return False
        try:
            return self.path.read_bytes() == self.data
        except OSError:
            return False


def snapshot(path: str | os.PathLike) -> Snapshot:
    real = Path(os.path.realpath(path))
    with open(real, "rb") as fh:
        st = os.fstat(fh.fileno())
        data = fh.read()
    return Snapshot(real, data, st.st_size, st.st_mtime_ns, st.st_ino, st.st_mode)


def replace(snap: Snapshot, new_data: bytes, display: str | None = None) -> None:
    """Atomically replace the snapshot's file with ``new_data``; refuse if it changed meanwhile."""
    name = display or str(snap.path)
    # The rename below needs only the folder to be writable: without this, a file its owner made
    # read-only would be replaced all the same (and root may write anything).
    if not snap.mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(snap.path, os.W_OK):
        raise ReadOnly(f"{name} is read-only; nothing written (make it writable to fix it)")
    if not snap.still_current():
        raise FileChanged(f"{name} changed on disk while contentci was fixing it; nothing written, run fix again")
    fd, tmp = tempfile.mkstemp(dir=snap.path.parent, prefix=f".{snap.path.name}.", suffix=".contentci-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(new_data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(snap.mode))
        try:
            st = os.stat(snap.path)
            os.chown(tmp, st.st_uid, st.st_gid)
        except (OSError, AttributeError):
            pass  # only the owner's own files can be given away; permissions are what matter
        if not snap.still_current():  # last look, as close to the rename as we can get
            raise FileChanged(f"{name} changed on disk while contentci was fixing it; nothing written, run fix again")
        os.replace(tmp, snap.path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
