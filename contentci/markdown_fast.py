"""A fast front end for :mod:`contentci.markdown`: markdown-it-pyrs (Rust) when installed.

markdown-it-py spends ~3-4 ms parsing a 700-word article, more than all our
rules together; markdown-it-pyrs, a Rust port of the same parser, takes ~0.2 ms.
It returns a syntax tree rather than a token stream; :func:`extract` walks that
tree once and applies the same offset logic as ``markdown.extract_tokens`` does
to markdown-it-py's tokens (a forward-only cursor finding each piece of text in
the source). ``tests/test_markdown_fast.py`` checks both parsers give identical
documents on a corpus and on generated Markdown.

The Rust parser recurses: a document nested ~100,000 levels deep (a line of
``>`` or ``1.`` markers, or that many emphasis delimiters) overflows its stack
and kills the process. :func:`safe_for_fast` therefore sends any document with
a long run of container markers at a line start, or very many delimiters, to
markdown-it-py, which has a nesting limit. Anything unusual falls back too:
the fast path is an optimisation, never a different answer.
"""

from __future__ import annotations

import bisect
import os
import re
from functools import lru_cache
from itertools import accumulate

from contentci.document import Link, _BlockBuilder, add_prose_text
from contentci.markdown import _matching_bracket, _skip_destination, add_line_break

# Line-start container prefixes this long could nest that deep; markdown-it-py handles them.
# (``^`` with MULTILINE is tried at every position; a leading "\n" lets ``re`` jump between lines.)
_DEEP_PREFIX = re.compile(r"[ \t>*+\-0-9.)]{400}")
_DEEP_LINE = re.compile(r"\n[ \t>*+\-0-9.)]{400}")
MAX_DELIMITERS = 20000
MAX_CHARS = 4_000_000


@lru_cache(maxsize=1)
def _parser():
    try:
        from markdown_it_pyrs import MarkdownIt
    except ImportError:
        return None
    return MarkdownIt("commonmark").enable_many(["table", "strikethrough"])


def available() -> bool:
    return _parser() is not None and os.environ.get("CONTENTCI_MARKDOWN", "") != "py"


def safe_for_fast(text: str) -> bool:
    if len(text) > MAX_CHARS:
        return False
    if len(text) <= MAX_DELIMITERS:  # too short to hold that many (an article is ~5,000 characters)
        return _DEEP_PREFIX.match(text) is None and _DEEP_LINE.search(text) is None
    delimiters = (
        text.count("*") + text.count("_") + text.count("~") + text.count("[") + text.count(">") + text.count("`")
    )
    if delimiters > MAX_DELIMITERS:
        return False
    return _DEEP_PREFIX.match(text) is None and _DEEP_LINE.search(text) is None


_INLINE = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "hardbreak",
        "em",
        "strong",
        "strikethrough",
        "link",
        "image",
        "autolink",
        "code_inline",
        "html_inline",
    }
)
_CONTAINER_KIND = {"list_item": "list_item", "blockquote": "blockquote", "tcell": "table_cell"}
_LINK_CLOSE = object()  # marks where a link's text ends while walking its inline nodes


class _Extractor:
    """Walks the Rust syntax tree once, filling the document's blocks, links and HTML spans.

    It does what flattening the tree into markdown-it-py tokens and running
    ``markdown.extract_tokens`` over them did (``tests/test_speed_equivalence.py``
    keeps that route as the reference), without building the tokens: the same
    forward-only cursor finds each piece of text in the source.
    """

    def __init__(self, doc, text: str, body_start: int):
        self.doc = doc
        self.src = doc.source
        self.line_starts = doc._line_starts
        self.stack: list[str] = []
        self.heading_level = 0
        self.cursor = body_start
        self.blocks = doc.blocks
        self.links = doc.links
        self.html_spans = doc.html_spans
        if text.isascii():
            self.encoded = None
            self.byte_line_starts = self.line_starts  # a byte is a character
        else:
            # The Rust parser's offsets count UTF-8 bytes; lines break at the same "\n" either way.
            self.encoded = text.encode("utf-8", "surrogatepass")
            lines = self.encoded.split(b"\n")
            self.byte_line_starts = list(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))

    def line(self, byte: int) -> int:
        """0-based line of a byte offset."""
        encoded = self.encoded
        if encoded is not None and byte < len(encoded) and encoded[byte] & 0xC0 == 0x80:
            return self._line_inside_character(byte)
        return bisect.bisect_right(self.byte_line_starts, byte) - 1

    def _line_inside_character(self, byte: int) -> int:
        """A byte offset inside a character (the last byte of an HTML block ending in one).

        Counted as it always was: the character's offset plus the bytes into it, which can
        be past the line's end (the HTML span then takes in the next line).
        """
        lead = byte
        while self.encoded[lead] & 0xC0 == 0x80:
            lead -= 1
        char = len(self.encoded[:lead].decode("utf-8", "surrogatepass")) + (byte - lead)
        return bisect.bisect_right(self.line_starts, char) - 1

    def line_start(self, line: int) -> int:
        """Source offset where 0-based ``line`` starts (``Document.line_start`` of ``line + 1``)."""
        starts = self.line_starts
        return starts[min(max(line + 1, 1), len(starts)) - 1]

    def block(self, node) -> None:
        name = node.name
        if name in ("heading", "lheading"):
            self.heading_level = int(node.meta.get("level", 1))
            self.inline(node, node.children)
            self.heading_level = 0
        elif name == "paragraph":
            self.inline(node, node.children)
        elif name in _CONTAINER_KIND:
            self.stack.append(_CONTAINER_KIND[name])
            run: list = []
            for child in node.children:
                if child.name in _INLINE:
                    run.append(child)
                    continue
                if run:
                    self.inline(run[0], run)
                    run = []
                self.block(child)
            if run:
                self.inline(run[0], run)
            self.stack.pop()
        elif name == "html_block":
            start, end = node.srcmap
            first, last = self.line(start), self.line(max(start, end - 1)) + 1
            src_end = self.line_start(last) if last < len(self.line_starts) else len(self.src)
            self.html_spans.append((self.line_start(first), src_end))
        else:  # root, lists, tables, rows: containers without prose of their own
            for child in node.children:
                if child.name in _INLINE:
                    self.inline(child, [child])
                else:
                    self.block(child)

    def inline(self, first, nodes) -> None:
        src = self.src
        srcmap = first.srcmap
        cursor = self.cursor
        if srcmap:  # from the start of the line the block starts on
            starts = self.line_starts
            line_begin = starts[self.line(srcmap[0])]
            if line_begin > cursor:
                cursor = line_begin
        builder = _BlockBuilder()
        doc = self.doc
        links = self.links
        stack = list(reversed(nodes))
        pop = stack.pop
        while stack:
            node = pop()
            if node is _LINK_CLOSE:
                cursor = _skip_destination(src, cursor)
                continue
            name = node.name
            if name == "text":
                content = node.meta.get("content", "")
                if not content:
                    continue
                i = src.find(content, cursor)
                if i < 0:
                    continue
                add_prose_text(doc, builder, content, i)
                cursor = i + len(content)
            elif name == "softbreak" or name == "hardbreak":
                cursor = add_line_break(builder, src, cursor)
            elif name == "em" or name == "strong" or name == "strikethrough":
                stack.extend(reversed(node.children))
            elif name == "text_special":
                meta = node.meta
                markup = meta.get("markup", "")
                i = src.find(markup, cursor)
                if i < 0:
                    continue
                builder.add(meta.get("content", ""), i, len(markup))
                cursor = i + len(markup)
            elif name == "link":
                href = node.meta.get("url", "")
                i = src.find("[", cursor)
                links.append(Link(str(href), i + 1 if i >= 0 else cursor))
                cursor = i + 1 if i >= 0 else cursor
                stack.append(_LINK_CLOSE)
                stack.extend(reversed(node.children))
            elif name == "autolink":
                href = node.meta.get("url", "")
                i = src.find("<", cursor)
                links.append(Link(str(href), i if i >= 0 else cursor))
                j = src.find(">", max(i, cursor))
                cursor = j + 1 if j >= 0 else cursor
            elif name == "image":
                i = src.find("![", cursor)
                if i >= 0:
                    cursor = _skip_destination(src, _matching_bracket(src, i + 1))
            elif name == "code_inline":
                meta = node.meta
                marker = meta.get("marker", "`") * int(meta.get("marker_len", 1))
                content = "".join(c.meta.get("content", "") for c in node.children)
                i = src.find(marker, cursor)
                if i >= 0:
                    j = src.find(marker, i + len(marker) + len(content.strip()) - 1)
                    cursor = (j + len(marker)) if j >= 0 else i + len(marker)
            elif name == "html_inline":
                content = node.meta.get("content", "")
                i = src.find(content, cursor)
                if i >= 0:
                    self.html_spans.append((i, i + len(content)))
                    cursor = i + len(content)
            else:
                raise ValueError(f"unexpected inline node {name}")
        self.cursor = cursor
        if self.heading_level:
            kind, level = "heading", self.heading_level
        elif self.stack:
            kind = self.stack[-1]
            level = self.stack.count(kind)
        else:
            kind, level = "paragraph", 0
        block = builder.build(kind, level)
        if block:
            self.blocks.append(block)


def extract(doc, masked: str, body_start: int) -> bool:
    """Fill ``doc`` from markdown-it-pyrs's tree of ``masked``; False to use markdown-it-py instead."""
    md = _parser()
    if md is None or not available() or not safe_for_fast(masked):
        return False
    sizes = len(doc.blocks), len(doc.links), len(doc.html_spans)
    try:
        tree = _parse_quietly(md, masked)
        _Extractor(doc, masked, body_start).block(tree)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a Rust panic arrives as pyo3's PanicException, a BaseException
        del doc.blocks[sizes[0] :], doc.links[sizes[1] :], doc.html_spans[sizes[2] :]
        return False
    return True


_devnull: int | None = None


def _parse_quietly(md, text: str):
    """Parse with file descriptor 2 pointed at /dev/null: a Rust panic prints its backtrace there.

    The panic is caught and the document parsed again by markdown-it-py, so the
    message would only be noise. Four cheap system calls a document.
    """
    global _devnull
    try:
        if _devnull is None:
            _devnull = os.open(os.devnull, os.O_WRONLY)
        saved = os.dup(2)
    except OSError:
        return md.tree(text)
    try:
        os.dup2(_devnull, 2)
        return md.tree(text)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
