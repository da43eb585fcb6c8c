"""Which profile applies to a document: ``health`` or ``general``.

Placeholder until topic detection lands: front matter ``profile:`` wins, then
the configured profile; ``auto`` reads as ``general`` for now.
"""

from __future__ import annotations


def profile(doc, ctx) -> str:
    fm = doc.front_matter.get("profile")
    if fm in ("health", "general"):
        return fm
    configured = ctx.config.profile
    return configured if configured != "auto" else "general"
