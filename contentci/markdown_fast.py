"""A fast token source for :mod:`contentci.markdown`: markdown-it-pyrs (Rust) when installed.

markdown-it-py spends ~3-4 ms parsing a 700-word article, more than all our
rules together; markdown-it-pyrs, a Rust port of the same parser, takes ~0.3 ms.
It returns a syntax tree rather than a token stream, so :func:`tokens` flattens
the tree into the few markdown-it-py token shapes that ``extract_markdown``
reads (``inline`` with children, container open/close, ``html_block``), and the
offset logic stays in one place. ``tests/test_markdown_fast.py`` checks both
parsers give identical documents on a corpus and on generated Markdown.

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
from typing import Any

# Line-start container prefixes this long could nest that deep; markdown-it-py handles them.
_DEEP_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]{400,}", re.MULTILINE)
MAX_DELIMITERS = 20000
MAX_CHARS = 4_000_000


_NO_ATTRS: dict[str, Any] = {}


class Tok:
    """The parts of a markdown-it-py ``Token`` that ``extract_markdown`` reads (slots: 200,000 of them fit)."""

    __slots__ = ("attrs", "children", "content", "map", "markup", "tag", "type")

    def __init__(
        self,
        type: str,
        tag: str = "",
        map: list[int] | None = None,
        content: str = "",
        markup: str = "",
        attrs: dict[str, Any] | None = None,
        children: list[Tok] | None = None,
    ):
        self.type = type
        self.tag = tag
        self.map = map
        self.content = content
        self.markup = markup
        self.attrs = _NO_ATTRS if attrs is None else attrs
        self.children = children


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
    delimiters = (
        text.count("*") + text.count("_") + text.count("~") + text.count("[") + text.count(">") + text.count("`")
    )
    if delimiters > MAX_DELIMITERS:
        return False
    return _DEEP_PREFIX.search(text) is None


_INLINE = {
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


class _Flattener:
    def __init__(self, text: str, line_starts: list[int]):
        self.line_starts = line_starts
        self.out: list[Tok] = []
        if text.isascii():
            self.char = lambda b: b
        else:
            # Byte offsets to code points: after each non-ASCII character, the extra bytes so far.
            ends: list[int] = []
            extra: list[int] = []
            total = 0
            for m in re.finditer(r"[^\x00-\x7f]", text):
                total += len(m.group().encode("utf-8", "surrogatepass")) - 1
                ends.append(m.end() + total)
                extra.append(total)

            def char(b: int) -> int:
                k = bisect.bisect_right(ends, b) - 1
                return b - (extra[k] if k >= 0 else 0)

            self.char = char

    def line(self, byte: int) -> int:
        """0-based line of a byte offset (markdown-it-py's ``map`` numbering)."""
        return bisect.bisect_right(self.line_starts, self.char(byte)) - 1

    def block(self, node) -> None:
        name = node.name
        if name in ("heading", "lheading"):
            self.out.append(Tok("heading_open", tag=f"h{node.meta.get('level', 1)}"))
            self.inline(node, node.children)
            self.out.append(Tok("heading_close"))
        elif name == "paragraph":
            self.inline(node, node.children)
        elif name in ("list_item", "blockquote", "tcell"):
            kind = {"list_item": "list_item", "blockquote": "blockquote", "tcell": "td"}[name]
            self.out.append(Tok(f"{kind}_open"))
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
            self.out.append(Tok(f"{kind}_close"))
        elif name == "html_block":
            start, end = node.srcmap
            self.out.append(Tok("html_block", map=[self.line(start), self.line(max(start, end - 1)) + 1]))
        else:  # root, lists, tables, rows: containers without prose of their own
            for child in node.children:
                if child.name in _INLINE:
                    self.inline(child, [child])
                else:
                    self.block(child)

    def inline(self, first, nodes) -> None:
        children: list[Tok] = []
        stack = list(reversed(nodes))
        while stack:
            node = stack.pop()
            if isinstance(node, Tok):
                children.append(node)
                continue
            name = node.name
            meta = node.meta
            if name == "text":
                children.append(Tok("text", content=meta.get("content", "")))
            elif name == "text_special":
                children.append(Tok("text_special", content=meta.get("content", ""), markup=meta.get("markup", "")))
            elif name in ("softbreak", "hardbreak"):
                children.append(Tok(name))
            elif name in ("em", "strong", "strikethrough"):
                stack.extend(reversed(node.children))
            elif name == "link":
                children.append(Tok("link_open", attrs={"href": meta.get("url", "")}))
                stack.append(Tok("link_close"))
                stack.extend(reversed(node.children))
            elif name == "autolink":
                url = meta.get("url", "")
                children.append(Tok("link_open", markup="autolink", attrs={"href": url}))
                children.append(Tok("text", content="".join(c.meta.get("content", "") for c in node.children)))
                children.append(Tok("link_close", markup="autolink"))
            elif name == "image":
                children.append(Tok("image"))
            elif name == "code_inline":
                marker = meta.get("marker", "`") * int(meta.get("marker_len", 1))
                content = "".join(c.meta.get("content", "") for c in node.children)
                children.append(Tok("code_inline", markup=marker, content=content))
            elif name == "html_inline":
                children.append(Tok("html_inline", content=meta.get("content", "")))
            else:
                raise ValueError(f"unexpected inline node {name}")
        line = self.line(first.srcmap[0]) if first.srcmap else 0
        self.out.append(Tok("inline", map=[line, line + 1], children=children))


def tokens(masked: str, line_starts: list[int]) -> list[Tok] | None:
    """markdown-it-py-shaped tokens for ``masked``, or None to use markdown-it-py instead."""
    md = _parser()
    if md is None or not available() or not safe_for_fast(masked):
        return None
    try:
        tree = _parse_quietly(md, masked)
        flat = _Flattener(masked, line_starts)
        flat.block(tree)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a Rust panic arrives as pyo3's PanicException, a BaseException
        return None
    return flat.out


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
