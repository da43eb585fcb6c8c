"""``claims/hype``: sensational words (breakthrough, miracle, revolutionary, game-changer, cure...) at their exact span."""

from __future__ import annotations

from contentci.analysis.health import claims
from contentci.core.registry import rule
from contentci.rules.claims import HEALTH


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
