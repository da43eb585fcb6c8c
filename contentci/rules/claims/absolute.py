"""``claims/absolute``: absolute promises: guaranteed, 100% effective, no side effects, completely safe, proven to cure."""

from __future__ import annotations

from contentci.analysis.health import claims
from contentci.core.registry import rule
from contentci.rules.claims import HEALTH


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
    only a hope", "if such a drug existed"), limited claims ("only proven to
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
