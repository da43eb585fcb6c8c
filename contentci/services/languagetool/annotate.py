"""A Document's prose as LanguageTool annotated text whose every character is source.

Each prose block becomes a :class:`Paragraph`: the source from the block's first prose character
to its last, cut into segments. Verbatim prose pieces are ``text``; a decoded entity or escape
(``&amp;``, ``\\*``, a CRLF soft break) is ``markup`` read as its decoded character; the source
between pieces is ``markup`` too: emphasis and link syntax (``**``, ``[``, ``](url)``) read as
nothing, while inline code, bare URLs and images read as the placeholder word ``X`` and inline
HTML as a space, so the sentence around them still parses. Those last ones are *opaque*: a match
that touches them is dropped, so code, URLs and HTML are never reported.

Because text and markup together are exactly the source slice, LanguageTool's match offsets
(after UTF-16 conversion, see :mod:`.client`) are offsets into the source.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from contentci.document.model import URL_RE, Block, Document

PLACEHOLDER = "X"
_CODE_OR_IMAGE = re.compile(r"`|!\[|<[a-zA-Z][a-zA-Z0-9+.-]*:")  # inline code, image, autolink


@dataclass(frozen=True)
class Segment:
    source: str
    markup: bool = False
    interpret: str = ""  # what markup reads as
    opaque: bool = False  # code, URL, HTML, image: matches touching it are dropped

    def as_json(self) -> dict:
        if not self.markup:
            return {"text": self.source}
        return {"markup": self.source, "interpretAs": self.interpret} if self.interpret else {"markup": self.source}


@dataclass
class Paragraph:
    """One prose block's source slice, starting at source offset ``start``."""

    start: int
    segments: list[Segment] = field(default_factory=list)

    @cached_property
    def source(self) -> str:
        return "".join(s.source for s in self.segments)

    @cached_property
    def opaque_spans(self) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for s in self.segments:
            if s.opaque:
                spans.append((pos, pos + len(s.source)))
            pos += len(s.source)
        return spans

    @cached_property
    def key(self) -> str:
        """Content hash: the cache key part that depends on the paragraph (not on its position)."""
        data = json.dumps([s.as_json() for s in self.segments], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def touches_opaque(self, start: int, end: int) -> bool:
        return any(start < b and end > a or a <= start < b for a, b in self.opaque_spans)

    def add(self, segment: Segment) -> None:
        if segment.source:
            self.segments.append(segment)


def paragraphs(doc: Document) -> list[Paragraph]:
    """Every prose block of ``doc`` as annotated text (memoised per document)."""
    return doc.memo(_paragraphs)


def _paragraphs(doc: Document) -> list[Paragraph]:
    out = []
    for block in doc.blocks:
        para = paragraph(doc, block)
        if para is not None and para.source.strip():
            out.append(para)
    return out


def paragraph(doc: Document, block: Block) -> Paragraph | None:
    if not block.pieces:
        return None
    src = doc.source
    para = Paragraph(block.pieces[0].src_start)
    pos = para.start
    for piece in block.pieces:
        if piece.src_start > pos:
            para.add(gap(doc, pos, piece.src_start))
        original = src[piece.src_start : piece.src_start + piece.src_len]
        prose = block.text[piece.text_start : piece.text_start + piece.length]
        if piece.verbatim and original == prose:
            para.add(Segment(original))
        else:
            para.add(Segment(original, markup=True, interpret=prose))
        pos = max(pos, piece.src_start + piece.src_len)
    return para


def gap(doc: Document, start: int, end: int) -> Segment:
    """Source between two prose pieces of one block, as markup."""
    text = doc.source[start:end]
    if any(a < end and b > start for a, b in doc.html_spans):
        return Segment(text, markup=True, interpret=" ", opaque=True)
    if _CODE_OR_IMAGE.search(text) or _bare_url(text):
        return Segment(text, markup=True, interpret=PLACEHOLDER, opaque=True)
    return Segment(text, markup=True)


def _bare_url(text: str) -> bool:
    """A URL that is not a link destination ``](...)`` (those read as nothing)."""
    stripped = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]", "", text)
    return bool(URL_RE.search(stripped))
