"""``readability/hard-sentence``: a sentence well above the target grade: the place to start simplifying."""

from __future__ import annotations

from contentci.analysis.readability import difficulty, prose
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.rules.readability import _unique, analysis


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
        block = doc.blocks[s.block]
        start, end = block.source_span(s.start, s.end)
        yield Finding(
            f"Hard sentence (grade {grade:.0f}, target {target:g}): {'; '.join(reasons)}",
            start,
            end,
            suggestion="Split it, and use shorter, everyday words.",
            context=paragraph_context(block.text, s.start, s.end),
        )


CONTEXT_CHARS = 600  # of paragraph either side of the sentence, cut at a word boundary


def paragraph_context(text: str, start: int, end: int) -> dict:
    """The sentence's paragraph as plain text (prose, Markdown already stripped) with the sentence's
    offsets in it, so a report can show it in context without reopening the file."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else start
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else end
    return {"text": text[lo:hi], "start": start - lo, "end": end - lo, "cut_before": lo > 0, "cut_after": hi < len(text)}
