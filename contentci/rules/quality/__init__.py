"""The DISCERN-style quality score (``metrics.quality``) and the minimum-score gate."""

from __future__ import annotations

from contentci.analysis.health import quality
from contentci.analysis.cues.patterns import CtxKey
from contentci.core.registry import Option, metric, settings

settings(
    "quality",
    {
        "min_score": Option(
            float,
            0.0,
            "quality/below-minimum: fail health articles scoring below this (1-5; 0: off). `check --min-quality` overrides it.",
        ),
    },
)


def _score(doc, ctx):
    return doc.memo(_memo, CtxKey(ctx))


def _memo(doc, key):
    return quality.score(doc, key.ctx)


@metric("quality", order=2)
def quality_metric(doc, ctx):
    return _score(doc, ctx)
