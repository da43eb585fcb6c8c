"""Finding hype, absolute promises and uncited statistics (used by claims/* rules and the quality score)."""

from __future__ import annotations

import re

from contentci.analysis.cues.patterns import NUMBER, CtxKey, compile_list
from contentci.analysis.health.sentence_cues import Cues, cue_set_for
from contentci.core.diagnostic import Finding
from contentci.analysis.health.classify import analyze, clause_before, in_clause_before, negated, reported, span_of


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where quotations run in a paragraph, from the opening mark to the closing one.

    Read over the whole paragraph, not one sentence: a speaker's quote often runs over several
    sentences, and words after the closing mark are the writer's again. An opening mark with no
    closing one runs to the paragraph's end (a quote continued in the next paragraph).
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    straight_open: int | None = None
    for i, ch in enumerate(text):
        if ch == "\u2018" and open_at is None and (i == 0 or not text[i - 1].isalnum()):
            # single marks around a phrase ("a \u2018breakthrough\u2019 treatment"): the writer's scare
            # quotes; a \u2019 between letters is an apostrophe, not the closing mark
            close = next(
                (j for j in range(i + 1, min(len(text), i + 80)) if text[j] == "\u2019"
                 and (j + 1 == len(text) or not text[j + 1].isalnum())),
                None,
            )
            if close is not None:
                spans.append((i, close + 1))
        elif ch == "\u201c" and open_at is None:
            open_at = i
        elif ch == "\u201d" and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
        elif ch == '"' and open_at is None:
            # A straight mark opens before a word and closes after one: pairing them in order
            # goes wrong after a stray mark (''It works," he said. "About 10% ...").
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opens = (before.isspace() or before in "([\u2014-") and not after.isspace()
            if straight_open is None and opens:
                straight_open = i
            elif straight_open is not None and not opens:
                spans.append((straight_open, i + 1))
                straight_open = None
    for start in (open_at, straight_open):
        if start is not None:
            spans.append((start, len(text)))
    return spans


def _quotes_of(doc) -> list[list[tuple[int, int]]]:
    return [quoted_spans(b.text) for b in doc.blocks]


def in_quotation(doc, s, start: int) -> bool:
    """Is the sentence's character ``start`` inside a quotation of its paragraph?"""
    at = s.start + start
    return any(a < at < b for a, b in doc.memo(_quotes_of)[s.block_index])


def non_prose(cues: Cues, doc, s) -> bool:
    """A navigation, related-story or credit line ("MORE: ...", "... Read more"), not prose."""
    return bool(compile_list(tuple(cues.items("non_prose"))).search(doc.blocks[s.block_index].text))


def _exempt_spans(cues: Cues, text: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in cues.find("hype_exempt", text)]


def _inside(spans, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def hype(doc, ctx) -> list[Finding]:
    """Hype words at their spans, minus negated, reported and exempt uses (once per document)."""
    return doc.memo(_hype, CtxKey(ctx))


def absolute(doc, ctx) -> list[Finding]:
    """Absolute promises, minus negated, reported and quantified uses (once per document)."""
    return doc.memo(_absolute, CtxKey(ctx))


def _hype(doc, key: CtxKey) -> list[Finding]:
    return list(_find_hype(doc, key.ctx))


def _absolute(doc, key: CtxKey) -> list[Finding]:
    return list(_find_absolute(doc, key.ctx))


def _find_hype(doc, ctx):
    cues = Cues(ctx).with_claims()
    sentences = analyze(doc, ctx).sentences
    measured_cure = None
    for s in sentences:
        matches = cues.find_with_suggestions("hype", s.text)
        if not matches or non_prose(cues, doc, s):
            continue
        exempt = _exempt_spans(cues, s.text)
        # A question in the body poses the claim rather than making it ("could worms cure it?");
        # in a headline it is the classic way to sell one, so headlines stay in.
        if s.kind != "heading" and s.text.rstrip().rstrip("\u201d\"'").endswith("?"):
            continue
        if cues.has("hype_caveat", s.text):  # qualified in the same sentence
            continue
        title_case = _title_case(s.text)
        for m in matches:
            if _inside(exempt, m.start, m.end) or _doubted(cues, s.text, m.start) or reported(cues, s.text, m.start):
                continue
            if in_quotation(doc, s, m.start):
                continue
            if not title_case and _in_a_name(s.text, m):
                continue  # "Susan G. Komen for the Cure", "Magic Johnson"
            if m.text.lower().startswith("detox") and _ADDICTION.search(doc.blocks[s.block_index].text):
                continue  # withdrawal management in addiction care, the medical term
            if m.text.lower().startswith("cure"):
                if measured_cure is None:
                    # An article that gives a cure rate ("cures 95 in 100 people") uses "cure" as the medical term.
                    measured_cure = any(
                        re.search(r"\bcur(e|es|ed)\b", t.text, re.IGNORECASE) and cues.has("statistic", t.text)
                        for t in sentences
                    )
                if measured_cure:
                    continue
            start, end = span_of(doc, s, m.start, m.end)
            plain = f" Try: '{m.suggestion}'." if m.suggestion else ""
            yield Finding(f"Hype: '{m.text}' oversells.{plain}", start, end, m.suggestion)


_ADDICTION = re.compile(r"\b(opioid|opiate|heroin|alcohol|addict\w*|withdrawal|substance|methadone|buprenorphine|naltrexone)", re.I)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


def _title_case(text: str) -> bool:
    """A headline-like line in the body ("Gene Therapy Breakthrough"): most words capitalised."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _in_a_name(text: str, m) -> bool:
    """A capitalised hype word inside running prose is part of a name, not the writer's praise."""
    word = m.text
    if not word[:1].isupper() or word.isupper():
        return False
    return bool(text[: m.start].strip(" \t\"\u201c\u2018'([*-"))  # not the sentence's first word


def _doubted(cues: Cues, text: str, start: int) -> bool:
    """Negated, doubted or sought in its clause: "not proof that it cures", "whether it really
    cured", "nobody has been cured", "help find a cure"."""
    return (
        negated(cues, text, start, 8)
        or in_clause_before(cues, "hype_doubt", text, start, 10)
        or in_clause_before(cues, "hype_sought", text, start, 5)
    )


_COMPOUND_RISK = re.compile(r"\s*(factors?|groups?|scores?|categor(y|ies)|profiles?)\b", re.IGNORECASE)
_FRACTION = re.compile(rf"\b{NUMBER}\s+(in|out of)\s+{NUMBER}\b", re.IGNORECASE)
_LIMITED = re.compile(r"\b(only|just)\b", re.IGNORECASE)


def _not_a_promise(cues: Cues, text: str, m) -> bool:
    """Why an absolute phrase is not a promise, if it is not: see :func:`absolute`."""
    before = text[: m.start]
    if negated(cues, text, m.start, 8) or reported(cues, text, m.start):
        return True
    if cues.has("quantifier", " ".join(before.split()[-5:])) or cues.has("statistic", before) or _FRACTION.search(before):
        return True  # a fact about some people ("one in three quit for good")
    if m.text.lower().endswith(("risk", "risks")) and _COMPOUND_RISK.match(text, m.end):
        return True  # "no risk factors": a description of people, not of a treatment
    if _LIMITED.search(clause_before(text, m.start, 3)):
        return True  # "only proven to work for 72 hours" limits the claim
    if cues.has("claim_hypothetical", text):
        return True  # a wish, an ideal or a condition: "a drug free of side effects is only a hope"
    # What a study saw, not what the writer promises: "no side effects were observed in mice".
    return cues.has("observation", text) and cues.has("study_context", text)


def _find_absolute(doc, ctx):
    cues = Cues(ctx).with_claims()
    for s in analyze(doc, ctx).sentences:
        matches = cues.find("absolute", s.text)
        if not matches or non_prose(cues, doc, s):
            continue
        for m in matches:
            if _not_a_promise(cues, s.text, m) or in_quotation(doc, s, m.start):
                continue
            start, end = span_of(doc, s, m.start, m.end)
            yield Finding(
                f"Absolute claim: '{m.text}'. No treatment is certain to work or free of risk.",
                start,
                end,
                "Say what the evidence shows, e.g. 'In trials, 8 in 10 people improved; 1 in 20 had a rash.'",
            )


def _cited(doc, cues: Cues, block_index: int) -> bool:
    """A link or a named source in the claim's paragraph (for a list item: also its lead-in)."""
    near = [block_index]
    if doc.blocks[block_index].kind == "list_item":
        i = block_index - 1
        while i >= 0 and doc.blocks[i].kind == "list_item":
            i -= 1
        if i >= 0 and doc.blocks[i].kind != "heading":
            near.append(i)
    for i in near:
        block = doc.blocks[i]
        start, end = block.source_span(0, len(block.text))
        if any(start <= link.start <= end for link in doc.links) or cues.has("citation", block.text):
            return True
    return False


_HYPOTHETICAL = re.compile(
    r"^\s*(if|imagine|suppose|say)\b|\b(if|for example|for instance|e\.g\.|may mean|might mean|could mean|would mean)\b",
    re.IGNORECASE,
)


def _in_quotes(text: str, start: int) -> bool:
    before = text[:start]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def names_a_study(doc, cues: Cues) -> bool:
    """Does the article name where its study appeared (a journal, "published in", a meeting, the
    study's lead author)? Then the results it reports have their source, even paragraphs away."""
    pattern = compile_list(tuple(cues.items("study_source")))  # one regex, compiled once per config
    return any(pattern.search(b.text) for b in doc.blocks)


_ONE_STUDY = re.compile(r"\b(new|the|this|these|their|his|her|our|two|three|both)\s+([\w'-]+\s+){0,2}$", re.IGNORECASE)
# A comparison of groups told in the past tense: "were 20 percent less likely to die".
_COMPARED = re.compile(r"\b(less|more) likely\b|\b(lower|higher|reduced|increased) (risk|rate|odds)\b", re.I)
_OTHER_STUDY = re.compile(
    r"\b(previous|earlier|prior|another|other|separate|past|older)\s+(\w+\s+)?(study|studies|trial|trials|research)\b"
    r"|\bstudy after study\b",
    re.IGNORECASE,
)


def _about_the_reported_study(cues: Cues, doc, s, m, research: bool) -> bool:
    """Is this claim part of reporting the article's own study, rather than background?

    A research claim counts when it is about one study ("the study found", "new research
    suggests"), not about research in general ("studies show", "experts say") or another study
    ("a previous study found"). A statistic counts when its sentence or paragraph is about a
    study (researchers, participants, groups, results) and not about another study.
    """
    if _OTHER_STUDY.search(s.text):
        return False
    if research:
        generic = cues.has("research_generic", m.group())
        # ", new research suggests." tagged on after the news: the story's own study
        tagged = (
            m.group().lower().startswith(("research", "stud"))
            and s.text[: m.start()].rstrip().endswith(",")
            and not s.text[m.end() :].strip(" .\"\u201d")
        )
        return not generic or tagged or bool(_ONE_STUDY.search(s.text[: m.start()]))
    if cues.has("study_context", s.text) or cues.has("study_context", doc.blocks[s.block_index].text):
        return True
    if _PAST_RESULT.search(s.text) and _COMPARED.search(s.text):
        return True
    # A result told in the past tense right after a paragraph about the study continues it.
    previous = doc.blocks[s.block_index - 1] if s.block_index > 0 else None
    return bool(
        previous is not None
        and previous.kind != "heading"
        and _PAST_RESULT.search(s.text)
        and cues.has("study_context", previous.text)
    )


_CONDITION = re.compile(r"\b(if|unless|until|whether)\b", re.IGNORECASE)
_DESCRIPTOR = re.compile(r"\b(a|an|the)\s+$", re.IGNORECASE)
_OF = re.compile(r"\s*(of|in|chance|success|rate|response|survival)\b", re.IGNORECASE)
_IDIOM = re.compile(r"\s*(sure|certain|positive|confident|clear|honest|committed|convinced|behind)\b", re.IGNORECASE)
_MONEY = re.compile(
    r"\b(sales|revenues?|market share|stock price|share price|profits?|earnings)\b|"
    r"\b(shares|stock)\s+(rose|fell|jumped|dropped|climbed|surged|gained|lost|slid|soared)\b|"
    r"\b(company|firm|its|their)['\u2019]?s?\s+(stock|shares)\b|\b(payments?|royalt\w*|stake|licens\w*)\b|"
    r"(?-i:\b[A-Z]{2,5}\s+[-+\u2212]\d[\d.]*\s?%)",  # a stock ticker's move ("ABCD -0.78%")
    re.IGNORECASE,
)
# A percentage that names what a product is ("2% milk", "100 percent juice", "1% cream").
_PRODUCT = re.compile(r"\s*(milk|juice|solution|saline|cream|gel|ointment|lotion|cocoa|chocolate|alcohol)\b", re.I)


def _not_health(text: str, m) -> bool:
    """A number that is no health statistic: "100 percent sure", "sales rose 22%"."""
    if m.group().startswith("100") and _IDIOM.match(text, m.end()):
        return True
    if _PRODUCT.match(text, m.end()):
        return True
    if m.group().startswith("100") and _DESCRIPTOR.search(text[: m.start()]) and not _OF.match(text, m.end()):
        return True  # "the 100% man-made substitute": what a thing is made of, not a finding
    return bool(_MONEY.search(text))


# A finding told in the past tense: "deaths were cut 30 percent", "the rate was 89%".
_PAST_RESULT = re.compile(
    r"\b(was|were|had|did|showed|dropped|fell|rose|increased|decreased|declined|reduced|cut|improved|lowered|"
    r"halved|doubled|saw|experienced|died|developed|achieved|responded|remained|worsened)\b",
    re.IGNORECASE,
)


def uncited(doc, ctx):
    """Statistics and research claims with no citation in their paragraph."""
    cues = Cues(ctx).with_claims()
    sentences = analyze(doc, ctx).sentences
    # Only sentences where a research claim or a statistic might match (read once per document).
    maybe = cue_set_for(ctx).candidates(("research_claim", "statistic"), [s.text for s in sentences])
    study_named = None
    for i in sorted(set(maybe["research_claim"]).union(maybe["statistic"])):
        s = sentences[i]
        if s.kind == "heading" or non_prose(cues, doc, s):
            continue
        # a speaker's own words, or a denial ("not all doctors agree"), is not the article's claim
        claims = [
            x
            for x in cues.finditer("research_claim", s.text)
            if not in_quotation(doc, s, x.start())
            and not negated(cues, s.text, x.start(), 3)
            and not _CONDITION.search(clause_before(s.text, x.start(), 8))  # "if larger studies prove"
        ]
        m = claims[0] if claims else None
        research = m is not None
        stats = cues.finditer("statistic", s.text) if m is None else ()
        if stats and not _HYPOTHETICAL.search(s.text):  # worked examples are not claims
            m = next((x for x in stats if not in_quotation(doc, s, x.start()) and not _not_health(s.text, x)), None)
        if m is None:
            continue
        if _cited(doc, cues, s.block_index):
            continue
        if cues.has("attribution", s.text) and (
            not research or not (cues.has("research_generic", m.group()) or _OTHER_STUDY.search(s.text))
        ):
            continue  # a named speaker or body is its source ("..., Wood said", "said Dr. Lee, who led the trial")
        if study_named is None:
            study_named = names_a_study(doc, cues)
        if study_named and any(_about_the_reported_study(cues, doc, s, x, research) for x in (claims or [m])):
            continue
        start, end = span_of(doc, s, m.start(), m.end())
        yield Finding(
            f"'{m.group()}' has no citation or link near it.",
            start,
            end,
            "Add the source in the same paragraph: a link, or the study, journal or organisation and year.",
        )
