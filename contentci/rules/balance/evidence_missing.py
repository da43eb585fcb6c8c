"""``balance/evidence-missing``: too little on how good the evidence is."""

from __future__ import annotations

from contentci.analysis.health.classify import EVIDENCE_ASPECTS, analyze
from contentci.core.registry import rule
from contentci.rules.balance import HEALTH, TREATMENT, _doc_finding


@rule("balance/evidence-missing", "warning", profiles=HEALTH, topics=TREATMENT)
def evidence_missing(doc, ctx):
    """Too little on how good the evidence is.

    A careful reviewer asks four things of the evidence, and an article should
    answer at least ``balance.min_evidence_aspects`` (default 2) of them: the
    design ("randomized", "placebo", "controlled", "a meta-analysis"), the
    size ("400 people"), how long people were followed ("followed for five
    years", "after 12 weeks"), and its limits in words ("a small study", "in
    mice", "observational, so it cannot prove cause and effect", "long-term
    effects are unknown"). "Studies show", "research is ongoing", "preliminary
    results", who funded the study and forward-looking legalese answer none.
    The finding lists what was given and what is missing. Cue lists:
    ``evidence_design``, ``evidence_size``, ``evidence_duration``,
    ``evidence_limits``.

    Fires::

        ---
        topic: treatment
        ---
        Studies show the therapy helps, and research is ongoing.

    Passes::

        ---
        topic: treatment
        ---
        A randomized trial of 400 people found the therapy helped. Long-term
        effects are unknown.
    """
    need = ctx.config.section("balance").get("min_evidence_aspects", 2)
    given: set[str] = set()
    for s in analyze(doc, ctx).sentences:
        given |= s.tags.get("evidence_aspects", frozenset())
    if len(given) >= need:
        return
    names = [aspect for aspect, _ in EVIDENCE_ASPECTS]
    missing = ", ".join(a for a in names if a not in given)
    told = f" Given: {', '.join(a for a in names if a in given)}." if given else ""
    yield _doc_finding(
        doc,
        f"Too little on the quality of the evidence (missing: {missing}).{told}",
        "Say what kind of study it was, how many people and for how long, and its limits (small, short, in animals, no control group).",
    )
