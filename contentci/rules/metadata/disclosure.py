"""``metadata/disclosure``: a health article does not disclose sponsorship or conflicts of interest."""

from __future__ import annotations

from contentci.analysis.health.articlemeta import DISCLOSURE_KEYS, value
from contentci.core.registry import rule
from contentci.rules.metadata import HEALTH, _missing


@rule("metadata/disclosure", "warning", profiles=HEALTH)
def disclosure(doc, ctx):
    """A health article does not disclose sponsorship or conflicts of interest.

    Who paid for a page, and what the authors sell, changes how readers should
    weigh it (JAMA benchmark: disclosure). Say so even when there is none.
    Keys: ``disclosure`` (also ``sponsor``, ``conflicts``).

    Fires::

        ---
        profile: health
        ---
        Ibuprofen eases pain.

    Passes::

        ---
        profile: health
        disclosure: No sponsor. The authors report no conflicts of interest.
        ---
        Ibuprofen eases pain.
    """
    if value(doc, DISCLOSURE_KEYS)[0] is None:
        yield _missing(
            doc,
            "disclosure of sponsorship or conflicts",
            DISCLOSURE_KEYS,
            'disclosure: "No sponsor; no conflicts of interest."',
        )
