"""Benefit/risk balance: does a treatment article tell readers about harms, numbers, evidence, options and cost?

The standard is a careful reviewer's (DISCERN Q4-Q15, HealthNewsReview.org):
adequately discussed, not merely mentioned. Sentences are classified once
(:mod:`contentci.analysis.health.classify`); cue lists are data (``data/health/cues.yaml``).
"""

from __future__ import annotations

from contentci.analysis.health import topics as _topics  # noqa: F401  (registers the [topics] settings)
from contentci.analysis.cues.patterns import cue_options
from contentci.core.diagnostic import Finding
from contentci.core.registry import Option, settings

settings("cues", cue_options())
settings(
    "balance",
    {
        "min_benefit_claims": Option(int, 3, "balance/benefit-risk-ratio: fewer benefit claims than this never fire."),
        "max_ratio": Option(
            float,
            3.0,
            "balance/benefit-risk-ratio: fire when benefit claims are at least this many times the risk statements.",
        ),
        "min_evidence_aspects": Option(
            int,
            2,
            "balance/evidence-missing: how many of design, size, duration and limitations an article must give.",
        ),
    },
)

HEALTH = ("health",)
TREATMENT = ("treatment",)


def claim_counts(result) -> tuple[int, int]:
    """(benefit claims, risk statements) of an analysed article: the one count that the
    benefit-risk-ratio finding, ``metrics.balance`` and the report's chart all show. A sentence can
    hold several claims (counted up to three); a risk sentence counts at least once."""
    benefits = sum(s.tags["benefit_claims"] for s in result.where(benefit=True))
    risks = sum(max(1, s.tags["risk_claims"]) for s in result.where(risk=True))
    return benefits, risks


def _doc_finding(doc, message: str, suggestion: str | None = None) -> Finding:
    start, end = doc.first_prose_span()
    return Finding(message, start, end, suggestion, document_level=True)
