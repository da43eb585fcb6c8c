"""``claims/uncited``: statistics and "studies show" claims with no citation or link near them."""

from __future__ import annotations

from contentci.analysis.health import claims
from contentci.core.registry import rule
from contentci.rules.claims import HEALTH


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
