"""``balance/harms-missing``: a treatment article names no harm with a sense of how common or serious it is."""

from __future__ import annotations

from contentci.analysis.health.classify import analyze
from contentci.analysis.health.harm_judgment import harm_evidence
from contentci.core.registry import rule
from contentci.rules.balance import HEALTH, TREATMENT, _doc_finding


@rule("balance/harms-missing", "error", profiles=HEALTH, topics=TREATMENT)
def harms_missing(doc, ctx):
    """A treatment article names no harm with a sense of how common or serious it is.

    Every treatment has downsides. Readers need at least one harm given with
    how often it happens or how bad it is, which a sentence does in one of
    three ways. A harm named in general terms with a size: "grade 3 toxicities
    in 12% of patients", "serious side effects were rare", or reported as
    looked for and not found ("no serious complications were seen"; a promise
    like "has no side effects" does not count). Three or more harms named one
    by one under such a noun ("side effects reported include nausea, rash and
    headache"). Or a named harm ("nausea", "infection", "blood clots") with a
    frequency or severity ("about 1 in 100 people", "common", "rare but
    serious"), in the same sentence or the next one, tied to the treatment (a
    treatment word, "causes", "after") or under a heading or lead-in about
    harms. The disease under study is no harm of its treatment: a harm word in
    the title ("... for prostate cancer"), a sentence on the disease's toll
    ("the leading cause of death", "patients with lupus", "diagnosed each
    year"), and death, cancer or stroke without a harm noun ("complications
    such as stroke") do not count. "Talk to your doctor about the risks" gives
    no size. A comparison without a figure ("fewer side effects than
    chemotherapy") is a benefit claim and gives no harm. A study's safety
    result counts ("the patch proved safe in the trial"); a
    promise ("it has no side effects") does not. An article that only reports
    an association of a habit, food or exposure with an outcome, with hardly a
    drug, device or procedure in it, is not asked for harms
    (:mod:`contentci.analysis.health.harm_judgment`). About sections, contacts
    and legalese are not read. Applies to the ``treatment`` topic. Cue lists: ``harm_named``, ``harm_generic``, ``harm_causal``,
    ``frequency``, ``severity`` (extend them under ``[cues]``).

    Fires::

        ---
        topic: treatment
        ---
        Knee surgery helps people walk again. Talk to your doctor about the risks.

    Passes::

        ---
        topic: treatment
        ---
        Knee surgery helps people walk again. About 1 in 100 people get an
        infection after knee surgery.
    """
    result = analyze(doc, ctx)
    if harm_evidence(result) is not None:
        return
    vague = result.where(risk=True)
    detail = " Risks are mentioned only in general terms." if vague else ""
    yield _doc_finding(
        doc,
        "No named harm, side effect or risk with a sense of how common or serious it is." + detail,
        "Name the main harms and how often they happen, e.g. 'About 1 in 100 people get an infection.'",
    )
