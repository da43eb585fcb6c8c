"""The rule context a fix needs, built the way the engine builds it, and the disclaimer API.

The disclaimer requirements come from the disclaimer rules
(:func:`contentci.analysis.health.disclaimers.required_for`); fix imports them only when it
runs, and says clearly when they are not there.
"""

from __future__ import annotations

from contentci.core.context import Context
from contentci.core.errors import ContentciError


def context_for(doc, path: str, config) -> Context:
    ctx = Context(path, config, {})
    try:
        from contentci.analysis.health import topics
    except ImportError:
        return ctx
    ctx._profile = topics.profile(doc, ctx)
    if hasattr(topics, "topics") and hasattr(ctx, "topics"):
        ctx.topics = topics.topics(doc, ctx, ctx._profile)
    return ctx


def active_rules(ctx) -> set[str]:
    """Ids of the rules a check of this document would run (enabled, right profile and topic)."""
    from contentci.core import registry
    from contentci.core.result import Selection
    from contentci.engine.check import enabled_rules

    topics = set(getattr(ctx, "topics", ()) or ())
    out = set()
    for rule, _severity in enabled_rules(ctx.config, Selection()):
        if not registry.runs_in(rule, ctx.profile, ctx.config.severities):
            continue
        if rule.topics and not set(rule.topics) & topics:
            continue
        out.add(rule.id)
    return out


def required_for(doc, ctx) -> list:
    """The disclaimers a check would require of ``doc``: none for a rule that is off or does not apply."""
    try:
        from contentci.analysis.health.disclaimers import required_for as rules_required_for
    except ImportError:
        raise ContentciError(
            "fix needs the disclaimer rules (contentci.analysis.health.disclaimers), which this build does not have"
        ) from None
    active = active_rules(ctx)
    return [r for r in rules_required_for(doc, ctx) if r.rule in active]
