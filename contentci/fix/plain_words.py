"""Plain-language swaps (``fix --unsafe-fixes`` only): "utilize" → "use", "prior to" → "before".

Unsafe because any rewording can shift a sentence's tone; the list (package
data ``data/plain_words.txt``) holds only swaps that keep the meaning. Swaps
touch prose only (never code, links, HTML or front matter), whole words only,
and keep a leading capital.
"""

from __future__ import annotations

import re
from functools import lru_cache

from contentci.fix.text_edits import Edit

PROSE_KINDS = ("paragraph", "list_item", "blockquote")


@lru_cache(maxsize=1)
def swaps() -> dict[str, str]:
    from importlib import resources

    out = {}
    text = resources.files("contentci").joinpath("data", "plain_words.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            long, plain = (part.strip() for part in line.split("=", 1))
            out[long.lower()] = plain
    return out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = sorted(swaps(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.IGNORECASE)


def edits(doc, exclude=()) -> list[Edit]:
    out = []
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        for m in _pattern().finditer(block.text):
            start, end = block.source_span(m.start(), m.end())
            if doc.source[start:end] != m.group():  # crosses markup or an entity: leave it
                continue
            if any(a <= start < b or a < end <= b for a, b in exclude):
                continue
            plain = swaps()[" ".join(m.group().lower().split())]
            if m.group()[0].isupper():
                plain = plain[0].upper() + plain[1:]
            out.append(Edit(start, end, plain, f"plain language: {m.group()!r} → {plain!r}"))
    return out
