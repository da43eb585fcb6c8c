"""Readability rules: the document's reading grade and the sentences that raise it."""

from __future__ import annotations

from contentci.analysis.readability import difficulty, prose
from contentci.analysis.readability import scores as readability
from contentci.core.diagnostic import Finding
from contentci.core.registry import Option, metric, rule, settings

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


@metric("readability")
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


@rule("readability/hard-sentence", "warning")
def hard_sentence(doc, ctx):
    """A sentence well above the target grade: the place to start simplifying.

    Each sentence gets a difficulty grade from a small linear model of how hard
    readers rated real medical sentences (MedReadMe, Jiang and Xu 2024: ridge
    regression fitted on its train split; Spearman 0.80 with the human ratings on
    its dev split, against 0.28-0.47 for the classic formulas). Its inputs: length
    in words; word rarity from an English frequency list (wordfreq); shares of
    rare and very rare words; medical jargon (the jargon list and word parts such
    as ``-itis``, ``-ectomy``, ``immuno-``); syllables and letters per word;
    all-capital abbreviations; numbers; brackets and commas. Capitalised words
    after the first count as names: they add length, never rarity. The model's
    rating is mapped to a US school grade (two numbers, fitted so the labelled
    passages of ``eval/readability`` land on their rough grades).

    A sentence is reported when its grade is above the target plus 2
    (``readability.max_grade``, default 8) and it has at least
    ``readability.hard_sentence_min_words`` words (default 8). Lines that are not
    prose to simplify are skipped: captions and credits, "SOURCE:" and other
    label lines, contact lines, references, lines that are mostly links or
    names (author lists, affiliations) and one-line paragraphs without a full
    stop (headings typed as text). At most ``readability.max_hard_sentences``
    (default 5) per document, the hardest first; each finding is at the
    sentence's exact span and says why: its length, its rare words, its long
    words (three or more syllables) and its jargon.

    Fires::

        By introducing healthy stem cells into the bloodstream, the body may
        begin to recalibrate its immune response, reducing the severity of
        autoimmune attacks.

    Passes::

        Stem cells are put into the blood. The hope is that they calm the
        immune system.
    """
    opts = ctx.config.section("readability")
    limit = opts["max_hard_sentences"]
    if limit <= 0:
        return
    result = analysis(doc, ctx)
    target = opts["max_grade"]
    min_words = opts["hard_sentence_min_words"]
    floor = target + 2
    # Graded from the analysis's packed sums; sentence objects only for the ones reported.
    candidates = [
        (-grade, i)
        for i, (words, grade) in enumerate(result.sentence_difficulties(min_words))
        if words >= min_words and grade > floor
    ]
    candidates.sort()  # hardest first; ties in document order (i is document order)
    chosen: list[tuple[int, float]] = []
    for negative, i in candidates:
        block = doc.blocks[result.sentence_block(i)]
        if prose.reason(result.sentence_text(i), block.text, block.kind) is None:
            chosen.append((i, -negative))
            if len(chosen) == limit:
                break
    for i, grade in sorted(chosen):
        s = result.sentence(i)
        reasons = [f"{s.counts.words} words"]
        jargon = _unique(s.jargon)
        shown = {w.lower() for w in jargon}
        rare = [w for w in _unique(difficulty.rare_words(result.sentence_text(i))) if w.lower() not in shown]
        if rare:
            reasons.append("rare words: " + ", ".join(rare[:4]))
            shown.update(w.lower() for w in rare[:4])
        long_words = [w for w in _unique(s.long_words) if w.lower() not in shown]
        if long_words:
            reasons.append("long words: " + ", ".join(long_words[:4]))
        if jargon:
            reasons.append("jargon: " + ", ".join(jargon[:4]))
        start, end = doc.blocks[s.block].source_span(s.start, s.end)
        yield Finding(
            f"Hard sentence (grade {grade:.0f}, target {target:g}): {'; '.join(reasons)}",
            start,
            end,
            suggestion="Split it, and use shorter, everyday words.",
        )


def _unique(words: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for w in words:
        seen.setdefault(w.lower(), w)
    return list(seen.values())
