"""``balance/benefits-unquantified``: benefits are claimed but never put in absolute numbers."""

from __future__ import annotations

from contentci.analysis.health.classify import analyze, span_of
from contentci.analysis.health.sentence_cues import Cues
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.rules.balance import HEALTH, TREATMENT, _doc_finding


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
