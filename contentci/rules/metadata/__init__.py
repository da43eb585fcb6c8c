"""Metadata: who wrote and reviewed a health article, when, who paid, and on what sources (JAMA benchmarks)."""

from __future__ import annotations

from contentci.analysis.health.articlemeta import parse_date
from contentci.core.diagnostic import Finding
from contentci.core.registry import Option, settings

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
