"""Checking: one file's bytes and resolved config in, a FileResult out.

:func:`check_bytes` is a pure function of (path, bytes, resolved config,
selection), so files can run on a process pool and results can be cached by
content hash. Services that are not pure (a LanguageTool server) are reached
through :class:`Context` and keep their own caches.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from contentci.core import registry
from contentci.config.loading import ResolvedConfig
from contentci.core.diagnostic import Diagnostic, Finding, Severity
from contentci.core.errors import DocumentError


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


@dataclass
class Context:
    """What a rule may use besides the document: its config and shared services."""

    path: str
    config: ResolvedConfig
    services: dict[str, Any] = field(default_factory=dict)
    _profile: str | None = None
    topics: frozenset[str] = frozenset()  # treatment, supplement, stem-cell, condition, general

    @property
    def profile(self) -> str:
        return self._profile or self.config.profile


_ENABLED: dict[tuple, list[tuple[registry.Rule, Severity]]] = {}


def enabled_rules(config: ResolvedConfig, selection: Selection) -> list[tuple[registry.Rule, Severity]]:
    """The rules a file with this config runs, with their severities (worked out once per config)."""
    key = (config.key, selection, len(registry.rules()))
    found = _ENABLED.get(key)
    if found is None:
        if len(_ENABLED) > 256:
            _ENABLED.clear()
        found = _ENABLED[key] = _enabled_rules(config, selection)
    return found


def _enabled_rules(config: ResolvedConfig, selection: Selection) -> list[tuple[registry.Rule, Severity]]:
    out = []
    for rule in registry.rules().values():
        if rule.check is None:
            continue
        severity = config.severity_for(rule.id, rule.severity.value)
        allowed = selection.allows_family(rule.family) if rule.dynamic else selection.allows(rule.id)
        if severity == "off" or not allowed:
            continue
        out.append((rule, Severity(severity)))
    return out


def unreadable(path: str, reason: str) -> FileResult:
    return FileResult(
        path,
        [
            Diagnostic(
                "contentci/unreadable",
                Severity.ERROR,
                f"Cannot read this file: {reason}",
                1,
                1,
                1,
                1,
                document_level=True,
            )
        ],
    )


def locate(doc, rule_id: str, severity: Severity, f: Finding) -> Diagnostic:
    line, col = doc.position(f.start)
    end_line, end_col = doc.position(max(f.start, f.end))
    return Diagnostic(rule_id, severity, f.message, line, col, end_line, end_col, f.suggestion, f.document_level)


def check_bytes(
    path: str,
    data: bytes,
    config: ResolvedConfig,
    selection: Selection = Selection(),
    services: dict[str, Any] | None = None,
) -> FileResult:
    """Check one file. Never raises for bad content: problems become diagnostics."""
    from contentci.document.parse import parse

    try:
        doc = parse(path, data)
    except DocumentError as exc:
        return unreadable(path, str(exc))
    ctx = Context(path, config, services or {})
    try:
        from contentci.analysis.health import topics

        ctx._profile = topics.profile(doc, ctx)
        ctx.topics = topics.topics(doc, ctx, ctx._profile)
    except ImportError:
        pass
    result = FileResult(path)
    ran: list[str] = []
    for rule, severity in enabled_rules(config, selection):
        if not registry.runs_in(rule, ctx.profile, config.severities):
            continue
        if rule.topics and not set(rule.topics) & ctx.topics:
            continue
        ran.append(rule.id)
        try:
            for finding in rule.check(doc, ctx) or ():
                if finding.rule is None:
                    result.diagnostics.append(locate(doc, rule.id, severity, finding))
                    continue
                own = config.severity_for(finding.rule, finding.severity or severity.value)
                if own != "off" and selection.allows(finding.rule):
                    result.diagnostics.append(locate(doc, finding.rule, Severity(own), finding))
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            result.internal_error = True
            result.diagnostics.append(
                Diagnostic(
                    "contentci/internal-error",
                    Severity.ERROR,
                    f"rule {rule.id} failed: {type(exc).__name__}: {exc} (please report this)",
                    1,
                    1,
                    1,
                    1,
                    document_level=True,
                )
            )
    _suppress(doc, result, config, selection, ran)
    for name, m in registry.metrics().items():
        try:
            result.metrics[name] = m.compute(doc, ctx)
        except Exception as exc:
            result.metrics[name] = {"error": f"{type(exc).__name__}: {exc}"}
    result.diagnostics.sort(key=lambda d: d.sort_key)
    from contentci.engine.fingerprint import add_fingerprints

    add_fingerprints(doc, result.diagnostics)
    return result


def _suppress(doc, result: FileResult, config, selection, ran: list[str]) -> None:
    """Apply inline suppressions; report unknown and unused ones as findings.

    Unused ones are always computed, so a result does not depend on a reporting flag
    (and can be cached); the runner drops them unless ``--report-unused-suppressions``.
    """
    from contentci.engine import suppress

    def active(pattern: str) -> bool:
        return (
            pattern == "all"
            or any(registry.matches(r, pattern) or (r.endswith("/*") and pattern.startswith(r[:-1])) for r in ran)
            or any(registry.matches(d.rule, pattern) for d in result.diagnostics)
        )

    outcome = suppress.apply(doc, result.diagnostics, report_unused=True, active=active)
    result.diagnostics = outcome.kept
    for rule_id, finding in outcome.meta:
        severity = config.severity_for(rule_id, registry.rules()[rule_id].severity.value)
        if severity != "off" and selection.allows(rule_id):
            result.diagnostics.append(locate(doc, rule_id, Severity(severity), finding))


_severity_of = attrgetter("severity")


@dataclass
class Report:
    files: list[FileResult]
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what was asked for and not checked: exit 2
    baseline: dict | None = None  # matched / new / stale, when checked against a baseline

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
        )
