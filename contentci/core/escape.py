"""Text from articles, file names, config and LanguageTool, made inert in every output.

contentci's output is read by terminals and by CI runners. A terminal obeys escape
sequences (ESC, and the C1 controls some terminals read as ESC: clear the screen,
set the window title, write to the clipboard). A GitHub Actions runner reads
workflow commands from every log line: ``::command::`` at a line's start (after
spaces) and the older ``##[command]`` anywhere in a line; the Azure Pipelines agent
reads ``##vso[area.action ...]`` anywhere in a line (the first one a line holds). So
anything that did not come from contentci itself goes through one of the functions
below, each a form of the same rule (:data:`UNSAFE`: control characters, line and
paragraph separators, bidirectional overrides, lone surrogates, ``##[``, ``##vso[``,
and ``::`` where a line starts):

* :func:`one_line` for human-readable lines (text, notices, Markdown): each unsafe
  character becomes a visible escape (``\\x1b``, ``\\u202e``), so one value stays on
  one line and is shown, not obeyed.
* :func:`json_text` for JSON and SARIF: the serialised document, with the same
  characters as JSON ``\\u`` escapes, so a JSON reader gets back exactly the original.
* :func:`markup_text` for XML and HTML: the same, as character references.

The ``github`` and ``azure`` formats escape per their runner's command rules on top of
:func:`controls`.
"""

from __future__ import annotations

import re

# Characters no output may carry raw: C0 and C1 controls and DEL, NEL and the Unicode line and
# paragraph separators (line breaks to some readers), bidirectional controls (text shown in an
# order other than the bytes'), lone surrogates (not encodable), GitHub's ``##[`` marker and
# Azure's ``##vso[`` (case-sensitive in the agent).
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]|##\\[|##vso\\[")
_LINE_START_COMMAND = re.compile(r"\A[ \t]*::")


def _visible(m: re.Match) -> str:
    s = m.group()
    if s.endswith("["):
        return s[:-1] + "\\["
    code = ord(s)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROLS = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f{_BEYOND_C0}]")  # UNSAFE's characters but CR and LF


def controls(text: str) -> str:
    """Only the terminal half of :func:`one_line`: control and bidirectional characters shown as
    escapes, CR and LF kept, for a format that escapes line breaks and ``##[`` its own way."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_visible, text)


def one_line(text: str) -> str:
    """``text`` for one line of human-readable output: unsafe characters shown as escapes, and
    ``::`` at its start broken (the value may begin a line: a file name does)."""
    if UNSAFE.search(text) is not None:
        text = UNSAFE.sub(_visible, text)
    if _LINE_START_COMMAND.match(text):
        text = text.replace(":", "\\x3a", 1)
    return text


# In serialised JSON the C0 controls are already escaped and ``::`` never starts a line.
_JSON_UNSAFE = re.compile(f"[{_BEYOND_C0}]|##\\[|##vso\\[")


def _json_escape(m: re.Match) -> str:
    s = m.group()
    return s[:-1] + "\\u005b" if s.endswith("[") else f"\\u{ord(s):04x}"


def json_text(document: str) -> str:
    """A serialised JSON document with every unsafe character as a ``\\u`` escape (lossless:
    ``json.loads`` returns the same values)."""
    if _JSON_UNSAFE.search(document) is None:
        return document
    return _JSON_UNSAFE.sub(_json_escape, document)


_MARKUP_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_BEYOND_C0}]|##\\[|##vso\\[|^[ \t]*::", re.MULTILINE)


def _markup_escape(m: re.Match) -> str:
    s = m.group()
    if s.endswith("["):
        return s[:-1] + "&#91;"
    if s.endswith("::"):
        return s[:-2] + "&#58;:"
    code = ord(s)
    if code < 0x20 or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # neither XML 1.0 nor HTML may carry these, not even as references
    return f"&#x{code:x};"


def markup_text(document: str) -> str:
    """A serialised XML or HTML document with unsafe characters as character references (those
    neither may carry, as U+FFFD) and no line starting with ``::``."""
    if _MARKUP_UNSAFE.search(document) is None:
        return document
    return _MARKUP_UNSAFE.sub(_markup_escape, document)
