"""``--format github``: GitHub Actions annotations, safe against text from articles.

The runner reads workflow commands from every log line: ``::cmd props::data``
(after leading spaces) and the older ``##[cmd]data`` anywhere in a line. Article
text reaches us through messages and file names, so every line printed here is
either one of our own annotation commands, with its data and properties escaped
per the workflow-command rules, or a plain line that starts with ``contentci:``
and has ``%``, CR, LF and ``##[`` escaped; control characters in any of it are shown as
escapes (:func:`contentci.core.escape.controls`), so none reaches a terminal. Nothing an article says can start a
command of its own (``::add-mask::``, ``::stop-commands::``, ...).

GitHub shows at most 10 annotations of each level per step, so the findings past
that are printed as plain lines, with a count of what was cut.
"""

from __future__ import annotations

from contentci.core.escape import controls
from contentci.output.formats.text import summary_line

SHOWN_PER_LEVEL = 10
LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's data (after the second ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: data escapes plus ``:`` and ``,``, which delimit properties."""
    return _no_legacy(escape_data(text).replace(":", "%3A").replace(",", "%2C"))


def _no_legacy(text: str) -> str:
    """The runner also reads ``##[command]`` anywhere in a line; break that sequence (and Azure's
    ``##vso[``, in case the log is read by both)."""
    return text.replace("##[", "#%23[").replace("##vso[", "#%23vso[")


def plain(text: str) -> str:
    """A log line that can never be read as a workflow command."""
    return "contentci: " + _no_legacy(escape_data(controls(text)))


def annotation(level: str, path: str, d) -> str:
    props = {
        "file": path,
        "line": d.line,
        "col": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
        "title": f"contentci {d.rule}",
    }
    if d.end_line != d.line:
        # GitHub ignores columns on annotations that span lines.
        del props["col"], props["endColumn"]
    body = ",".join(f"{k}={escape_property(controls(str(v)))}" for k, v in props.items())
    message = controls(d.message) + (f"\nSuggestion: {controls(d.suggestion)}" if d.suggestion else "")
    return f"::{level} {body}::{_no_legacy(escape_data(message))}"


def render(report, **_options) -> str:
    lines: list[str] = []
    cut: list[str] = []
    shown = {level: 0 for level in LEVELS.values()}
    for path, d in report.diagnostics:
        level = LEVELS[d.severity.value]
        if shown[level] < SHOWN_PER_LEVEL:
            shown[level] += 1
            lines.append(annotation(level, path, d))
        else:
            cut.append(plain(f"{path}:{d.line}:{d.column}: {d.severity.value} {d.rule} {d.message}"))
    if cut:
        lines.append(
            plain(
                f"{len(cut)} more finding{'s' if len(cut) != 1 else ''} not shown as annotations "
                f"(GitHub shows {SHOWN_PER_LEVEL} per level in a step); they are listed here, "
                "in the job summary and in SARIF:"
            )
        )
        lines.extend(cut)
    lines.append(plain(summary_line(report)))
    return "\n".join(lines) + "\n"
