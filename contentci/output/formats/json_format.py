"""``--format json``: the stable machine-readable report (``"version": 1``).

The text is exactly ``json.dumps(report, indent=2, ensure_ascii=False)``. With ``indent``,
Python 3.11's json falls back from its C encoder to a generator-per-level pure-Python one
(~170 ms for 1,000 files). :func:`dumps_indented` writes the same bytes faster: a container
holding only scalars (each finding, most metrics) goes through the C encoder in one call, with
the line break and indentation of its depth as the item separator (tested against ``json.dumps``).
"""

from __future__ import annotations

import json
from functools import cache
from json.encoder import encode_basestring

from contentci.core.escape import json_text

INDENT = "  "
CONTAINERS = (dict, list, tuple)


@cache
def _flat_encoder(inner: str):
    """The C encoder writing a scalars-only container's items one a line, ``inner`` (newline + indent) apart."""
    from json.encoder import c_make_encoder

    if c_make_encoder is None:  # no C accelerator: json's own Python encoder, same text
        encode = json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": ")).encode
        return encode

    def default(o):
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    # What json.JSONEncoder.iterencode builds per call (markers None: scalars cannot loop).
    make = c_make_encoder(None, default, encode_basestring, None, ": ", "," + inner, False, False, True)
    return lambda value: "".join(make(value, 0))


def render(report, **_options) -> str:
    return json_text(dumps_indented(report.to_json())) + "\n"


def dumps_indented(value) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, faster."""
    try:
        return _encode(value, "\n")
    except (_Unsupported, TypeError, ValueError):
        return json.dumps(value, indent=2, ensure_ascii=False)  # its error message, or its handling


class _Unsupported(Exception):
    pass


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise _Unsupported


def _key(key) -> str:
    """A dict key as json writes it: strings as they are, other scalars as their JSON text, quoted."""
    return encode_basestring(key if isinstance(key, str) else _scalar(key))


def _encode(value, newline: str) -> str:
    """``value``'s text at the depth whose line break plus indentation is ``newline``.

    Runs of scalar items (most of a report) go through the C encoder in one call each.
    """
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + INDENT
        flat = _flat_encoder(inner)
        pieces = []
        run: dict = {}
        for key, item in value.items():
            if isinstance(item, CONTAINERS):
                if run:
                    pieces.append(flat(run)[1:-1])
                    run = {}
                pieces.append(_key(key) + ": " + _encode(item, inner))
            else:
                run[key] = item
        if run:
            pieces.append(flat(run)[1:-1])
        return "{" + inner + ("," + inner).join(pieces) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = newline + INDENT
        flat = _flat_encoder(inner)
        pieces = []
        start = 0
        for n, item in enumerate(value):
            if isinstance(item, CONTAINERS):
                if n > start:
                    pieces.append(flat(value[start:n])[1:-1])
                pieces.append(_encode(item, inner))
                start = n + 1
        if start < len(value):
            pieces.append(flat(value[start:])[1:-1])
        return "[" + inner + ("," + inner).join(pieces) + newline + "]"
    return _scalar(value)
