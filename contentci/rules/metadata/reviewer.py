"""``metadata/reviewer``: a health article names no medical reviewer (front matter ``reviewed_by``)."""

from __future__ import annotations

from contentci.analysis.health.articlemeta import REVIEWER_KEYS, value
from contentci.core.registry import rule
from contentci.rules.metadata import HEALTH, _missing


@rule("metadata/reviewer", "warning", profiles=HEALTH)
def reviewer(doc, ctx):
    """A health article names no medical reviewer (front matter ``reviewed_by``).

    A named clinician who checked the article is a mark of care. Keys:
    ``reviewed_by`` (also ``reviewer``, ``medically_reviewed_by``).

    Fires::

        ---
        profile: health
        ---
        Ibuprofen eases pain.

    Passes::

        ---
        profile: health
        reviewed_by: Dana Okafor, MD
        ---
        Ibuprofen eases pain.
    """
    if value(doc, REVIEWER_KEYS)[0] is None:
        yield _missing(doc, "medical reviewer", REVIEWER_KEYS, 'reviewed_by: "Dana Okafor, MD"')
