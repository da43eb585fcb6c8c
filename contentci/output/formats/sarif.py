"""``--format sarif``: SARIF 2.1.0 for code scanning (``github/codeql-action/upload-sarif``).

Rule metadata comes from the registry: the docstring's first line is the short
description, the whole docstring the full one, the default severity the default
level, and the help URI points into the README's rules section (the
Repository address in the package metadata, :func:`contentci.core.resources.project_url`). Files inside the
working folder get relative URIs against ``%SRCROOT%`` (the working folder), so
results line up with the repository whatever folder CI cloned it into.
Columns count code points, as everywhere in contentci (``columnKind``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from contentci.core import registry
from contentci.core.escape import json_text

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def rules_help_uri() -> str:
    """The README's rules section, under the Repository address of the package metadata."""
    from contentci.core.resources import project_url

    return project_url("Repository") + "#rules"


def rule_descriptor(rule_id: str, rule: registry.Rule | None) -> dict:
    doc = rule.doc if rule else ""
    summary = rule.summary if rule else rule_id
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": summary or rule_id},
        "fullDescription": {"text": doc or summary or rule_id},
        "help": {"text": doc or summary or rule_id},
        "helpUri": rules_help_uri(),
        "defaultConfiguration": {"level": LEVELS[rule.severity.value] if rule else "warning"},
    }


def artifact_location(path: str) -> dict:
    """The file's URI, percent-encoding its bytes as the file system has them (a name that is not
    UTF-8 keeps its own bytes, ``caf%E9.md``)."""
    p = Path(path)
    encoded = quote(os.fsencode(p.as_posix()), safe="/")
    if p.is_absolute():
        return {"uri": "file://" + encoded}
    return {"uri": encoded, "uriBaseId": SRCROOT}


def render(report, **_options) -> str:
    from contentci import __version__
    from contentci.core.resources import project_url

    table = registry.rules()
    ids = sorted(rid for rid, r in table.items() if not r.dynamic)
    used = sorted({d.rule for _, d in report.diagnostics} - set(ids))
    ids += used  # ids from dynamic families (grammar/...) and any unregistered id
    index = {rid: i for i, rid in enumerate(ids)}
    rules = [rule_descriptor(rid, registry.find_rule(rid)) for rid in ids]

    results = []
    for path, d in report.diagnostics:
        result = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": LEVELS[d.severity.value],
            "message": {"text": d.message + (f" Suggestion: {d.suggestion}" if d.suggestion else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(path),
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": max(d.end_column, 1),
                        },
                    }
                }
            ],
        }
        fingerprint = d.fingerprint
        if fingerprint:
            result["partialFingerprints"] = {"contentci/v1": fingerprint}
        if d.document_level:
            result["properties"] = {"documentLevel": True}
        results.append(result)

    run = {
        "tool": {
            "driver": {
                "name": "contentci",
                "version": __version__,
                "informationUri": project_url("Homepage"),
                "rules": rules,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if any(f.internal_error for f in report.files):
        run["invocations"] = [{"executionSuccessful": False}]
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json_text(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
