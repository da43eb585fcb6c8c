"""``--format gitlab``: a GitLab Code Quality report (``artifacts: reports: codequality``).

The report is a JSON array of Code Climate issues, each with the fields GitLab reads:
``description``, ``check_name`` (the rule id), ``fingerprint``, ``severity`` and
``location.path`` / ``location.lines.begin`` (and ``end``). Severities map error → ``major``,
warning → ``minor``, info → ``info`` (GitLab's scale is info, minor, major, critical, blocker).

GitLab tells findings apart, between the merge request's base and head, by fingerprint, and
shows only the first issue of each fingerprint. So a fingerprint is made from the finding's own
:attr:`Diagnostic.fingerprint` (rule, flagged text and its occurrence index: it stays the same
when lines move) and the file's path, and is unique within the report. Paths are as contentci
shows them: relative to the working folder, which in a GitLab job is the repository's root.
Text from articles is escaped with :func:`contentci.core.escape.json_text` (lossless).
"""

from __future__ import annotations

import hashlib
import json

from contentci.core.escape import json_text
from contentci.engine.fingerprint import fingerprint_of

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _fingerprint(*parts: str) -> str:
    data = "\0".join(parts).encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()[:32]


def render(report, **_options) -> str:
    issues = []
    seen: set[str] = set()
    for path, d in report.diagnostics:
        base = fingerprint_of(d)
        fingerprint = _fingerprint(path, base)
        n = 0
        while fingerprint in seen:  # a report read back without fingerprints may repeat one
            n += 1
            fingerprint = _fingerprint(path, base, str(n))
        seen.add(fingerprint)
        issues.append(
            {
                "type": "issue",
                "description": d.message + (f" Suggestion: {d.suggestion}" if d.suggestion else ""),
                "check_name": d.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITIES[d.severity.value],
                "categories": ["Style"],
                "location": {"path": path, "lines": {"begin": d.line, "end": max(d.end_line, d.line)}},
            }
        )
    return json_text(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"
