"""Bytes to :class:`~contentci.document.model.Document`: decoding, front matter, and the front end.

Markdown goes to the Rust parser (markdown-it-pyrs, :mod:`.markdown_fast`) and falls back to
markdown-it-py (:mod:`.markdown`) where the fast one declines; anything else is plain text.
"""

from __future__ import annotations

import re

from contentci.core.errors import DocumentError
from contentci.document.front_matter import read_front_matter
from contentci.document.model import Document, _BlockBuilder, add_prose_text

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_LINE_CONTENT = re.compile(r"[^\r\n]+")


def _extract_markdown(doc: Document, body_start: int) -> None:
    from contentci.document import markdown, markdown_fast

    src = doc.source
    # Blank out front matter (keeping line breaks) so token line maps match the file.
    masked = _LINE_CONTENT.sub(_blank, src[:body_start]) + src[body_start:]
    if not markdown_fast.extract(doc, masked, body_start):
        markdown.extract_tokens(doc, markdown._parser().parse(masked), body_start)


def _blank(m: re.Match) -> str:
    return " " * (m.end() - m.start())


def _extract_plain(doc: Document, body_start: int) -> None:
    """Plain text: paragraphs are separated by blank lines; line breaks read as spaces."""
    for m in re.finditer(r"(?:[^\S\n]*\S[^\n]*(?:\n|$))+", doc.source[body_start:]):
        start = body_start + m.start()
        builder = _BlockBuilder()
        lines = m.group().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for n, line in enumerate(lines):
            content = line.rstrip("\r")
            if n:
                builder.add("\n", start - 1, 1)
            add_prose_text(doc, builder, content, start)
            start += len(line) + 1
        block = builder.build("paragraph", 0)
        if block:
            doc.blocks.append(block)


def decode(data: bytes) -> tuple[str, bool, str]:
    """Decode file bytes: UTF-8 (optionally with BOM) or BOM-marked UTF-16.

    Returns (text, had_bom, encoding). Raises DocumentError with a reason a
    person can act on for binary or mis-encoded files.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), True, "utf-16"
        except UnicodeDecodeError as exc:
            raise DocumentError(f"not valid UTF-16 (byte {exc.start})") from None
    if b"\x00" in data:  # anywhere: a NUL later on would otherwise be parsed as text
        raise DocumentError("looks like a binary file (it contains NUL bytes)")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DocumentError(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}") from None
    return text, bom, "utf-8"


def parse(path: str, data: bytes) -> Document:
    """Bytes to Document. Markdown by suffix; anything else is plain text."""
    text, bom, encoding = decode(data)
    markdown = path.lower().endswith(MARKDOWN_SUFFIXES)
    doc = Document(path, text, markdown=markdown, bom=bom, encoding=encoding)
    body_start = read_front_matter(doc)
    if markdown:
        _extract_markdown(doc, body_start)
    else:
        _extract_plain(doc, body_start)
    return doc
