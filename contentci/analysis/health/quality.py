"""A DISCERN-style quality score for health articles.

DISCERN (Charnock et al., 1999) rates 16 questions from 1 (no) to 5 (yes).
contentci scores the criteria it can judge from text and front matter on the
same 1-5 scale and reports their mean, rounded to one decimal, as
``metrics.quality.score``. Treatment criteria (benefits, risks, alternatives,
evidence, cost) count only for articles with the ``treatment`` topic.
Non-health articles get ``null``.

| criterion     | DISCERN / JAMA    | 5                                  | 3                         | 1            |
|---------------|-------------------|------------------------------------|---------------------------|--------------|
| sources       | Q4, Q7, JAMA      | sources listed and linked          | one of the two            | neither      |
| currency      | Q5, JAMA          | dated and reviewed recently        | dated but stale           | no date      |
| unbiased      | Q6                | no hype, no absolute claims        | 1-2 hype words            | more, or any absolute claim |
| transparency  | JAMA              | author, reviewer and disclosure    | one or two of them        | none         |
| shared_decision | Q15             | refers readers to a professional   |                           | does not     |
| benefits      | Q10               | benefits in absolute numbers       | relative numbers only (2: none) | no benefit described |
| risks         | Q11               | 2+ harms with frequency/severity (4: one) | risks named vaguely (2) | none   |
| alternatives  | Q12, Q14          | 2+ statements on options / no treatment | one                  | none         |
| evidence      | Q8 (uncertainty)  | 2+ statements on evidence quality  | one                       | none         |
| cost          | HealthNewsReview  | cost or availability discussed     |                           | not          |
"""

from __future__ import annotations

from contentci.analysis.health import articlemeta, claims, disclaimers
from contentci.analysis.health.classify import analyze

SCALE = "1-5"


def _count(items, cap: int = 50) -> int:
    n = 0
    for _ in items:
        n += 1
        if n >= cap:
            break
    return n


def criteria(doc, ctx) -> dict[str, int]:
    result = analyze(doc, ctx)
    out: dict[str, int] = {}
    listed = articlemeta.value(doc, ("sources",))[0] is not None or any(
        b.kind == "heading" and articlemeta.SOURCES_HEADING.match(b.text) for b in doc.blocks
    )
    out["sources"] = 5 if listed and doc.links else 3 if listed or doc.links else 1
    key, raw = articlemeta.value(doc, articlemeta.REVIEWED_KEYS)
    if key is None:
        key, raw = articlemeta.value(doc, articlemeta.PUBLISHED_KEYS)
    when = articlemeta.parse_date(raw) if key else None
    limit = ctx.config.section("metadata").get("max_age_months", 24)
    out["currency"] = (
        1 if when is None else 5 if articlemeta.months_between(when, articlemeta.today(ctx)) <= limit else 3
    )
    hype = _count(claims.hype(doc, ctx))
    absolute = _count(claims.absolute(doc, ctx))
    out["unbiased"] = 5 if hype == 0 and absolute == 0 else 3 if absolute == 0 and hype <= 2 else 1
    present = sum(
        articlemeta.value(doc, keys)[0] is not None
        for keys in (articlemeta.AUTHOR_KEYS, articlemeta.REVIEWER_KEYS, articlemeta.DISCLOSURE_KEYS)
    )
    out["transparency"] = {3: 5, 2: 3, 1: 3, 0: 1}[present]
    consult = disclaimers.required_for(doc, ctx, "disclaimer/consult-professional")
    out["shared_decision"] = 5 if consult and consult[0].satisfied else 1
    if "treatment" in (ctx.topics or ()):
        benefits = result.where(benefit=True)
        out["benefits"] = (
            1
            if not benefits
            else 5
            if result.where(absolute_figure=True)
            else 3
            if result.where(relative_figure=True)
            else 2
        )
        adequate = len(result.where(adequate_harm=True))
        out["risks"] = 5 if adequate >= 2 else 4 if adequate == 1 else 2 if result.where(risk=True) else 1
        alternatives = len(result.where(alternatives=True))
        out["alternatives"] = 5 if alternatives >= 2 else 3 if alternatives == 1 else 1
        evidence = len(result.where(evidence=True))
        out["evidence"] = 5 if evidence >= 2 else 3 if evidence == 1 else 1
        out["cost"] = 5 if result.where(cost=True) else 1
    return out


def score(doc, ctx) -> dict | None:
    """``{"scale": "1-5", "score": 3.4, "criteria": {...}}``, or None for a non-health article."""
    if ctx.profile != "health":
        return None
    parts = criteria(doc, ctx)
    return {
        "scale": SCALE,
        "score": round(sum(parts.values()) / len(parts), 1),
        "criteria": parts,
        "topics": sorted(ctx.topics or ()),
    }
