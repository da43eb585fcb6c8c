"""``balance/costs-missing``: no word on cost, insurance cover or availability."""

from __future__ import annotations

from contentci.analysis.health.classify import analyze
from contentci.core.registry import rule
from contentci.rules.balance import HEALTH, TREATMENT, _doc_finding


@rule("balance/costs-missing", "info", profiles=HEALTH, topics=TREATMENT)
def costs_missing(doc, ctx):
    """No word on cost, insurance cover or availability.

    Readers need to know what a treatment costs, whether insurance pays, and
    whether they can get it (over the counter, by prescription, only in
    trials): "costs about $300", "inexpensive", "covered by insurance".
    Words are read whole, so "pain free", "progression-free", the surname
    "Costello" and "a paid consultant" say nothing about cost; nor does money
    that is no price of the treatment ("a $3.2 billion enterprise", "invested
    $2 million", the disease's cost to a country). Cue list: ``cost``.

    Fires::

        ---
        topic: treatment
        ---
        Physical therapy helps most people with back pain.

    Passes::

        ---
        topic: treatment
        ---
        Physical therapy helps most people with back pain. Most insurance plans
        cover a set number of visits.
    """
    if analyze(doc, ctx).where(cost=True):
        return
    yield _doc_finding(
        doc,
        "No word on cost, insurance cover or availability.",
        "Say roughly what it costs, whether insurance covers it, and how to get it.",
    )
