"""A fast path for the usual front matter: flat ``key: value`` lines.

libyaml parses in C, but PyYAML's resolver and constructors are Python: ~70 µs for
a five-key front matter, a tenth of parsing an article. :func:`load` reads front
matter that uses only the forms below and returns None for anything else (or
anything doubtful), which then goes to YAML. So the answer is always what
PyYAML's safe loader gives (``tests/test_speed_equivalence.py`` compares the two
on generated front matter), including its YAML 1.1 reading of plain words: a
plain key or value is kept as text only if PyYAML's own resolver says it is
text (``no`` is a boolean, ``null`` is None), and dates are made as PyYAML makes
them.

One per line, with blank lines between entries allowed:

- ``key: "text"`` or ``key: 'text'``: quoted, printable, no quote or backslash inside;
- ``key: Plain words``: starting with a letter, printable, no ``:`` or ``#``;
- ``key: 2026-03-02``: a date;
- ``key: [word, other words]``: a flow list of plain or quoted items without commas;
- ``key:`` followed by ``- item`` lines (quoted or plain), all indented alike.

Keys start with a letter or ``_`` and hold letters, digits, ``_`` and ``-``.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

_ENTRY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*?))? *")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_QUOTED = re.compile(r"\"([^\"\\]*)\"|'([^']*)'")
_ITEM = re.compile(r"( *)- +(.*?) *")
_STR = "tag:yaml.org,2002:str"


class _NotSimple(Exception):
    """The front matter uses a form this module does not read: let YAML read it."""


def load(raw: str) -> dict | None:
    """The mapping PyYAML's safe loader makes of ``raw``, or None if ``raw`` is not in the simple forms."""
    if "\t" in raw or "\r" in raw.replace("\r\n", "\n"):
        return None
    lines = raw.replace("\r\n", "\n").split("\n")
    data: dict = {}
    try:
        n = 0
        while n < len(lines):
            line = lines[n]
            n += 1
            if not line.strip(" "):
                continue
            m = _ENTRY.fullmatch(line)
            if m is None:
                return None
            key = _plain(m.group(1))
            rest = m.group(2)
            if rest:
                data[key] = _value(rest)
                continue
            items, n = _block_items(lines, n)  # "key:" alone: a block list must follow
            data[key] = items
    except _NotSimple:
        return None
    return data


def _value(text: str):
    if text[0] == "[":
        if text[-1] != "]":
            raise _NotSimple
        inner = text[1:-1]
        if not inner.strip(" "):
            return []
        return [_scalar(item.strip(" "), flow=True) for item in inner.split(",")]
    m = _DATE.fullmatch(text)
    if m is not None:
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:  # YAML reports it its own way
            raise _NotSimple from None
    return _scalar(text, flow=False)


def _block_items(lines: list[str], n: int) -> tuple[list, int]:
    items = []
    indent = None
    while n < len(lines):
        line = lines[n]
        if not line.strip(" "):
            n += 1
            continue
        m = _ITEM.fullmatch(line)
        if m is None:
            break
        if indent is None:
            indent = m.group(1)
        elif m.group(1) != indent:
            raise _NotSimple
        items.append(_scalar(m.group(2), flow=False))
        n += 1
    if not items:
        raise _NotSimple  # "key:" with nothing after it is null; leave that to YAML
    return items, n


def _scalar(text: str, flow: bool) -> str:
    """A quoted or plain scalar that is text, else :class:`_NotSimple`."""
    if not text or not text.isprintable():
        raise _NotSimple
    m = _QUOTED.fullmatch(text)
    if m is not None:
        return m.group(1) if m.group(1) is not None else m.group(2)
    if not text[0].isalpha() or ":" in text or "#" in text:
        raise _NotSimple
    if flow and any(c in text for c in ",[]{}"):
        raise _NotSimple
    return _plain(text)


def _plain(text: str) -> str:
    if _resolve(text) != _STR:
        raise _NotSimple
    return text


@lru_cache(maxsize=4096)
def _resolve(text: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar (remembered: keys repeat from file to file)."""
    from yaml.nodes import ScalarNode

    return _resolver().resolve(ScalarNode, text, (True, False))


@lru_cache(maxsize=1)
def _resolver():
    from yaml.resolver import Resolver  # the resolver of yaml.SafeLoader and yaml.CSafeLoader

    return Resolver()
