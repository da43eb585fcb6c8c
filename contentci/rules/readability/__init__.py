"""Readability rules: the document's reading grade and the sentences that raise it."""

from __future__ import annotations

from contentci.analysis.readability import scores as readability
from contentci.core.registry import Option, metric, settings

settings(
    "readability",
    {
        "max_grade": Option(float, 8.0, "Highest acceptable headline grade (US school grade)."),
        "min_words": Option(int, 50, "Documents with fewer scored words get no grade-level finding."),
        "max_hard_sentences": Option(
            int, 5, "How many hard sentences to report per document, hardest first (0: none)."
        ),
        "hard_sentence_min_words": Option(int, 8, "Shorter sentences are never reported as hard."),
        "jargon": Option(list, [], "Extra words to count as jargon (hard at any length)."),
        "familiar": Option(list, [], "Extra long words to count as familiar (easy)."),
    },
)

FORMULA_LABELS = (
    ("flesch_kincaid_grade", "Flesch-Kincaid"),
    ("smog_index", "SMOG"),
    ("gunning_fog", "Gunning Fog"),
    ("coleman_liau_index", "Coleman-Liau"),
    ("automated_readability_index", "ARI"),
    ("dale_chall_grade", "Dale-Chall"),
)


def analysis(doc, ctx) -> readability.Readability:
    opts = ctx.config.section("readability")
    return doc.memo(readability.analyze, tuple(opts["jargon"]), tuple(opts["familiar"]))


@metric("readability", order=1)
def readability_metrics(doc, ctx) -> dict:
    result = analysis(doc, ctx)
    c = result.counts
    return {
        **result.scores,
        "words": c.words,
        "sentences": c.sentences,
        "syllables_per_word": round(c.syllables / c.words, 2) if c.words else 0.0,
        "words_per_sentence": round(c.words / c.sentences, 1) if c.sentences else 0.0,
        "jargon": result.jargon[:20],
        "target": ctx.config.section("readability")["max_grade"],
    }


def _unique(words: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for w in words:
        seen.setdefault(w.lower(), w)
    return list(seen.values())
