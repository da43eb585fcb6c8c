"""``metadata/author``: a health article does not say who wrote it (front matter ``author``)."""

from __future__ import annotations

from contentci.analysis.health.articlemeta import AUTHOR_KEYS, value
from contentci.core.registry import rule
from contentci.rules.metadata import HEALTH, _missing


@rule("metadata/author", "warning", profiles=HEALTH)
def author(doc, ctx):
    """A health article does not say who wrote it (front matter ``author``).

    Readers judge health information partly by who wrote it (JAMA benchmark:
    authorship). Keys: ``author`` (also ``authors``).

    Fires::

        ---
        profile: health
        ---
        Ibuprofen eases pain.

    Passes::

        ---
        profile: health
        author: Maya Thompson
        ---
        Ibuprofen eases pain.
    """
    if value(doc, AUTHOR_KEYS)[0] is None:
        yield _missing(doc, "author", AUTHOR_KEYS, "author: Jane Doe")
