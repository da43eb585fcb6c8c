"""``--format rdjson``: the Reviewdog Diagnostic Format (``reviewdog -f=rdjson``).

One ``DiagnosticResult``: ``source`` (contentci), the run's worst ``severity``, and one
``Diagnostic`` per finding with its message, location range, severity (ERROR, WARNING, INFO),
``code`` (rule id and its documentation URL) and, where the finding has a real replacement for
an exact source range, ``suggestions`` (:mod:`contentci.fix.suggestions`: a hype word's plainer
wording, a missing disclaimer's insertion as a zero-width range; the command computes them and
passes them in). Advice that is not replacement text ("split this sentence") stays in the message.

Columns: reviewdog's Position counts columns from 1 in UTF-8 *bytes* (its schema: "byte count in
UTF-8"; in ``a𐐀b`` the ``b`` is column 6), and a range's end is exclusive. contentci counts code
points, so each column is converted through the file's source line (read by
:class:`contentci.output.sources.Sources`). When the source cannot be read (a merged report whose
files are not here, a file gone since the run) or no longer has that line, the column would be a
guess: the position keeps its line only, which reviewdog treats as the whole line, and the
finding offers no suggestion. Text is escaped with :func:`contentci.core.escape.json_text`.
"""

from __future__ import annotations

import json

from contentci.core.escape import json_text
from contentci.core.resources import project_url
from contentci.output.formats.sarif import rules_help_uri

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def byte_column(line: str, column: int) -> int:
    """The 1-based UTF-8 byte column of 1-based code-point ``column`` in ``line``."""
    return len(line[: column - 1].encode("utf-8", "surrogatepass")) + 1


def _position(lines: list[str] | None, line: int, column: int) -> dict:
    if lines is None or not 1 <= line <= len(lines) or column - 1 > len(lines[line - 1]):
        return {"line": line}
    return {"line": line, "column": byte_column(lines[line - 1], column)}


def _range(lines, line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"start": _position(lines, line, column), "end": _position(lines, end_line, end_column)}


def render(report, *, sources=None, suggestions=None, **_options) -> str:
    help_uri = rules_help_uri()
    suggestions = suggestions or {}
    diagnostics = []
    for result in report.files:
        if not result.diagnostics:
            continue
        lines = sources.lines(result.path) if sources is not None else None
        for d in result.diagnostics:
            item = {
                "message": d.message + (f" Suggestion: {d.suggestion}" if d.suggestion else ""),
                "location": {"path": result.path, "range": _range(lines, d.line, d.column, d.end_line, d.end_column)},
                "severity": SEVERITIES[d.severity.value],
                "code": {"value": d.rule, "url": help_uri},
            }
            found = suggestions.get((result.path, d)) if lines is not None else None
            if found:
                ranges = [(_range(lines, *s[:4]), s[4]) for s in found]
                if all("column" in r["start"] and "column" in r["end"] for r, _ in ranges):
                    item["suggestions"] = [{"range": r, "text": text} for r, text in ranges]
            diagnostics.append(item)
    doc: dict = {"source": {"name": "contentci", "url": project_url("Repository")}}
    worst = report.worst()
    if worst is not None:
        doc["severity"] = SEVERITIES[worst.value]
    doc["diagnostics"] = diagnostics
    return json_text(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
