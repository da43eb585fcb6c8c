"""The rule context a fix needs, built the way the engine builds it, and the disclaimer API.

The disclaimer requirements come from :func:`contentci.analysis.health.disclaimers.required_for`,
filtered to the rules a check of the document would run.
"""

from __future__ import annotations

from contentci.analysis.health import topics
from contentci.analysis.health.disclaimers import required_for as rules_required_for
from contentci.core import registry
from contentci.core.context import Context
from contentci.core.result import Selection
from contentci.engine.check import enabled_rules


def context_for(doc, path: str, config) -> Context:
    ctx = Context(path, config, {})
    ctx._profile = topics.profile(doc, ctx)
    ctx.topics = topics.topics(doc, ctx, ctx._profile)
    return ctx


def active_rules(ctx) -> set[str]:
    """Ids of the rules a check of this document would run (enabled, right profile and topic)."""
    found = set(ctx.topics or ())
    out = set()
    for rule, _severity in enabled_rules(ctx.config, Selection()):
        if not registry.runs_in(rule, ctx.profile, ctx.config.severities):
            continue
        if rule.topics and not set(rule.topics) & found:
            continue
        out.add(rule.id)
    return out


def required_for(doc, ctx) -> list:
    """The disclaimers a check would require of ``doc``: none for a rule that is off or does not apply."""
    active = active_rules(ctx)
    return [r for r in rules_required_for(doc, ctx) if r.rule in active]
