"""Markdown front end: markdown-it-py tokens to prose blocks with exact source pieces.

markdown-it gives block tokens a line ``map`` but inline tokens no offsets, so we
walk each inline token's children in order with a cursor that only moves
forward through the source: text is found verbatim (``text_join`` is disabled,
so escapes and entities arrive as separate ``text_special`` tokens carrying
their original markup), and link destinations, images, inline code and inline
HTML are stepped over so later text can never be matched inside them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from contentci.document.model import Document, Link, _BlockBuilder, add_prose_text

_CONTAINERS = {
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
    "th_open": "table_cell",
    "td_open": "table_cell",
}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.disable("text_join")
    return md


def extract_tokens(doc: Document, tokens, body_start: int) -> None:
    """Blocks, links and HTML spans from a markdown-it-py token stream."""
    src = doc.source
    stack: list[str] = []
    heading_level = 0
    cursor = body_start
    for tok in tokens:
        t = tok.type
        if t in _CONTAINERS:
            stack.append(_CONTAINERS[t])
        elif t in ("list_item_close", "blockquote_close", "th_close", "td_close"):
            if stack:
                stack.pop()
        elif t == "heading_open":
            heading_level = int(tok.tag[1:])
        elif t == "heading_close":
            heading_level = 0
        elif t == "html_block" and tok.map:
            start = doc.line_start(tok.map[0] + 1)
            end = doc.line_start(tok.map[1] + 1) if tok.map[1] < doc.line_count else len(src)
            doc.html_spans.append((start, end))
        elif t == "inline" and tok.map:
            cursor = max(cursor, doc.line_start(tok.map[0] + 1))
            builder = _BlockBuilder()
            cursor = _walk_inline(doc, tok.children or [], builder, cursor)
            if heading_level:
                kind, level = "heading", heading_level
            elif stack:
                kind, level = stack[-1], sum(1 for s in stack if s == stack[-1])
            else:
                kind, level = "paragraph", 0
            block = builder.build(kind, level)
            if block:
                doc.blocks.append(block)


def add_line_break(builder: _BlockBuilder, src: str, cursor: int) -> int:
    """A soft or hard break: a newline in the prose for the next line ending (a CRLF whole); the new cursor."""
    i = src.find("\n", cursor)
    if i < 0:
        return cursor
    end = i - 1 if i > 0 and src[i - 1] == "\r" else i
    builder.add("\n", end, i + 1 - end)
    return i + 1


def _walk_inline(doc: Document, children, builder: _BlockBuilder, cursor: int) -> int:
    src = doc.source
    in_autolink = False
    for child in children:
        t = child.type
        if t == "text":
            if in_autolink or not child.content:
                continue
            i = src.find(child.content, cursor)
            if i < 0:
                continue
            add_prose_text(doc, builder, child.content, i)
            cursor = i + len(child.content)
        elif t == "text_special":
            i = src.find(child.markup, cursor)
            if i < 0:
                continue
            builder.add(child.content, i, len(child.markup))
            cursor = i + len(child.markup)
        elif t in ("softbreak", "hardbreak"):
            cursor = add_line_break(builder, src, cursor)
        elif t == "code_inline":
            i = src.find(child.markup, cursor)
            if i >= 0:
                j = src.find(child.markup, i + len(child.markup) + len(child.content.strip()) - 1)
                cursor = (j + len(child.markup)) if j >= 0 else i + len(child.markup)
        elif t == "html_inline":
            i = src.find(child.content, cursor)
            if i >= 0:
                doc.html_spans.append((i, i + len(child.content)))
                cursor = i + len(child.content)
        elif t == "link_open":
            href = child.attrs.get("href", "")
            if child.markup == "autolink":
                in_autolink = True
                i = src.find("<", cursor)
                doc.links.append(Link(str(href), i if i >= 0 else cursor))
                j = src.find(">", max(i, cursor))
                cursor = j + 1 if j >= 0 else cursor
            else:
                i = src.find("[", cursor)
                doc.links.append(Link(str(href), i + 1 if i >= 0 else cursor))
                cursor = i + 1 if i >= 0 else cursor
        elif t == "link_close":
            if in_autolink:
                in_autolink = False
            else:
                cursor = _skip_destination(src, cursor)
        elif t == "image":
            i = src.find("![", cursor)
            if i >= 0:
                cursor = _skip_destination(src, _matching_bracket(src, i + 1))
    return cursor


# The only characters the two scanners below act on; everything between is stepped over in C.
_BRACKET_CHARS = re.compile(r"[\\\[\]]")
_DESTINATION_CHARS = re.compile(r"[\\\"'()]")


def _matching_bracket(src: str, i: int) -> int:
    """Offset of the ``]`` closing the ``[`` at ``i`` (escapes and nesting respected)."""
    depth = 0
    n = len(src)
    search = _BRACKET_CHARS.search
    while i < n:
        m = search(src, i)
        if m is None:
            return n
        i = m.start()
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


def _skip_destination(src: str, cursor: int) -> int:
    """From the ``]`` ending link text, step past ``(dest "title")`` or ``[ref]``."""
    i = src.find("]", cursor)
    if i < 0:
        return cursor
    i += 1
    if i < len(src) and src[i] == "(":
        depth = 0
        quote = None
        n = len(src)
        search = _DESTINATION_CHARS.search
        while i < n:
            m = search(src, i)
            if m is None:
                return n
            i = m.start()
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if quote:
                if c == quote:
                    quote = None
            elif c in "\"'" and depth == 1 and src[i - 1] in " \t\n":
                quote = c
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return n
    if i < len(src) and src[i] == "[":
        j = src.find("]", i)
        return j + 1 if j >= 0 else i
    return i
