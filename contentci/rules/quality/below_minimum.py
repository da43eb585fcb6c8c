"""``quality/below-minimum``: a health article's quality score is below the required minimum."""

from __future__ import annotations

from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.rules.quality import _score


@rule("quality/below-minimum", "error", profiles=("health",))
def below_minimum(doc, ctx):
    """A health article's quality score is below the required minimum.

    The score (``metrics.quality.score`` in JSON) rates DISCERN-style criteria
    from 1 (absent) to 5 (fully met) and averages them: sources, currency,
    unbiased wording, transparency (author, reviewer, disclosure), referral to
    a professional, and for treatment articles benefits, risks, alternatives,
    evidence and cost. The minimum comes from ``check --min-quality N`` or
    ``[quality] min_score`` (default 0: off). The message lists the weakest
    criteria.

    Fires (with ``--min-quality 3``)::

        ---
        profile: health
        ---
        This revolutionary pill cures arthritis.

    Passes (with ``--min-quality 3``)::

        ---
        profile: health
        author: Maya Thompson
        reviewed_by: Dana Okafor, MD
        disclosure: No sponsor.
        last_reviewed: 2026-10-14
        sources: ["NHS. Ibuprofen for adults."]
        ---
        Ibuprofen eases pain for many people. Ask your pharmacist if it suits
        you ([NHS](https://www.nhs.uk/medicines/ibuprofen-for-adults/)).
    """
    minimum = ctx.config.section("quality").get("min_score", 0.0)
    if not minimum:
        return
    result = _score(doc, ctx)
    if result is None or result["score"] >= minimum:
        return
    weakest = sorted(result["criteria"].items(), key=lambda kv: kv[1])[:3]
    names = ", ".join(f"{k} {v}/5" for k, v in weakest)
    start, end = doc.first_prose_span()
    yield Finding(
        f"Quality score {result['score']} (scale {result['scale']}) is below the minimum {minimum:g}; weakest: {names}.",
        start,
        end,
        document_level=True,
    )
