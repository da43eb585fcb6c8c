"""Claims: hype, absolute promises, and statistics with no source (FTC health-claims guidance)."""

from __future__ import annotations

from contentci.analysis.health import claims
from contentci.core.registry import rule

HEALTH = ("health",)


@rule("claims/hype", "warning", profiles=HEALTH)
def hype(doc, ctx):
    """Sensational words (breakthrough, miracle, revolutionary, game-changer, cure...) at their exact span.

    Hype oversells and crowds out the numbers readers need. Each word is
    reported where it stands, with a plainer wording as the suggestion. Not
    reported: negated or doubted hype ("this is not a miracle cure", "whether it
    really cured anyone", "doesn't see it as a magic bullet"), someone else's
    claim ("be wary of clinics that promise a miracle", words inside quotation
    marks, which end at the closing mark even when the quote runs over several
    sentences, and scare quotes), a cure sought rather than claimed ("help find a
    cure"), hype balanced by a caveat in the same sentence ("remarkable, but a
    small study"), a question in the body (a question headline still counts),
    names ("Breakthrough Therapy designation", a capitalised word inside a
    sentence), other senses ("magic mushrooms", "superior to placebo", detox in
    addiction care, "transformed into"), link and credit lines ("MORE: ...",
    "... Read more"), and "cure" inside the DSHEA statement or in an article that
    gives a cure rate ("cures 95 in 100 people", where "cure" is the medical
    outcome). A paraphrase ("the company says it could revolutionize care") is
    still reported: it carries the claim into the article.
    Cue lists: ``hype`` (``word -> suggestion``), ``hype_exempt``, ``hype_doubt``,
    ``hype_sought``, ``hype_caveat``, ``non_prose``, ``negation``, ``reported``.

    Fires::

        ---
        profile: health
        ---
        This revolutionary therapy is a game-changer for arthritis.

    Passes::

        ---
        profile: health
        ---
        This new therapy is not a miracle cure for arthritis.
    """
    return claims.hype(doc, ctx)


@rule("claims/absolute", "error", profiles=HEALTH)
def absolute(doc, ctx):
    """Absolute promises: guaranteed, 100% effective, no side effects, completely safe, proven to cure.

    No treatment works for everyone or is free of risk, and the FTC treats such
    promises as claims that need proof. Not reported: negated forms ("no
    treatment is guaranteed to work", "none of the drugs works for everyone"),
    someone else's claim ("clinics promise guaranteed results"), facts about
    some people ("most people had no side effects", "one in three quit for
    good"), what a study observed ("no side effects were observed in the
    mice"), wishes, ideals and conditions ("a pill with no side effects is
    still a dream", "if such a drug existed"), limited claims ("only proven to
    work for 72 hours") and "no risk factors". Cue lists: ``absolute``,
    ``negation``, ``quantifier``, ``reported``, ``claim_hypothetical``,
    ``observation``, ``study_context``.

    Fires::

        ---
        profile: health
        ---
        Our patches are completely safe, with no side effects.

    Passes::

        ---
        profile: health
        ---
        In the trial, most people had no side effects. No treatment is
        guaranteed to work.
    """
    return claims.absolute(doc, ctx)


@rule("claims/uncited", "warning", profiles=HEALTH)
def uncited(doc, ctx):
    """Statistics and "studies show" claims with no citation or link near them.

    A number about outcomes, risk or how common something is ("40% of
    adults", "1 in 5 people", "3 times more likely"), or a claim about research
    ("studies show", "clinically proven"), needs its source in the same
    paragraph: a link, "(Source: ...)", a named study, journal or
    organisation, or a footnote marker like ``[1]``. Prices, doses and times
    are not statistics, nor are sales figures, years and "100 percent sure".
    A news story that names its study anywhere ("published in JAMA", "presented
    at the annual meeting", "the study's lead author") has a source for the
    results it reports: a research claim about that one study ("the study
    found", "new research suggests") and a figure in a sentence or paragraph
    about it (researchers, participants, groups, results) pass. Background
    figures, "studies show", "experts say" and "a previous study found" still
    need their own source. A figure a named speaker gives ("..., Dr. Wood
    said", "the heart association says"), a quoted or denied research claim
    ("not all doctors agree") and link lines pass. Cue lists: ``statistic``,
    ``research_claim``, ``citation``, ``study_source``, ``study_context``,
    ``research_generic``, ``attribution``, ``non_prose``.

    Fires::

        ---
        profile: health
        ---
        Studies show that 40% of adults sleep badly.

    Passes::

        ---
        profile: health
        ---
        About 40% of adults sleep badly
        ([CDC, 2022](https://example.org/sleep)).
    """
    return claims.uncited(doc, ctx)
