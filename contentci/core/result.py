"""The result model: one file's findings and metrics, a run's report, and their JSON form.

Everything that writes or reads results (the engine, the cache, the formats, ``merge``) uses
these classes, so the JSON a report is written as and read back from is defined here once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from contentci.core import registry
from contentci.core.diagnostic import Diagnostic, Severity


@dataclass(frozen=True)
class Selection:
    """``--select`` / ``--ignore``: rule ids or family prefixes."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def allows(self, rule_id: str) -> bool:
        if self.select and not any(registry.matches(rule_id, p) or p == "all" for p in self.select):
            return False
        return not any(registry.matches(rule_id, p) for p in self.ignore)

    def allows_family(self, family: str) -> bool:
        """Could any id of a run-time family (``grammar/...``) be selected?"""
        if self.select and not any(p == "all" or p.split("/", 1)[0] == family for p in self.select):
            return False
        return not any(p.rstrip("/") in (family, family + "/*") for p in self.ignore)


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    internal_error: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "metrics": self.metrics,
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


def result_from_json(data: dict) -> FileResult:
    """A FileResult from its JSON form (as written by ``FileResult.to_json``); raises on malformed input."""
    if not isinstance(data, dict) or not isinstance(data.get("path"), str):
        raise ValueError("not a file result")
    diagnostics = data.get("diagnostics", [])
    metrics = data.get("metrics", {})
    if not isinstance(diagnostics, list) or not isinstance(metrics, dict):
        raise ValueError("not a file result")
    result = FileResult(data["path"], [Diagnostic.from_json(d) for d in diagnostics], metrics)
    if any(d.rule == "contentci/internal-error" for d in result.diagnostics):
        result.internal_error = True
    return result


_severity_of = attrgetter("severity")


@dataclass
class Report:
    files: list[FileResult]
    notices: list[str] = field(default_factory=list)
    baseline: dict | None = None  # matched / new / stale, when checked against a baseline
    # Rule families a run could not check, and why ({"grammar": "LanguageTool stopped answering ..."}):
    # the JSON report's "not_checked", so a reader can tell "no grammar findings" from "not checked".
    not_checked: dict[str, str] = field(default_factory=dict)
    # What was asked for and not checked (a folder that cannot be listed, a missing path, grammar
    # required but not checked): the outputs are still written, then each is printed and the run exits 2.
    errors: list[str] = field(default_factory=list)

    @property
    def diagnostics(self):
        for f in self.files:
            for d in f.diagnostics:
                yield f.path, d

    def count(self, severity: Severity) -> int:
        return self._counts()[severity]

    def _counts(self) -> Counter:
        """How many findings of each severity (one pass; a warm run of a library has tens of thousands)."""
        counts: Counter = Counter()
        for f in self.files:
            counts.update(map(_severity_of, f.diagnostics))
        return counts

    @property
    def summary(self) -> dict[str, int]:
        counts = self._counts()
        return {
            "files": len(self.files),
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        }

    def worst(self) -> Severity | None:
        present = self._counts()
        return max(present, key=lambda s: s.rank) if present else None

    def to_json(self) -> dict:
        from contentci import __version__

        return {
            "version": 1,
            "tool": {"name": "contentci", "version": __version__},
            "files": [f.to_json() for f in self.files],
            "summary": self.summary,
        } | ({"baseline": self.baseline} if self.baseline is not None else {}) | (
            {"errors": list(self.errors)} if self.errors else {}
        ) | (
            {"not_checked": dict(self.not_checked)} if self.not_checked else {}
        )
