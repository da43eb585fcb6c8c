"""The source lines of reported files, for text excerpts and rdjson's byte columns.

A report carries line:column spans, not the articles' text (a warm run never reads an article:
its results come from the cache). So when an output needs the source, the command hands the
formatter a :class:`Sources`, which reads each file once, when first asked, through
:func:`contentci.core.files.read_regular` (regular files only, the article size cap) and decodes
it as the checker did (:func:`contentci.document.parse.decode`: BOM stripped, UTF-8 or UTF-16),
so columns count the same code points. A file that vanished, is refused or no longer decodes
gives ``None``, and the output goes on without its excerpt. The file is read as it is when the
output is written; a line a finding names that is no longer there gives no excerpt either.
"""

from __future__ import annotations

from contentci.core.errors import DocumentError
from contentci.core.files import ARTICLE_LIMIT, read_regular


class Sources:
    def __init__(self) -> None:
        self._text: dict[str, str | None] = {}

    def text(self, path: str) -> str | None:
        """The decoded text of ``path``, or None when it cannot be read now."""
        if path not in self._text:
            self._text[path] = _read(path)
        return self._text[path]

    def lines(self, path: str) -> list[str] | None:
        """Its lines split as the checker counts them (on LF; a CR before it stays on the line)."""
        text = self.text(path)
        return None if text is None else text.split("\n")


def _read(path: str) -> str | None:
    from contentci.document.parse import decode

    try:
        return decode(read_regular(path, ARTICLE_LIMIT))[0]
    except (OSError, DocumentError, ValueError):
        return None
