"""``metadata/sources``: a health article lists no sources: no ``sources`` key, no references section and no links."""

from __future__ import annotations

from contentci.analysis.health.articlemeta import has_sources
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.rules.metadata import HEALTH


@rule("metadata/sources", "warning", profiles=HEALTH)
def sources(doc, ctx):
    """A health article lists no sources: no ``sources`` key, no references section and no links.

    Readers (and reviewers) need to check where claims come from (JAMA
    benchmark: attribution). Any one of these passes: a ``sources`` list in the
    front matter, a heading such as "References" or "Sources", or links in the
    text.

    Fires::

        ---
        profile: health
        ---
        Ibuprofen eases pain.

    Passes::

        ---
        profile: health
        ---
        Ibuprofen eases pain ([NHS](https://www.nhs.uk/medicines/ibuprofen-for-adults/)).
    """
    if has_sources(doc):
        return
    start, end = doc.first_prose_span()
    yield Finding(
        "No sources: no 'sources' in the front matter, no references section and no links.",
        start,
        end,
        "Add a 'Sources' section or link the studies and guidelines you rely on.",
        document_level=True,
    )
