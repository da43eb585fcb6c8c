"""``--format azure``: Azure Pipelines logging commands, one ``task.logissue`` per finding.

``##vso[task.logissue type=error;sourcepath=PATH;linenumber=L;columnnumber=C;code=RULE]message``.
Errors and warnings become issues of that type (the agent has no lower level); infos are printed
as plain log lines, so they neither count as warnings nor are lost.

Escaping follows the agent (``CommandStringConvertor``, percent decoding on by default since
January 2021): in property values and in the message ``%`` → ``%AZP25``, ``;`` → ``%3B``,
``]`` → ``%5D``, CR → ``%0D`` and LF → ``%0A``; the agent turns them back. The agent reads the
first ``##vso[`` anywhere in a line, so the command is the line's start and nothing an article
says can close its properties early (``]`` and ``;`` are escaped) or start a command of its own
(a line has one). Control and bidirectional characters are shown as escapes
(:func:`contentci.core.escape.controls`), and ``##[`` / ``##vso[`` inside the message are
broken as ``##\\[`` / ``##vso\\[`` so the text stays inert wherever the log is shown again. Every
other line (infos, the summary) goes through :func:`contentci.core.escape.one_line` after a
``contentci:`` prefix. ``sourcepath`` is absolute, as the agent's documentation asks of paths.
"""

from __future__ import annotations

import os

from contentci.core.escape import controls, one_line
from contentci.output.formats.text import summary_line

TYPES = {"error": "error", "warning": "warning"}
_ESCAPES = (("%", "%AZP25"), (";", "%3B"), ("]", "%5D"), ("\r", "%0D"), ("\n", "%0A"))


def escape(text: str) -> str:
    """A property value or message as the agent unescapes it (``%`` first)."""
    for token, replacement in _ESCAPES:
        text = text.replace(token, replacement)
    return text


def _inert(text: str) -> str:
    return controls(text).replace("##[", "##\\[").replace("##vso[", "##vso\\[")


def plain(text: str) -> str:
    """A log line that is not a command: ``contentci: ...``, escaped as text output is."""
    return "contentci: " + one_line(text)


def issue(path: str, d) -> str:
    props = {
        "type": TYPES[d.severity.value],
        "sourcepath": os.path.abspath(path),
        "linenumber": d.line,
        "columnnumber": d.column,
        "code": d.rule,
    }
    body = ";".join(f"{k}={escape(_inert(str(v)))}" for k, v in props.items())
    message = d.message + (f"\nSuggestion: {d.suggestion}" if d.suggestion else "")
    return f"##vso[task.logissue {body}]{escape(_inert(message))}"


def render(report, **_options) -> str:
    lines = []
    for path, d in report.diagnostics:
        if d.severity.value in TYPES:
            lines.append(issue(path, d))
        else:
            lines.append(plain(f"{path}:{d.line}:{d.column}: {d.severity.value} {d.rule} {d.message}"))
    lines.append(plain(summary_line(report)))
    return "\n".join(lines) + "\n"
