"""``balance/benefit-risk-ratio``: many benefit claims against few risk statements."""

from __future__ import annotations

from contentci.analysis.health.classify import analyze, span_of
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.rules.balance import HEALTH, TREATMENT, claim_counts


@rule("balance/benefit-risk-ratio", "warning", profiles=HEALTH, topics=TREATMENT)
def benefit_risk_ratio(doc, ctx):
    """Many benefit claims against few risk statements.

    Counts benefit claims ("helps", "reduces", "relieves", "improves"; negated
    ones like "did not improve", headings, referrals and sentences about other
    options are not counted) and risk statements (a harm word, or a named harm
    outside a benefit claim). A sentence can hold several claims ("supports
    heart health, promotes brain function and helps vision" is three; "nausea,
    rash or headache" three harms), counted up to three. Fires when there are
    at least ``balance.min_benefit_claims`` (default 3) benefit claims and they
    outnumber risk statements by ``balance.max_ratio`` (default 3) to 1 or more.
    The finding points at the first benefit claim and lists the lines of the
    others.

    Fires::

        ---
        topic: treatment
        ---
        The cream relieves itching. It helps skin heal. It improves sleep. It
        reduces redness.

    Passes::

        ---
        topic: treatment
        ---
        The cream relieves itching and helps skin heal. Side effects include a
        rash in about 1 in 10 people and swelling in a few.
    """
    opts = ctx.config.section("balance")
    result = analyze(doc, ctx)
    benefits = result.where(benefit=True)
    n_benefits, n_risks = claim_counts(result)
    if n_benefits < opts["min_benefit_claims"] or n_benefits < opts["max_ratio"] * n_risks:
        return
    lines = sorted({doc.position(span_of(doc, s)[0])[0] for s in benefits})
    shown = ", ".join(map(str, lines[:12])) + (", ..." if len(lines) > 12 else "")
    start, end = span_of(doc, benefits[0])
    yield Finding(
        f"{n_benefits} benefit claims (lines {shown}) against {n_risks} risk statement{'s' if n_risks != 1 else ''}.",
        start,
        end,
        "Give the harms as much space as the benefits: what can go wrong, how often, how badly.",
    )
