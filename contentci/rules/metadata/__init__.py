"""Metadata: who wrote and reviewed a health article, when, who paid, and on what sources (JAMA benchmarks).

``date.py`` and ``sources.py`` are rules of their own. The rules that only ask for a front-matter
key (author, reviewer, disclosure) are rows of :data:`REQUIRED_KEYS`: the same check, other data.
"""

from __future__ import annotations

from dataclasses import dataclass

from contentci.analysis.health.articlemeta import AUTHOR_KEYS, DISCLOSURE_KEYS, REVIEWER_KEYS, parse_date, value
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


@dataclass(frozen=True)
class RequiredKey:
    """A rule that fires when none of ``keys`` is in a health article's front matter."""

    id: str
    what: str  # "No {what} in the front matter"
    keys: tuple[str, ...]
    example: str  # the suggestion: a front-matter line that passes
    about: str  # the rule's user documentation, before its examples
    passes: str  # the front-matter line of the passing example

    @property
    def doc(self) -> str:
        """The rule's docstring: ``about``, then the examples every row shares but for one line."""
        return f"{self.about}{_EXAMPLES.format(passes=self.passes)}"


# The examples of every REQUIRED_KEYS rule (executed by the docs tests): no key fires, the row's key passes.
_EXAMPLES = """

    Fires::

        ---
        profile: health
        ---
        Ibuprofen eases pain.

    Passes::

        ---
        profile: health
        {passes}
        ---
        Ibuprofen eases pain.
    """


def _register(entry: RequiredKey) -> None:
    def check(doc, ctx):
        if value(doc, entry.keys)[0] is None:
            yield _missing(doc, entry.what, entry.keys, entry.example)

    check.__doc__ = entry.doc
    rule(entry.id, "warning", profiles=HEALTH)(check)


REQUIRED_KEYS = (
    RequiredKey(
        "metadata/author",
        "author",
        AUTHOR_KEYS,
        "author: Jane Doe",
        """A health article does not say who wrote it (front matter ``author``).

    Readers judge health information partly by who wrote it (JAMA benchmark:
    authorship). Keys: ``author`` (also ``authors``).""",
        'author: Maya Thompson',
    ),
    RequiredKey(
        "metadata/disclosure",
        "disclosure of sponsorship or conflicts",
        DISCLOSURE_KEYS,
        'disclosure: "No sponsor; no conflicts of interest."',
        """A health article does not disclose sponsorship or conflicts of interest.

    Who paid for a page, and what the authors sell, changes how readers should
    weigh it (JAMA benchmark: disclosure). Say so even when there is none.
    Keys: ``disclosure`` (also ``sponsor``, ``conflicts``).""",
        'disclosure: No sponsor. The authors report no conflicts of interest.',
    ),
    RequiredKey(
        "metadata/reviewer",
        "medical reviewer",
        REVIEWER_KEYS,
        'reviewed_by: "Dana Okafor, MD"',
        """A health article names no medical reviewer (front matter ``reviewed_by``).

    A named clinician who checked the article is a mark of care. Keys:
    ``reviewed_by`` (also ``reviewer``, ``medically_reviewed_by``).""",
        'reviewed_by: Dana Okafor, MD',
    ),
)

for _entry in REQUIRED_KEYS:
    _register(_entry)
