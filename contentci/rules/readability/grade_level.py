"""``readability/grade-level``: the article reads above the target school grade (``readability.max_grade``, default 8)."""

from __future__ import annotations

from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.rules.readability import FORMULA_LABELS, analysis


@rule("readability/grade-level", "error")
def grade_level(doc, ctx):
    """The article reads above the target school grade (``readability.max_grade``, default 8).

    Patient materials are usually written at grade 8 or below (many guides ask
    for 6). The headline grade is contentci's jargon-aware grade: the mean of
    Flesch-Kincaid, Gunning Fog and Dale-Chall, computed after counting medical
    jargon (``MSC``, ``stent``, ``biopsy``) as hard words and familiar long words
    (``medication``, ``vitamin``) as easy ones. The message lists the classic
    formula scores behind it. Headings, table cells, code, front matter, HTML and
    link URLs are not scored. Documents under ``readability.min_words`` words
    (default 50) are not graded.

    Fires (grade 16)::

        Stem cell therapy utilizes the unique ability of stem cells to regenerate
        and repair damaged tissues through immunomodulatory mechanisms.

    Passes (grade 4)::

        Stem cells are cells that can turn into other kinds of cells. Doctors
        are still testing them. Most uses are not proven yet.
    """
    opts = ctx.config.section("readability")
    result = analysis(doc, ctx)
    if result.counts.words < opts["min_words"] or result.grade <= opts["max_grade"]:
        return
    s = result.scores
    formulas = ", ".join(f"{label} {s[key]:.1f}" for key, label in FORMULA_LABELS)
    c = result.counts
    why = f"{c.words / c.sentences:.0f} words a sentence, {100 * c.polysyllables / c.words:.0f}% long words"
    if result.jargon:
        why += f", jargon: {', '.join(result.jargon[:5])}"
    start, end = doc.first_prose_span()
    yield Finding(
        f"Reads at grade {result.grade:.1f}; the target is {opts['max_grade']:g} or below ({formulas}; {why})",
        start,
        end,
        suggestion="Shorten sentences to about 15 words, swap long words for short ones, and explain each medical term.",
        document_level=True,
    )
