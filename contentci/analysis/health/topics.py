"""Which profile and topics apply to a document.

Profile: ``health`` (every rule), ``news`` (health news stories and press releases:
balance and claims rules on every article about an intervention, test or study; no
disclaimer, metadata or quality rules unless configured) or ``general`` (readability and
grammar only). ``auto`` (the default) reads the text: an article is about health when it
uses several people-medicine words (doctor, symptom, medication, diagnosis...) often
enough for its length. Words that also live in kitchens, gardens and code ("cure the
ham", "a breakthrough season", "treat the roses") count for little. A health article
that reads as news or a press release (:mod:`contentci.analysis.health.newsform`) gets
``news``.

Topics (``treatment``, ``supplement``, ``stem-cell``, ``condition``, ``general``)
decide which health rules apply: balance rules need ``treatment``,
``disclaimer/dshea`` needs ``supplement``, ``disclaimer/regulatory-status``
needs ``stem-cell``. Precedence: front matter ``profile:`` / ``topic:`` (or
``topics:``), then config (``profile`` and ``[topics] assign`` per glob), then
detection.
"""

from __future__ import annotations

import re

from contentci.analysis.cues.matcher import CueSet
from contentci.analysis.cues.patterns import CtxKey, cue_set, entries, per_file
from contentci.core.registry import Option, settings

TOPICS = ("treatment", "supplement", "stem-cell", "condition", "general")
# The cue lists detection reads (see _topic_cues).
TOPIC_LISTS = ("health_strong", "health_weak", "treatment", "supplement", "stem_cell", "condition")


def _valid_topics(values: list[str]) -> str | None:
    bad = [v for v in values if v not in TOPICS]
    return f"unknown topic {bad[0]!r}; use {', '.join(TOPICS)}" if bad else None


settings(
    "topics",
    {
        "assign": Option(
            list,
            [],
            "Topics to use instead of detecting them (treatment, supplement, stem-cell, condition, general).",
            validate=_valid_topics,
        ),
        "min_health_terms": Option(
            int, 3, "Distinct health terms (weak ones count half) an article needs to be detected as health."
        ),
        "health_density": Option(
            float, 1.0, "Health terms (weak ones count half) per 100 words needed to be detected as health."
        ),
        "treatment_density": Option(
            float,
            2.2,
            "Intervention words per 100 words that make an article about treatment (when its title names none).",
        ),
    },
)


def _front_matter_topics(doc) -> list[str] | None:
    value = doc.front_matter.get("topic", doc.front_matter.get("topics"))
    if value is None:
        return None
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    out = [str(v).strip().lower() for v in values]
    return [v for v in out if v in TOPICS] or None


def _topic_cues(ctx) -> CueSet:
    """An index of only the lists detection reads, for reading a whole article's prose.

    In the shared index of every cue and disclaimer list about half an article's words start
    some entry ("a", "can", "for" start number, frequency and evidence entries), and each such
    hit is filed for lists the prose is never asked about. Matches are the same either way:
    each list is matched on its own.
    """

    def make() -> CueSet:
        # A whole article's prose is read twice (profile, topics) and never again: keep a few, not
        # the thousands of sentences the shared index keeps (that held ~18 MB a worker).
        return cue_set(tuple((name, entries(ctx, name)) for name in TOPIC_LISTS), remember_texts=8)

    return per_file(ctx, "_topic_cue_set", make)


def _prose_words(doc) -> int:
    return max(1, len(doc.prose.split()))


def health_score(doc, ctx) -> dict:
    """How strongly the text reads as health: distinct strong terms and density per 100 words."""
    cues = _topic_cues(ctx)
    text = doc.prose
    words = doc.memo(_prose_words)
    strong = [m.group().lower() for m in cues.finditer("health_strong", text)]
    weak = [m.group().lower() for m in cues.finditer("health_weak", text)]
    weighted = len(strong) + 0.5 * len(weak)
    return {
        "distinct": len(set(strong)) + 0.5 * len(set(weak)),
        "per_100_words": round(100 * weighted / words, 2),
    }


def detect_profile(doc, ctx) -> str:
    opts = ctx.config.section("topics")
    score = doc.memo(_score_memo, CtxKey(ctx, config_only=True))
    if score["distinct"] >= opts.get("min_health_terms", 3) and score["per_100_words"] >= opts.get(
        "health_density", 1.0
    ):
        from contentci.analysis.health.newsform import is_news

        return "news" if is_news(doc) else "health"
    return "general"


def _score_memo(doc, key: CtxKey) -> dict:
    return health_score(doc, key.ctx)


NAMED_PROFILES = ("health", "news", "general")


def profile(doc, ctx) -> str:
    """``health``, ``news`` or ``general`` for this document."""
    fm = doc.front_matter.get("profile")
    if fm in NAMED_PROFILES:
        return fm
    configured = ctx.config.profile
    if _front_matter_topics(doc) and set(_front_matter_topics(doc)) - {"general"}:
        return "news" if configured == "news" else "health"
    if configured in NAMED_PROFILES:
        return configured
    if set(ctx.config.section("topics").get("assign") or ()) - {"general"}:
        return "health"
    return detect_profile(doc, ctx)


def _title(doc) -> str:
    """Front matter title plus the first heading (or first line): where an article says what it is about."""
    first = next(
        (b.text for b in doc.blocks if b.kind == "heading"), doc.blocks[0].text.split("\n")[0] if doc.blocks else ""
    )
    return f"{doc.front_matter.get('title', '')}\n{first}"


# What a news story or release reports on besides a treatment: a test, a study, a trial.
_STUDY_WORDS = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|researchers?|scientists|tests?|testing|screening|scans?|diagnostic|findings|experiment\w*)\b",
    re.IGNORECASE,
)


def detect_topics(doc, ctx, wide: bool = False) -> set[str]:
    """Topics from the text: is an intervention in the title, or mentioned densely enough?

    ``wide`` (the ``news`` profile): an article that names an intervention, a test or a study
    twice or more is about ``treatment``; news reports an intervention without dwelling on it.
    """
    cues = _topic_cues(ctx)
    text, title = doc.prose, _title(doc)
    words = doc.memo(_prose_words)
    opts = ctx.config.section("topics")
    found: set[str] = set()
    density = opts.get("treatment_density", 2.2)
    treatment = len(cues.finditer("treatment", text))
    supplement = len(cues.finditer("supplement", text))
    stem_cell = len(cues.finditer("stem_cell", text))
    # An article about an intervention names it in its title, or keeps coming back to it; an
    # illness explainer mentions "treatment" now and then.
    if cues.has("treatment", title) or 100 * treatment / words >= density:
        found.add("treatment")
    elif wide and treatment + len(_STUDY_WORDS.findall(text)) >= 2:
        found.add("treatment")
    if stem_cell and (cues.has("stem_cell", title) or stem_cell >= 2 or "treatment" in found):
        found |= {"stem-cell", "treatment"}
    if cues.has("supplement", title) or (supplement >= 2 and "treatment" in found):
        found |= {"supplement", "treatment"}
    if len(cues.finditer("condition", text)) >= 3:
        found.add("condition")
    return found or {"general"}


def topics(doc, ctx, profile_name: str | None = None) -> frozenset[str]:
    """The document's topics. A ``general``-profile document has only ``general``."""
    if (profile_name or profile(doc, ctx)) == "general":
        return frozenset({"general"})
    chosen = _front_matter_topics(doc) or list(ctx.config.section("topics").get("assign") or ()) or None
    name = profile_name or profile(doc, ctx)
    result = set(chosen) if chosen else detect_topics(doc, ctx, wide=name == "news")
    if result & {"supplement", "stem-cell"}:
        result.add("treatment")  # a supplement or a cell product is an intervention
    return frozenset(result)
