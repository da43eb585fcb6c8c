"""Metadata: who wrote and reviewed a health article, when, who paid, and on what sources (JAMA benchmarks)."""

from __future__ import annotations

from contentci.analysis.health.articlemeta import AUTHOR_KEYS, DISCLOSURE_KEYS, PUBLISHED_KEYS, REVIEWED_KEYS, REVIEWER_KEYS, has_sources, months_between, parse_date, today, value
from contentci.core.diagnostic import Finding
from contentci.core.registry import Option, rule, settings

HEALTH = ("health",)


def _valid_date(value: str) -> str | None:
    if value and parse_date(value) is None:
        return f"{value!r} is not a date (use YYYY-MM-DD)"
    return None


settings(
    "metadata",
    {
        "max_age_months": Option(int, 24, "metadata/date: an article last reviewed longer ago than this is stale."),
        "today": Option(
            str,
            "",
            "The date to judge staleness against (YYYY-MM-DD; default: the real date, or $CONTENTCI_TODAY).",
            validate=_valid_date,
        ),
    },
)


def _missing(doc, what: str, keys, example: str) -> Finding:
    start, end = doc.first_prose_span()
    names = ", ".join(f"'{k}'" for k in keys)
    return Finding(f"No {what} in the front matter ({names}).", start, end, example, document_level=True)


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
