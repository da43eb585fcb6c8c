"""A fast front end for :mod:`contentci.document.markdown`: markdown-it-pyrs (Rust) when installed.

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

from contentci.document.model import _URL_TRAILING, URL_RE, Block, Link
from contentci.document.markdown import _matching_bracket, _skip_destination

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
    # Brackets are not counted: the Rust parser reads a megabyte of nested or unclosed brackets
    # (tried to 500,000 deep) without deep recursion, and markdown-it-py takes ~16 s on it.
    delimiters = text.count("*") + text.count("_") + text.count("~") + text.count(">") + text.count("`")
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

    Each node's attributes are read once (every read through pyo3 builds a new
    Python object: ``name`` a string, ``meta`` a dict, ``children`` a list), and a
    block's prose and runs are built in local variables by :meth:`inline` rather
    than through ``_BlockBuilder`` (same runs: adjacent verbatim runs merge).
    """

    __slots__ = ("src", "stack", "cursor", "blocks", "links", "html_spans", "encoded", "line_starts", "byte_starts")

    def __init__(self, doc, text: str, body_start: int):
        self.src = doc.source
        self.stack: list[str] = []
        self.cursor = body_start
        self.blocks = doc.blocks
        self.links = doc.links
        self.html_spans = doc.html_spans
        if text.isascii():
            # A byte is a character, and ``text`` (the source with its front matter blanked) has the
            # source's length and line breaks: a line starts one past the "\n" before an offset.
            self.encoded = None
        else:
            # The Rust parser's offsets count UTF-8 bytes; lines break at the same "\n" either way.
            self.line_starts = doc._line_starts
            self.encoded = text.encode("utf-8", "surrogatepass")
            lines = self.encoded.split(b"\n")
            self.byte_starts = list(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))

    def line(self, byte: int) -> int:
        """0-based line of a byte offset (non-ASCII text only)."""
        encoded = self.encoded
        if byte < len(encoded) and encoded[byte] & 0xC0 == 0x80:
            return self._line_inside_character(byte)
        return bisect.bisect_right(self.byte_starts, byte) - 1

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

    def line_begin(self, byte: int) -> int:
        """Source offset where the line holding byte offset ``byte`` starts."""
        if self.encoded is None:
            return self.src.rfind("\n", 0, byte) + 1
        return self.line_starts[self.line(byte)]

    def html_block(self, srcmap) -> None:
        """An HTML block's span: whole lines, from its first line's start to the next line's."""
        start, end = srcmap
        last = max(start, end - 1)
        if self.encoded is None:
            src = self.src
            src_end = src.find("\n", last) + 1 or len(src)
            self.html_spans.append((src.rfind("\n", 0, start) + 1, src_end))
            return
        starts = self.line_starts
        following = self.line(last) + 1
        src_end = starts[following] if following < len(starts) else len(self.src)
        self.html_spans.append((starts[self.line(start)], src_end))

    def block(self, node, name: str) -> None:
        if name == "paragraph":
            stack = self.stack
            if stack:
                kind = stack[-1]
                self.inline(node.srcmap, node.children, kind, stack.count(kind))
            else:
                self.inline(node.srcmap, node.children, "paragraph", 0)
        elif name == "heading" or name == "lheading":
            self.inline(node.srcmap, node.children, "heading", int(node.meta.get("level", 1)))
        elif name in _CONTAINER_KIND:
            stack = self.stack
            kind = _CONTAINER_KIND[name]
            stack.append(kind)
            run: list = []
            for child in node.children:
                child_name = child.name
                if child_name in _INLINE:
                    run.append(child)
                    continue
                if run:
                    self.inline(run[0].srcmap, run, kind, stack.count(kind))
                    run = []
                self.block(child, child_name)
            if run:
                self.inline(run[0].srcmap, run, kind, stack.count(kind))
            stack.pop()
        elif name == "html_block":
            self.html_block(node.srcmap)
        else:  # root, lists, tables, rows: containers without prose of their own
            for child in node.children:
                child_name = child.name
                if child_name in _INLINE:
                    stack = self.stack
                    if stack:
                        kind = stack[-1]
                        self.inline(child.srcmap, [child], kind, stack.count(kind))
                    else:
                        self.inline(child.srcmap, [child], "paragraph", 0)
                else:
                    self.block(child, child_name)

    def inline(self, srcmap, nodes: list, kind: str, level: int) -> None:
        """One block's prose from its inline nodes, found in the source from the cursor on.

        Runs are ``[text_start, src_start, length, src_len]``; ``end`` is where the last run
        ends in the source if it is verbatim (a verbatim add starting there extends it), else -1.
        """
        src = self.src
        find = src.find
        cursor = self.cursor
        if srcmap:  # from the start of the line the block starts on
            begin = self.line_begin(srcmap[0])
            if begin > cursor:
                cursor = begin
        parts: list[str] = []
        runs: list[list[int]] = []
        size = 0
        end = -1
        links = self.links
        stack = nodes[::-1]
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
                i = find(content, cursor)
                if i < 0:
                    continue
                n = len(content)
                cursor = i + n
                if "://" in content or "w." in content or "W." in content:  # a bare URL has one or the other
                    size, end = self._prose_with_urls(content, i, parts, runs, size, end)
                    continue
                if i == end:
                    run = runs[-1]
                    run[2] += n
                    run[3] += n
                else:
                    runs.append([size, i, n, n])
                end = cursor
                parts.append(content)
                size += n
            elif name == "softbreak" or name == "hardbreak":
                # A newline in the prose for the next line ending (a CRLF whole): ``add_line_break``.
                j = find("\n", cursor)
                if j < 0:
                    continue
                if j and src[j - 1] == "\r":
                    runs.append([size, j - 1, 1, 2])
                    end = -1
                else:
                    if j == end:
                        run = runs[-1]
                        run[2] += 1
                        run[3] += 1
                    else:
                        runs.append([size, j, 1, 1])
                    end = j + 1
                parts.append("\n")
                size += 1
                cursor = j + 1
            elif name == "em" or name == "strong" or name == "strikethrough":
                stack += node.children[::-1]
            elif name == "link":
                i = find("[", cursor)
                if i >= 0:
                    cursor = i + 1
                links.append(Link(str(node.meta.get("url", "")), cursor))
                stack.append(_LINK_CLOSE)
                stack += node.children[::-1]
            elif name == "text_special":
                meta = node.meta
                markup = meta.get("markup", "")
                i = find(markup, cursor)
                if i < 0:
                    continue
                m = len(markup)
                cursor = i + m
                content = meta.get("content", "")
                if not content:
                    continue
                n = len(content)
                if n == m:  # verbatim
                    if i == end:
                        run = runs[-1]
                        run[2] += n
                        run[3] += n
                    else:
                        runs.append([size, i, n, n])
                    end = cursor
                else:
                    runs.append([size, i, n, m])
                    end = -1
                parts.append(content)
                size += n
            elif name == "code_inline":
                meta = node.meta
                marker = meta.get("marker", "`") * int(meta.get("marker_len", 1))
                i = find(marker, cursor)
                if i >= 0:
                    content = "".join([c.meta.get("content", "") for c in node.children])
                    j = find(marker, i + len(marker) + len(content.strip()) - 1)
                    cursor = (j + len(marker)) if j >= 0 else i + len(marker)
            elif name == "autolink":
                i = find("<", cursor)
                links.append(Link(str(node.meta.get("url", "")), i if i >= 0 else cursor))
                j = find(">", max(i, cursor))
                if j >= 0:
                    cursor = j + 1
            elif name == "image":
                i = find("![", cursor)
                if i >= 0:
                    cursor = _skip_destination(src, _matching_bracket(src, i + 1))
            elif name == "html_inline":
                content = node.meta.get("content", "")
                i = find(content, cursor)
                if i >= 0:
                    self.html_spans.append((i, i + len(content)))
                    cursor = i + len(content)
            else:
                raise ValueError(f"unexpected inline node {name}")
        self.cursor = cursor
        if size:
            text = "".join(parts)
            if not text.isspace():
                self.blocks.append(Block.from_runs(kind, text, runs, level))

    def _prose_with_urls(self, text: str, src_start: int, parts: list, runs: list, size: int, end: int):
        """``add_prose_text`` for :meth:`inline`'s runs: bare URLs are left out and recorded as links."""
        pos = 0
        for m in URL_RE.finditer(text):
            url = m.group().rstrip(_URL_TRAILING)
            size, end = _add_verbatim(text[pos : m.start()], src_start + pos, parts, runs, size, end)
            self.links.append(Link(url, src_start + m.start()))
            pos = m.start() + len(url)
        return _add_verbatim(text[pos:], src_start + pos, parts, runs, size, end)


def _add_verbatim(text: str, src_start: int, parts: list, runs: list, size: int, end: int) -> tuple[int, int]:
    """``_BlockBuilder.add(text, src_start)`` on :meth:`_Extractor.inline`'s variables; the new size and end."""
    if not text:
        return size, end
    n = len(text)
    if src_start == end:
        run = runs[-1]
        run[2] += n
        run[3] += n
    else:
        runs.append([size, src_start, n, n])
    parts.append(text)
    return size + n, src_start + n


def extract(doc, masked: str, body_start: int) -> bool:
    """Fill ``doc`` from markdown-it-pyrs's tree of ``masked``; False to use markdown-it-py instead."""
    md = _parser()
    if md is None or not available() or not safe_for_fast(masked):
        return False
    sizes = len(doc.blocks), len(doc.links), len(doc.html_spans)
    try:
        tree = _parse_quietly(md, masked)
        _Extractor(doc, masked, body_start).block(tree, tree.name)
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
