"""Writing a fixed file without ever leaving it half-written or clobbering someone else's edit.

A fix reads a :class:`Snapshot` (bytes, size, mtime, inode), computes the new
bytes, and :func:`replace` writes them to a temporary file in the same folder
(same file system, so the rename is atomic), copies the permission bits, and
renames it over the original only if the file on disk still matches the
snapshot. A symlink is followed when it points to a file inside the repository:
that file is replaced and the link stays a link; one pointing out of the repository is refused. A read-only file (no write bit, or not writable by this user) is
refused, though renaming over it would succeed.

A file with more than one hard link is written in place instead, because a rename would give
this name a new inode and leave the other names with the old text: the new bytes go to a
temporary copy first (written, synced and read back), then over the file's own bytes
(write, truncate, sync), and the copy is removed only once the file reads back right.

Temporary files are named ``.NAME.PID.XXXXXXXX.contentci-tmp`` (``.contentci-copy`` for an
in-place write) so that one left by a killed run can be recognised: :func:`clean_stale`,
called before a file is fixed, deletes those of processes that are no longer running. A
stale in-place copy is different: the kill may have come halfway through overwriting the
file, and the copy holds the whole new text, so it is kept (and the file refused with
:class:`Interrupted`) unless the file already reads exactly as the copy.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from contentci.core.errors import ContentciError
from contentci.core.files import ARTICLE_LIMIT, read_regular

TMP_SUFFIX = ".contentci-tmp"  # a whole new file, renamed over the original
COPY_SUFFIX = ".contentci-copy"  # the new text of an in-place write (hard links)
# A temp file whose name carries no pid (made before pids were put in names) counts as stale
# once this old; a fix holds its temp file for well under a second.
STALE_AFTER = 15 * 60
_MIDDLE = re.compile(r"(?:(\d+)\.)?[A-Za-z0-9_]{8}")  # what mkstemp puts between prefix and suffix


class FileChanged(ContentciError):
    """The file changed on disk between reading it and writing the fix."""


class ReadOnly(ContentciError):
    """The file is read-only: fix leaves it as it is, as an editor would not save over it."""


class Interrupted(ContentciError):
    """An earlier fix was killed while writing this file in place; its full new text is kept."""


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
            return read_regular(self.path, ARTICLE_LIMIT) == self.data
        except OSError:
            return False


def snapshot(path: str | os.PathLike, root: str | os.PathLike | None = None) -> Snapshot:
    """The file's bytes, read as ``check`` reads them (a regular file, at most the article limit;
    anything else raises OSError with the reason). A symbolic link is written through only to a
    file inside ``root`` (the repository); one pointing out of it is refused."""
    real = Path(os.path.realpath(path))
    if root is not None and os.path.abspath(path) != str(real):  # a link on the way
        top = os.path.realpath(root)
        if os.path.commonpath([top, str(real)]) != top:
            raise ContentciError(
                f"{path} is a symbolic link to {real}, outside the repository ({top}); not fixed"
            )
    data = read_regular(real, ARTICLE_LIMIT)
    st = os.stat(real)
    if st.st_size != len(data):
        raise FileChanged(f"{path} changed while it was read; nothing written")
    return Snapshot(real, data, st.st_size, st.st_mtime_ns, st.st_ino, st.st_mode)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, as another user
        return True
    return True


def clean_stale(path: str | os.PathLike, display: str | None = None) -> list[str]:
    """Delete temp files an earlier, killed fix left beside ``path``; the names deleted.

    Only names of this module's pattern for this very file count; a running process's are left
    alone. Raises :class:`Interrupted` for a stale in-place copy whose text the file does not have.
    """
    real = Path(os.path.realpath(path))
    prefix = f".{real.name}."
    removed = []
    try:
        entries = list(os.scandir(real.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        suffix = TMP_SUFFIX if name.endswith(TMP_SUFFIX) else COPY_SUFFIX if name.endswith(COPY_SUFFIX) else None
        if suffix is None or not name.startswith(prefix):
            continue
        m = _MIDDLE.fullmatch(name[len(prefix) : -len(suffix)])
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if (m.group(1) and _alive(int(m.group(1))) and age < 24 * 3600) or (not m.group(1) and age < STALE_AFTER):
            continue  # a run in progress (a pid reused for a day is taken as stale)
        if suffix == COPY_SUFFIX:
            try:
                done = read_regular(entry.path, ARTICLE_LIMIT, follow_symlinks=False) == read_regular(
                    real, ARTICLE_LIMIT
                )
            except OSError:
                done = False
            if not done:
                raise Interrupted(
                    f"{display or real}: an earlier fix was stopped while writing it; its new text is in "
                    f"{entry.path}. Check the file, then delete that copy; nothing written"
                )
        try:
            os.unlink(entry.path)
            removed.append(name)
        except FileNotFoundError:
            pass
    return removed


def _temp(snap: Snapshot, suffix: str) -> tuple[int, str]:
    return tempfile.mkstemp(dir=snap.path.parent, prefix=f".{snap.path.name}.{os.getpid()}.", suffix=suffix)


def _changed(name: str) -> FileChanged:
    return FileChanged(f"{name} changed on disk while contentci was fixing it; nothing written, run fix again")


def replace(snap: Snapshot, new_data: bytes, display: str | None = None) -> None:
    """Atomically replace the snapshot's file with ``new_data``; refuse if it changed meanwhile."""
    name = display or str(snap.path)
    # The rename below needs only the folder to be writable: without this, a file its owner made
    # read-only would be replaced all the same (and root may write anything).
    if not snap.mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(snap.path, os.W_OK):
        raise ReadOnly(f"{name} is read-only; nothing written (make it writable to fix it)")
    if not snap.still_current():
        raise _changed(name)
    try:
        links = os.stat(snap.path).st_nlink
    except OSError:
        raise _changed(name) from None
    if links > 1:
        _write_in_place(snap, new_data, name)
        return
    fd, tmp = _temp(snap, TMP_SUFFIX)
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
            raise _changed(name)
        os.replace(tmp, snap.path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_in_place(snap: Snapshot, new_data: bytes, name: str) -> None:
    """Overwrite a hard-linked file's bytes, keeping its inode (and so every other name's view).

    The whole new text is first in a synced, read-back copy beside it: if this process is killed
    while overwriting, the copy survives and the next fix reports it (see :func:`clean_stale`).
    """
    fd, tmp = _temp(snap, COPY_SUFFIX)
    keep = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(new_data)
            fh.flush()
            os.fsync(fh.fileno())
        if Path(tmp).read_bytes() != new_data:
            raise ContentciError(f"{name}: the temporary copy did not read back as written; nothing written")
        with open(snap.path, "r+b") as fh:
            st = os.fstat(fh.fileno())
            if st.st_ino != snap.inode or not snap.still_current():
                raise _changed(name)
            keep = True  # from here on the file may be part-written until the copy is done
            fh.write(new_data)
            fh.truncate(len(new_data))
            fh.flush()
            os.fsync(fh.fileno())
        if snap.path.read_bytes() != new_data:
            raise ContentciError(f"{name}: did not read back as written; its new text is in {tmp}")
        keep = False
    finally:
        if not keep:
            try:
                os.unlink(tmp)
            except OSError:
                pass
