"""The markdown-it-pyrs front end as first written, kept as the reference for the direct tree walk.

It flattened the Rust tree into markdown-it-py-shaped tokens and ran the shared
token loop (``markdown.extract_tokens``) over them. ``markdown_fast`` now walks
the tree once without building tokens; ``tests/test_speed_equivalence.py``
checks the two give identical documents.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from contentci.document import markdown, markdown_fast
from contentci.document.model import Document

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


def reference_extract(doc: Document, masked: str, body_start: int) -> bool:
    """What ``markdown_fast.extract`` did: flatten to tokens, then the token loop."""
    md = markdown_fast._parser()
    if md is None or not markdown_fast.available() or not markdown_fast.safe_for_fast(masked):
        return False
    try:
        tree = markdown_fast._parse_quietly(md, masked)
        flat = _Flattener(masked, doc._line_starts)
        flat.block(tree)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        return False
    markdown.extract_tokens(doc, flat.out, body_start)
    return True
