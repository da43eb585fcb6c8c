"""``contentci/unreadable``: the file could not be read or decoded as text."""

from __future__ import annotations

from contentci.core.registry import rule


@rule("contentci/unreadable", "error")
def unreadable(doc, ctx):
    """The file could not be read or decoded as text.

    contentci reads UTF-8 (with or without a byte-order mark) and UTF-16 with a
    byte-order mark. A binary file (a NUL byte anywhere), a file with invalid
    UTF-8, one that cannot be opened, a symbolic link loop, a pipe or device, or
    a file over 2 MiB (about 300,000 words: far past any article, and the cap
    keeps every run's time bounded) gets this one finding, at line 1, and no
    others; every other file in the run is still checked.

    Fires: a PNG image renamed to ``photo.md``; a Latin-1 file with ``caf\\xe9``.
    Passes: any UTF-8 text file.
    """
    return ()
