"""Front matter facts about an article: authors, reviewers, dates, disclosure, sources."""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache

AUTHOR_KEYS = ("author", "authors")
REVIEWER_KEYS = ("reviewed_by", "reviewer", "medically_reviewed_by")
PUBLISHED_KEYS = ("date_published", "date", "published")
REVIEWED_KEYS = ("last_reviewed", "last_updated", "updated")
DISCLOSURE_KEYS = ("disclosure", "sponsor", "conflicts")
SOURCES_HEADING = re.compile(
    r"^\s*(references|sources|bibliography|citations|further reading|works cited)\b", re.IGNORECASE
)


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        return _remembered_date(text) if len(text) <= 64 else _parse_date_text(text)
    return None


@lru_cache(maxsize=1024)
def _remembered_date(text: str) -> dt.date | None:
    """A date string's date, remembered: every check asks again (staleness and "today", for
    the rules and the quality score), and a failed strptime costs tens of microseconds."""
    return _parse_date_text(text)


def _parse_date_text(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m", "%d %B %Y", "%B %d, %Y", "%B %Y"):
        try:
            return dt.datetime.strptime(text[: len(text)], fmt).date()
        except ValueError:
            continue
    m = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    if m and m.end() < len(text):  # a date with a time after it; "2024-02-30" alone is no date
        return _remembered_date(m.group(1))
    return None


def value(doc, keys) -> tuple[str | None, object]:
    """The first key present with a non-empty value, and that value."""
    for key in keys:
        value = doc.front_matter.get(key)
        if value not in (None, "", [], {}):
            return key, value
    return None, None


def today(ctx) -> dt.date:
    """The date staleness is judged against: config ``metadata.today``, $CONTENTCI_TODAY, else the real date."""
    configured = ctx.config.section("metadata").get("today") or os.environ.get("CONTENTCI_TODAY", "")
    return parse_date(configured) or dt.date.today()


def has_sources(doc) -> bool:
    """A ``sources`` list, a references heading, or links."""
    if value(doc, ("sources",))[0] is not None or doc.links:
        return True
    return any(b.kind == "heading" and SOURCES_HEADING.match(b.text) for b in doc.blocks)


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + (later.month - earlier.month) - (later.day < earlier.day)
