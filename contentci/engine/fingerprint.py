"""Finding fingerprints: what a baseline recognises a finding by when lines move.

A fingerprint is a hash of the rule id, the finding's source text (whitespace collapsed, case
folded) and its occurrence index among findings with the same rule and text in the file.
Document-level findings have no span text: rule and index alone.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def span_text(doc, d) -> str:
    if d.document_level:
        return ""
    start, end = d.start, d.end
    if start is None or end is None:  # not located by the engine: from its line:col
        start = doc.line_start(d.line) + d.column - 1
        end = doc.line_start(d.end_line) + d.end_column - 1
    text = _normalise(doc.source[start:end])
    if not text:  # a point finding: the line it is on
        line_end = doc.source.find("\n", start)
        text = "@" + _normalise(doc.source[doc.line_start(d.line) : line_end if line_end >= 0 else None])
    return text


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def with_fingerprints(doc, diagnostics) -> list:
    """The diagnostics (in source order) with their ``fingerprint`` set."""
    seen: Counter = Counter()
    out = []
    for d in diagnostics:
        text = span_text(doc, d)
        index = seen[(d.rule, text)]
        seen[(d.rule, text)] += 1
        out.append(dataclasses.replace(d, fingerprint=_hash(d.rule, text, str(index))))
    return out


def fingerprint_of(d) -> str:
    """A diagnostic's fingerprint; one from a report without fingerprints is made from its message."""
    return d.fingerprint or _hash(d.rule, "message:" + d.message, "0")
