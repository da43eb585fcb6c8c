"""Where an inserted disclaimer goes, for each ``placement`` the disclaimer rules know.

- ``top`` and ``first-n-paragraphs``: the first paragraph, right after the
  title heading when the article opens with one (else after the front matter);
- ``bottom`` and ``anywhere``: the last paragraph, at the end of the file,
  which is where readers and reviewers expect disclaimers.
"""

from __future__ import annotations

import re

from contentci.fix.text_edits import next_line_start

TOP = ("top", "first-n-paragraphs")
_SETEXT_UNDERLINE = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*\r?(\n|$)")


def body_start(doc) -> int:
    return doc.front_matter_span[1] if doc.front_matter_span else 0


def top_offset(doc) -> int:
    """A line start just after the opening title heading, or where the body starts."""
    if doc.blocks and doc.blocks[0].kind == "heading":
        block = doc.blocks[0]
        _, end = block.source_span(0, len(block.text))
        at = next_line_start(doc.source, max(end - 1, 0))
        if _SETEXT_UNDERLINE.match(doc.source, at):
            at = next_line_start(doc.source, at)
        return at
    return body_start(doc)


def offset_for(doc, placement: str) -> int:
    return top_offset(doc) if placement in TOP else len(doc.source)
