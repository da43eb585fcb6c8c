"""The rule context a fix needs, built the way the engine builds it, and the disclaimer API.

The disclaimer requirements come from the disclaimer rules
(:func:`contentci.disclaimers.required_for`); fix imports them only when it
runs, and says clearly when they are not there.
"""

from __future__ import annotations

from contentci.engine import Context
from contentci.errors import ContentciError


def context_for(doc, path: str, config) -> Context:
    ctx = Context(path, config, {})
    try:
        from contentci import topics
    except ImportError:
        return ctx
    ctx._profile = topics.profile(doc, ctx)
    if hasattr(topics, "topics") and hasattr(ctx, "topics"):
        ctx.topics = topics.topics(doc, ctx, ctx._profile)
    return ctx


def required_for(doc, ctx) -> list:
    try:
        from contentci.disclaimers import required_for as rules_required_for
    except ImportError:
        raise ContentciError("fix needs the disclaimer rules (contentci.disclaimers), which this build does not have") from None
    return rules_required_for(doc, ctx)
