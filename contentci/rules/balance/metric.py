"""``metrics.balance``: how many benefit claims and risk statements a health article makes.

The same sentence classification the balance rules use (:mod:`contentci.analysis.health.classify`),
counted for the JSON report and the HTML report's benefit-vs-risk chart.
Non-health articles get no balance metric.
"""

from __future__ import annotations

from contentci.analysis.health.classify import analyze
from contentci.core.registry import metric
from contentci.rules.balance import claim_counts


@metric("balance", order=3)
def balance_metric(doc, ctx):
    if ctx.profile not in ("health", "news"):
        return None
    result = analyze(doc, ctx)
    benefits, risks = claim_counts(result)
    return {
        "benefits": benefits,  # claims, counted as balance/benefit-risk-ratio counts them
        "risks": risks,
        "benefit_sentences": len(result.where(benefit=True)),
        "risk_sentences": len(result.where(risk=True)),
        "adequate_harms": len(result.where(adequate_harm=True)),
        "evidence": len(result.where(evidence=True)),
        "alternatives": len(result.where(alternatives=True)),
    }
