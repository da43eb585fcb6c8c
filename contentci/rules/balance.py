"""Benefit/risk balance: does a treatment article tell readers about harms, numbers, evidence, options and cost?

The standard is a careful reviewer's (DISCERN Q4-Q15, HealthNewsReview.org):
adequately discussed, not merely mentioned. Sentences are classified once
(:mod:`contentci.analysis.health.classify`); cue lists are data (``data/health/cues.yaml``).
"""

from __future__ import annotations

from contentci.analysis.health import topics as _topics  # noqa: F401  (registers the [topics] settings)
from contentci.analysis.cues.patterns import cue_options
from contentci.analysis.health.sentence_cues import Cues
from contentci.core.diagnostic import Finding
from contentci.analysis.health.classify import EVIDENCE_ASPECTS, analyze, span_of
from contentci.core.registry import Option, rule, settings

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


def _doc_finding(doc, message: str, suggestion: str | None = None) -> Finding:
    start, end = doc.first_prose_span()
    return Finding(message, start, end, suggestion, document_level=True)


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
    no size. About sections, contacts and legalese are not read. Applies to the
    ``treatment``
    topic. Cue lists: ``harm_named``, ``harm_generic``, ``harm_causal``,
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
    if result.where(adequate_harm=True):
        return
    vague = result.where(risk=True)
    detail = " Risks are mentioned only in general terms." if vague else ""
    yield _doc_finding(
        doc,
        "No named harm, side effect or risk with a sense of how common or serious it is." + detail,
        "Name the main harms and how often they happen, e.g. 'About 1 in 100 people get an infection.'",
    )


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
    risks = result.where(risk=True)
    n_benefits = sum(s.tags["benefit_claims"] for s in benefits)
    n_risks = sum(max(1, s.tags["risk_claims"]) for s in risks)
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


@rule("balance/benefits-unquantified", "warning", profiles=HEALTH, topics=TREATMENT)
def benefits_unquantified(doc, ctx):
    """Benefits are claimed but never put in absolute numbers.

    "Helps many people" and "cuts the risk by 50%" do not tell a reader how big
    the benefit is. Absolute figures do: "7 in 100 people instead of 10",
    "from 10% to 7%", "2 points on a 10-point pain scale", a number needed to
    treat, an absolute comparison ("8.1 vs. 6.4 years", "25.5 months compared
    to 13.2 months", "shortened by 1.4 days", "48% of patients"). Figures about
    the disease or the people studied ("5% of the population", "a mean age of
    56") give no size of a benefit, unless the sentence compares the study's
    groups. Fires when the article claims a benefit and no sentence outside the
    harms gives an absolute figure; when only relative or "up to" figures are
    given, the finding points at the first of them. The message counts the
    hedged claims ("may help"): a hedge admits uncertainty but gives no size.
    Cue lists: ``absolute_figure``, ``relative_figure``, ``hedge``.

    Fires::

        ---
        topic: treatment
        ---
        The new pill cuts the risk of a heart attack by 50%.

    Passes::

        ---
        topic: treatment
        ---
        The new pill cuts the risk of a heart attack from 2 in 100 people to 1
        in 100 over five years.
    """
    result = analyze(doc, ctx)
    benefits = result.where(benefit=True)
    if not benefits or result.where(absolute_figure=True):
        return
    relative = result.where(relative_figure=True)
    if relative:
        s = relative[0]
        m = Cues(ctx).search("relative_figure", s.text)
        start, end = span_of(doc, s, m.start(), m.end())
        yield Finding(
            "Benefits are given only in relative terms; readers cannot tell how big the effect is.",
            start,
            end,
            "Add absolute figures, e.g. 'from 2 in 100 people to 1 in 100'.",
        )
        return
    hedged = sum(1 for s in benefits if s.hedged)
    hedge_note = f" ({hedged} hedged with words like 'may' or 'can', which give no size)" if hedged else ""
    yield _doc_finding(
        doc,
        f"Benefits are claimed in {len(benefits)} sentences{hedge_note} but never quantified.",
        "Say how many people benefit and by how much, e.g. '30 in 100 people had less pain, compared with 20 in 100 on a dummy pill'.",
    )


@rule("balance/alternatives-missing", "warning", profiles=HEALTH, topics=TREATMENT)
def alternatives_missing(doc, ctx):
    """No other options, and nothing on what happens without treatment.

    Readers choosing a treatment need to know what else they could do
    (other drugs, surgery, exercise, lifestyle changes, waiting) and what
    happens if they do nothing: "standard care", "other cancer therapies",
    "typically treated with surgery", "compared with chemotherapy alone",
    "compared with 2 in 100 among people not screened". Connectives are no
    options: "as well as", "rather than", "instead of" and "compared with"
    count only when a treatment, no treatment or the usual one follows
    ("compared with men" does not). A comparison with a placebo or sham is
    about evidence, not options. A rival named only to be dismissed ("unlike
    pills...", "why risk surgery?") does not count. Cue lists:
    ``alternatives``, ``alternatives_dismissive``, ``treatment``.

    Fires::

        ---
        topic: treatment
        ---
        Laser eye surgery helps most people see without glasses.

    Passes::

        ---
        topic: treatment
        ---
        Laser eye surgery helps most people see without glasses. Glasses and
        contact lenses are other options.
    """
    if analyze(doc, ctx).where(alternatives=True):
        return
    yield _doc_finding(
        doc,
        "No other options are presented, and nothing says what happens without treatment.",
        "Add the other choices (including doing nothing) and how they compare.",
    )


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


@rule("balance/costs-missing", "info", profiles=HEALTH, topics=TREATMENT)
def costs_missing(doc, ctx):
    """No word on cost, insurance cover or availability.

    Readers need to know what a treatment costs, whether insurance pays, and
    whether they can get it (over the counter, by prescription, only in
    trials): "costs about $300", "inexpensive", "covered by insurance".
    Words are read whole, so "pain free", "progression-free", the surname
    "Costello" and "a paid consultant" say nothing about cost; nor does money
    that is no price of the treatment ("a $3.2 billion enterprise", "invested
    $2 million", the disease's cost to a country). Cue list: ``cost``.

    Fires::

        ---
        topic: treatment
        ---
        Physical therapy helps most people with back pain.

    Passes::

        ---
        topic: treatment
        ---
        Physical therapy helps most people with back pain. Most insurance plans
        cover a set number of visits.
    """
    if analyze(doc, ctx).where(cost=True):
        return
    yield _doc_finding(
        doc,
        "No word on cost, insurance cover or availability.",
        "Say roughly what it costs, whether insurance covers it, and how to get it.",
    )
