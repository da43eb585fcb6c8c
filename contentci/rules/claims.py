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
    reported: negated hype ("this is not a miracle cure"), someone else's claim
    ("be wary of clinics that promise a miracle", words in quotation marks),
    accurate medical terms ("breakthrough bleeding"), and "cure" inside the
    DSHEA statement or in an article that gives a cure rate ("cures 95 in 100
    people", where "cure" is the medical outcome).
    Cue lists: ``hype`` (``word -> suggestion``), ``hype_exempt``, ``negation``,
    ``reported``.

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
    treatment is guaranteed to work"), someone else's claim ("clinics promise
    guaranteed results"), and facts about some people ("most people had no
    side effects"). Cue lists: ``absolute``, ``negation``, ``quantifier``,
    ``reported``.

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
    are not statistics. Cue lists: ``statistic``, ``research_claim``,
    ``citation``.

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
