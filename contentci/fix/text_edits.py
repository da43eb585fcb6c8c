"""Edits as insertions/replacements at source offsets, spliced into the original BYTES.

The document's text has its BOM stripped and its encoding decoded; fixes are
computed on that text. :func:`apply` maps each edit's offsets back to byte
offsets and splices the encoded replacement into the original bytes, so every
byte outside an edit (BOM, line endings, odd whitespace, the final newline or
its absence) is the file's own, untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    start: int  # source offsets (code points, BOM excluded)
    end: int
    text: str
    why: str = ""  # rule id or a short reason, for messages

    @property
    def is_insertion(self) -> bool:
        return self.start == self.end


def newline_of(source: str) -> str:
    """The file's line ending: CRLF when most lines end so, else LF."""
    crlf = source.count("\r\n")
    lf = source.count("\n") - crlf
    return "\r\n" if crlf > lf else "\n"


def codec_of(data: bytes, encoding: str) -> tuple[str, int]:
    """(Python codec without BOM handling, BOM length in bytes) for the original bytes."""
    if encoding == "utf-16":
        return ("utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"), 2
    return "utf-8", 3 if data.startswith(b"\xef\xbb\xbf") else 0


def apply(data: bytes, source: str, encoding: str, edits: list[Edit]) -> bytes:
    """The original bytes with each edit spliced in; overlapping edits are an error."""
    if not edits:
        return data
    codec, bom = codec_of(data, encoding)
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise ValueError(f"overlapping edits at {a.start}-{a.end} and {b.start}-{b.end}")
    out = bytearray()
    prev_char, prev_byte = 0, bom
    out += data[:bom]
    for e in ordered:
        start_byte = prev_byte + len(source[prev_char : e.start].encode(codec))
        end_byte = start_byte + len(source[e.start : e.end].encode(codec))
        out += data[prev_byte:start_byte]
        out += e.text.encode(codec)
        prev_char, prev_byte = e.end, end_byte
    out += data[prev_byte:]
    return bytes(out)


_BLANK = re.compile(r"[ \t]*\r?$")


def line_start(source: str, offset: int) -> int:
    return source.rfind("\n", 0, offset) + 1


def next_line_start(source: str, offset: int) -> int:
    """Start of the line after the one holding ``offset`` (len(source) at the last line)."""
    nl = source.find("\n", offset)
    return len(source) if nl < 0 else nl + 1


def _line_at(source: str, start: int) -> str:
    end = source.find("\n", start)
    return source[start:] if end < 0 else source[start:end]


def paragraph_insertion(source: str, at: int, text: str, nl: str) -> Edit:
    """Insert ``text`` as its own paragraph at line start ``at``, with blank lines around it as needed."""
    before_blank = at == 0 or _BLANK.match(_line_at(source, line_start(source, at - 1))) is not None
    at_blank = at >= len(source) or _BLANK.match(_line_at(source, at)) is not None
    if at >= len(source) and source and not source.endswith("\n"):
        # The last line has no newline: keep it that way; the new paragraph becomes the unterminated one.
        return Edit(at, at, nl + nl + text)
    lead = "" if before_blank else nl
    trail = "" if at_blank else nl
    return Edit(at, at, lead + text + nl + trail)
