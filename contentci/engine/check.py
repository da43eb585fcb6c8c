"""Checking: one file's bytes and resolved config in, a FileResult out.

:func:`check_bytes` is a pure function of (path, bytes, resolved config,
selection), so files can run on a process pool and results can be cached by
content hash. Services that are not pure (a LanguageTool server) are reached
through :class:`Context` and keep their own caches.
"""

from __future__ import annotations

from typing import Any

from contentci.analysis.health import topics
from contentci.core import registry
from contentci.config.loading import ResolvedConfig
from contentci.core.diagnostic import Diagnostic, Finding, Severity
from contentci.core.context import Context
from contentci.core.errors import DocumentError
from contentci.core.result import FileResult, Selection


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
        if rule.check is None and not rule.emitted:
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
    end = max(f.start, f.end)
    line, col = doc.position(f.start)
    end_line, end_col = doc.position(end)
    extra = {"context": f.context} if f.context else {}
    return Diagnostic(
        rule_id, severity, f.message, line, col, end_line, end_col, f.suggestion, f.document_level,
        start=f.start, end=end, extra=extra,
    )


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
    ctx._profile = topics.profile(doc, ctx)
    ctx.topics = topics.topics(doc, ctx, ctx._profile)
    result = FileResult(path)
    ran: list[str] = []
    for rule, severity in enabled_rules(config, selection):
        if not registry.runs_in(rule, ctx.profile, config.severities):
            continue
        if rule.topics and not set(rule.topics) & ctx.topics:
            continue
        ran.append(rule.id)  # an emitted id counts as run: a suppression of it can be unused
        if rule.emitted:
            continue
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
    from contentci.engine.fingerprint import with_fingerprints

    result.diagnostics = with_fingerprints(doc, result.diagnostics)
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
