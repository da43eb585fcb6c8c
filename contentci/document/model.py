"""The Document: source text, front matter, and prose blocks mapped back to the source.

Rules read prose (``Block.text``) and report spans in prose coordinates; the
block's pieces translate those back to exact source offsets, and the line index
turns offsets into 1-based line:column (columns count code points). Nothing here
searches the source for matched text after the fact: each piece of prose knows
where it came from while it is extracted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\""


@dataclass(frozen=True)
class Piece:
    """A run of prose: ``length`` characters of block text from ``src_len`` source characters.

    Verbatim runs have ``length == src_len`` and map character by character; a
    decoded entity or escape (``&amp;`` → ``&``) maps as a whole.
    """

    text_start: int
    src_start: int
    length: int
    src_len: int

    @property
    def verbatim(self) -> bool:
        return self.length == self.src_len


class Block:
    """One unit of prose: a heading, paragraph, list item, quote or table cell.

    ``pieces`` map the prose back to the source. The parser hands over its runs as
    plain ``[text_start, src_start, length, src_len]`` lists and :class:`Piece`
    objects are made only if ``pieces`` is read: offsets are translated from the
    runs directly, and most blocks never need a position (a few findings do).
    """

    __slots__ = ("kind", "text", "level", "_runs", "_pieces", "_starts")

    def __init__(self, kind: str, text: str, pieces: list[Piece], level: int = 0):
        self.kind = kind
        self.text = text
        self.level = level  # heading level, or list/quote nesting depth
        self._runs = [[p.text_start, p.src_start, p.length, p.src_len] for p in pieces]
        self._pieces: list[Piece] | None = list(pieces)
        self._starts: list[int] | None = None

    @classmethod
    def from_runs(cls, kind: str, text: str, runs: list[list[int]], level: int = 0) -> Block:
        """A block from the parser's runs (which it must not change afterwards)."""
        block = cls.__new__(cls)
        block.kind = kind
        block.text = text
        block.level = level
        block._runs = runs
        block._pieces = None
        block._starts = None
        return block

    @property
    def pieces(self) -> list[Piece]:
        pieces = self._pieces
        if pieces is None:
            pieces = self._pieces = [Piece(*run) for run in self._runs]
        return pieces

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.kind, self.text, self._runs, self.level) == (other.kind, other.text, other._runs, other.level)

    __hash__ = None  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Block(kind={self.kind!r}, text={self.text!r}, pieces={self.pieces!r}, level={self.level!r})"

    def source_offset(self, i: int) -> int:
        """Source offset of prose character ``i`` (``i == len(text)`` means just after the end)."""
        runs = self._runs
        if not runs:
            return 0
        if i >= len(self.text):
            _, src_start, _, src_len = runs[-1]
            return src_start + src_len
        text_start, src_start, length, src_len = runs[bisect.bisect_right(self._text_starts(), i) - 1]
        return src_start + (i - text_start if length == src_len else 0)

    def source_end(self, j: int) -> int:
        """Source offset just after prose character ``j - 1``."""
        if j <= 0 or not self._runs:
            return self.source_offset(0)
        text_start, src_start, length, src_len = self._runs[bisect.bisect_right(self._text_starts(), j - 1) - 1]
        if length == src_len:  # verbatim
            return src_start + (j - text_start)
        return src_start + src_len

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        start = self.source_offset(i)
        return start, max(start, self.source_end(j))

    def _text_starts(self) -> list[int]:
        starts = self._starts
        if starts is None:
            starts = self._starts = [run[0] for run in self._runs]
        return starts

    @property
    def start(self) -> int:
        return self.source_offset(0)


@dataclass(frozen=True)
class Link:
    href: str
    start: int  # source offset of the link (its text, or the bare URL)


class _BlockBuilder:
    """Accumulates prose text and pieces for one block.

    Pieces are kept as plain integers while the block grows (adjacent verbatim
    runs merge); :meth:`build` hands the runs to the block as they are.
    """

    __slots__ = ("parts", "runs", "size", "last_verbatim", "last_src_end")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.runs: list[list[int]] = []  # [text_start, src_start, length, src_len]
        self.size = 0
        self.last_verbatim = False
        self.last_src_end = -1

    def add(self, text: str, src_start: int, src_len: int | None = None) -> None:
        if not text:
            return
        n = len(text)
        if src_len is None or src_len == n:
            if self.last_verbatim and self.last_src_end == src_start:
                self.runs[-1][2] += n
                self.runs[-1][3] += n
            else:
                self.runs.append([self.size, src_start, n, n])
                self.last_verbatim = True
            self.last_src_end = src_start + n
        else:
            self.runs.append([self.size, src_start, n, src_len])
            self.last_verbatim = False
        self.parts.append(text)
        self.size += n

    @property
    def pieces(self) -> list[Piece]:
        return [Piece(*run) for run in self.runs]

    def build(self, kind: str, level: int) -> Block | None:
        text = "".join(self.parts)
        if not text or text.isspace():  # (not text.strip(), without copying the text)
            return None
        return Block.from_runs(kind, text, self.runs, level)


class Document:
    """A parsed file. Cheap to build; analyses are memoised per document via :meth:`memo`."""

    def __init__(self, path: str, source: str, *, markdown: bool = True, bom: bool = False, encoding: str = "utf-8"):
        self.path = path
        self.source = source
        self.bom = bom
        self.encoding = encoding
        self.is_markdown = markdown
        self.front_matter: dict[str, Any] = {}
        self.front_matter_span: tuple[int, int] | None = None
        self.front_matter_error: str | None = None
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.html_spans: list[tuple[int, int]] = []  # HTML blocks/inline HTML (incl. comments)
        self._memo: dict[tuple, Any] = {}
        self._line_starts = line_starts(source)

    # -- positions -----------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count code points."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_start(self, line: int) -> int:
        """Source offset where 1-based ``line`` starts."""
        return self._line_starts[min(max(line, 1), len(self._line_starts)) - 1]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def first_prose_span(self) -> tuple[int, int]:
        """The first heading or prose line: where document-level findings point."""
        if not self.blocks:
            start = self.front_matter_span[1] if self.front_matter_span else 0
            return start, start
        block = self.blocks[0]
        end = block.text.find("\n")
        return block.source_span(0, len(block.text) if end < 0 else end)

    # -- analyses ------------------------------------------------------------------
    def memo(self, analysis: Callable[..., Any], *args: Any) -> Any:
        """Run ``analysis(doc, *args)`` once per document, so rules share one computation.

        ``args`` (typically a settings tuple) must be hashable; they are part of the key.
        """
        key = (analysis, args)
        if key not in self._memo:
            self._memo[key] = analysis(self, *args)
        return self._memo[key]

    @property
    def prose(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


def line_starts(source: str) -> list[int]:
    """Offsets where each line starts: 0, then one past each "\\n".

    Summed from the lines' lengths in C (``accumulate``), without a match object per line.
    """
    return list(accumulate(map((1).__add__, map(len, source.split("\n")[:-1])), initial=0))


def add_prose_text(doc: Document, builder: _BlockBuilder, text: str, src_start: int) -> None:
    """Add verbatim source text as prose, leaving bare URLs out (recorded as links)."""
    if "://" not in text and "w." not in text and "W." not in text:  # a URL has one or the other
        builder.add(text, src_start)
        return
    pos = 0
    for m in URL_RE.finditer(text):
        url = m.group().rstrip(_URL_TRAILING)
        builder.add(text[pos : m.start()], src_start + pos)
        doc.links.append(Link(url, src_start + m.start()))
        pos = m.start() + len(url)
    builder.add(text[pos:], src_start + pos)
