"""``metadata/date``: a health article has no date, or was last reviewed too long ago."""

from __future__ import annotations

from contentci.analysis.health.articlemeta import PUBLISHED_KEYS, REVIEWED_KEYS, months_between, parse_date, today, value
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.rules.metadata import HEALTH, _missing


@rule("metadata/date", "warning", profiles=HEALTH)
def date(doc, ctx):
    """A health article has no date, or was last reviewed too long ago.

    Medical advice changes; readers need to know how current a page is (JAMA
    benchmark: currency). Keys: ``last_reviewed`` (also ``last_updated``,
    ``updated``), else ``date_published`` (also ``date``, ``published``).
    Stale when older than ``metadata.max_age_months`` (default 24). "Today" is
    the real date unless ``metadata.today`` or the ``CONTENTCI_TODAY``
    environment variable (YYYY-MM-DD) says otherwise.

    Fires::

        ---
        profile: health
        last_reviewed: 2015-01-10
        ---
        Ibuprofen eases pain.

    Passes::

        ---
        profile: health
        date_published: 2026-03-02
        last_reviewed: 2026-10-14
        ---
        Ibuprofen eases pain.
    """
    key, raw = value(doc, REVIEWED_KEYS)
    if key is None:
        key, raw = value(doc, PUBLISHED_KEYS)
    if key is None:
        yield _missing(doc, "publication or review date", REVIEWED_KEYS + PUBLISHED_KEYS, "last_reviewed: 2026-01-31")
        return
    when = parse_date(raw)
    start, end = doc.first_prose_span()
    if when is None:
        yield Finding(f"Front matter '{key}: {raw}' is not a date (use YYYY-MM-DD).", start, end, document_level=True)
        return
    limit = ctx.config.section("metadata")["max_age_months"]
    months = months_between(when, today(ctx))
    if months > limit:
        yield Finding(
            f"Last reviewed {when.isoformat()} ({months} months ago); review health content at least every {limit} months.",
            start,
            end,
            "Review the article against current evidence and update 'last_reviewed'.",
            document_level=True,
        )
