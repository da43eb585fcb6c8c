"""Sentence-level analysis shared by the health rules.

Each prose sentence is classified once per document (benefit claim, risk
statement, adequate harm, evidence, ...), so rules and the quality score read
the same judgement. Classification uses the cue lists (:mod:`contentci.analysis.cues.patterns`)
plus two pieces of context a careful reader uses: negation ("did not improve"
is no benefit claim) and reported speech ("clinics that promise a miracle" is
not the writer's hype).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from contentci.document import sentences as sentence_splitter
from contentci.analysis.cues.patterns import CtxKey
from contentci.analysis.health.boilerplate import boilerplate_blocks, is_boilerplate_sentence
from contentci.analysis.health.sentence_cues import Cues

# A clause ends at these; negation and reporting words only reach within a clause.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b", re.IGNORECASE)
_BENEFIT_OBJECT = re.compile(
    r"\b(less|fewer|no more|free of|freedom from|relief from|against|without)\s*$", re.IGNORECASE
)
_OTHER_OPTION = re.compile(
    r"\b(alternatives?|other (options?|choices?|treatments?|ways)|another option|instead)\b", re.IGNORECASE
)
_REFERRAL = re.compile(
    r"\b(doctor|physician|GP|pharmacist|nurse|specialist|neurologist|health (care )?professional|provider)s?\b[^.]{0,40}\b(help|helps)\b",
    re.IGNORECASE,
)
# Harms named with a generic noun: "grade 3 toxicities in 12%", "serious side effects", "no
# complications were reported". Sized (a number, a frequency, a severity or grade) or reported
# as observed absent, such a sentence discusses the treatment's harms.
_HARM_NOUN = re.compile(
    r"\b(?:side[- ]effects?|adverse (?:events?|effects?|reactions?|outcomes?)|complications?|toxicit(?:y|ies)"
    r"|harms|safety (?:concerns?|issues?|problems?|signals?|profile|risks?)|downsides?|drawbacks?|adverse side effects?|toxic"
    r"|(?:allergic|serious|severe|infusion|skin|injection[- ]site) reactions?)\b",
    re.IGNORECASE,
)
_HARM_SIZE = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)|\b\d[\d,]*\s+(?:of|in|out of)\s+(?:the\s+)?\d"
    r"|\bgrade\s+(?:[1-5]|I{1,3}V?|IV)\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|a few|few|many|most)"
    r"\s+(?:\w+\s+)?(?:patients|people|participants|cases|men|women|children|subjects|volunteers|of them)\b"
    r"|\b(?:serious|severe|mild|moderate|minor|major|life-threatening|fatal|rare|rarely|common|uncommon|frequent\w*|temporary|transient)\b",
    re.IGNORECASE,
)
_OBSERVED = re.compile(
    r"\b(?:reported|observed|seen|occurred|found|experienced|noted|recorded|detected|identified|developed|had)\b", re.IGNORECASE
)
_NEGATED_HARM = re.compile(
    r"\b(?:no|without|none of|free of|not (?:any|cause|lead to|result in|see|find|have))\b[^.;]{0,30}$", re.IGNORECASE
)
# The disease a story is about is no harm of the treatment: "the leading cause of death",
# "3 million people are diagnosed with it each year", "patients with cancer".
_DISEASE_BURDEN = re.compile(
    r"\b(?:leading cause|causes? of (?:death|disability|illness)|diagnosed|affects?|affecting|afflict\w*|suffer\w*"
    r"|living with|(?:people|patients|adults|children|men|women) (?:with|who have|who had)|prevalence|incidence"
    r"|million (?:people|Americans|adults|children|patients)|each year|every year|per year|annually|risk factors?"
    r"|survivors?|diagnosis)\b",
    re.IGNORECASE,
)
# What diseases do (death, cancer, stroke): as a treatment's harm such an outcome comes with a harm
# noun ("complications such as stroke", "a risk of death"); alone it describes the illness.
_GRAVE_OUTCOME = re.compile(
    r"^(?:deaths?|die[ds]?|dying|cancers?|tumou?rs?|strokes?|heart attacks?|heart problems?|diabetes)$", re.IGNORECASE
)
_TREATMENT_RISK = re.compile(r"\b(?:risks?|chances?|odds)\s+of\b", re.IGNORECASE)
# Figures that describe the disease or the study, not the effect: "5 percent of the population",
# "accounts for 25-30% of cases", "a mean age of 56 years", "54 percent were men". Such a sentence gives no size of a benefit.
_BACKGROUND_FIGURE = re.compile(
    r"\b(?:population|prevalence|incidence|leading cause|diagnosed|affects?|affecting|suffer\w*|each year|every year|annually"
    r"|million (?:people|Americans|adults|children|patients)|accounts? for|make[s]? up|making up|Americans|worldwide|nationwide|in the (?:US|U\.S\.|United States|UK)"
    r"|(?:mean|median|average) age|were (?:men|women|male|female|white|black))\b",
    re.IGNORECASE,
)
# ... unless the sentence compares the study's groups ("diagnosed in 6 in 100 in each group").
_GROUP_COMPARISON = re.compile(
    r"\b(?:each group|both groups|(?:control|placebo|treatment|comparison) (?:group|arm)|placebo|vs\.?|versus|compared (?:with|to))\b",
    re.IGNORECASE,
)
# Money that is no price of the treatment: a company's size, an investment, a grant, the disease's
# cost to a country ("a $3.2 billion enterprise", "invested $120 million", "$90 billion a year").
_NOT_A_PRICE = re.compile(
    r"\b(?:million|billion|trillion|bn)\b(?=.*?\b(?:invest\w*|revenues?|sales|market\w*|enterprise|compan(?:y|ies)|funding|grants?"
    r"|committed|raised|donat\w*|econom\w*|country|nation\w*|burden|industry|valuation|acquisition|deal|annual(?:ly)?|each year|a year|per year)\b)"
    r"|\b(?:invest\w*|revenues?|sales|enterprise|funding|grants?|econom\w*|burden|industry)\b(?=.*?\b(?:million|billion|trillion|bn)\b)",
    re.IGNORECASE,
)

_RISK_REDUCTION = re.compile(
    r"\b(reduc\w*|lower\w*|cut\w*|decreas\w*|halv\w*|prevent\w*|less|smaller|fewer)\s+(\w+\s+){0,3}(risk|risks|chance|odds)\b",
    re.IGNORECASE,
)


# What a reviewer asks of the evidence: the design, the size, how long, and its limits.
EVIDENCE_ASPECTS = (
    ("design", "evidence_design"),
    ("size", "evidence_size"),
    ("duration", "evidence_duration"),
    ("limitations", "evidence_limits"),
)


@dataclass(slots=True)
class Sentence:
    block_index: int
    start: int  # prose offsets in the block
    end: int
    text: str
    kind: str  # the block kind
    benefit: bool = False
    risk: bool = False
    named_harm: bool = False
    harm_detail: bool = False  # has a frequency or severity cue
    adequate_harm: bool = False
    evidence: bool = False
    limitation: bool = False  # names a limit of the evidence ("a small study", "in mice")
    alternatives: bool = False
    cost: bool = False
    absolute_figure: bool = False
    relative_figure: bool = False
    hedged: bool = False  # "may help", "could reduce": a claim that admits uncertainty
    tags: dict = field(default_factory=dict)


@dataclass
class Analysis:
    sentences: list[Sentence]
    _where: dict = field(default_factory=dict, repr=False, compare=False)

    def where(self, **flags) -> list[Sentence]:
        """Sentences with these flags (a new list; the rules and the quality score ask the same)."""
        key = tuple(flags.items())
        found = self._where.get(key)
        if found is None:
            if len(flags) == 1:  # what every caller asks: one flag
                ((name, value),) = flags.items()
                get = attrgetter(name)
                found = [s for s in self.sentences if get(s) == value]
            else:
                found = [s for s in self.sentences if all(getattr(s, k) == v for k, v in flags.items())]
            self._where[key] = found
        return list(found)


def clause_before(text: str, start: int, max_words: int = 6) -> str:
    """The words of the same clause just before ``start`` (at most ``max_words``)."""
    return " ".join(_clause_words(text, start)[-max_words:])


@lru_cache(maxsize=4096)  # asked for the same spot with different max_words by several checks
def _clause_words(text: str, start: int) -> list[str]:
    head = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end() :]
    return head.split()


_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=4096)
def _clause_token_starts(text: str, start: int) -> tuple[int, ...]:
    """Where each word (a run of non-space) of the clause before ``start`` begins, in ``text``."""
    head = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    begin = breaks[-1].end() if breaks else 0
    return tuple(m.start() for m in _TOKEN.finditer(head, begin))


def in_clause_before(cues: Cues, name: str, text: str, start: int, max_words: int) -> bool:
    """Does list ``name`` match within the last ``max_words`` words of the clause before ``start``?

    The same as asking it of :func:`clause_before`'s words, read from the text's own matches:
    most sentences have no match of the list at all, and then nothing else is read.
    """
    if start and text[start - 1] in "'-\u2019":  # a phrase glued on by an apostrophe or hyphen: read the words
        return cues.has(name, clause_before(text, start, max_words))
    matches = cues.finditer(name, text)
    if not matches:
        return False
    starts = _clause_token_starts(text, start)
    if not starts:
        return False
    begin = starts[-max_words] if len(starts) >= max_words else starts[0]
    return any(begin <= m.start() and m.end() <= start for m in matches)


def negated(cues: Cues, text: str, start: int, max_words: int = 4) -> bool:
    """Is the phrase at ``start`` negated within its clause ("not a miracle cure")?"""
    return in_clause_before(cues, "negation", text, start, max_words)


def reported(cues: Cues, text: str, start: int) -> bool:
    """Is the phrase someone else's claim ("clinics that promise a miracle"), or in quotes?"""
    if in_clause_before(cues, "reported", text, start, 8):
        return True
    before = text[:start]
    opens = before.count("\u201c") - before.count("\u201d") + (before.count('"') % 2)
    return opens > 0


def span_of(doc, s: Sentence, start: int | None = None, end: int | None = None) -> tuple[int, int]:
    block = doc.blocks[s.block_index]
    a = s.start if start is None else s.start + start
    b = s.end if end is None else s.start + end
    return block.source_span(a, b)


def _classify(cues: Cues, s: Sentence) -> None:
    t = s.text
    has, find = cues.has, cues.finditer
    benefit_hits = [m for m in find("benefit", t) if not negated(cues, t, m.start(), 4)]
    generic = find("harm_generic", t)
    s.tags["generic_cue"] = bool(generic)  # before risk reductions are taken out (see _may_name_generic_harm)
    # "cuts the risk of ..." names a benefit, not a harm (only asked when a harm word is there)
    risk_reduction = _RISK_REDUCTION.search(t) if generic else None
    if risk_reduction:
        generic = [m for m in generic if not risk_reduction.start() <= m.start() < risk_reduction.end()]
    # A named harm that is the object of a benefit ("relieves back pain", "cuts the risk of
    # stroke") or negated ("no nausea") is not a harm of the treatment.
    named = [
        m
        for m in find("harm_named", t)
        if not in_clause_before(cues, "benefit", t, m.start(), 5)
        and not _BENEFIT_OBJECT.search(clause_before(t, m.start(), 2))
        and not negated(cues, t, m.start(), 3)
    ]
    s.named_harm = bool(named)
    # Provisional: a named harm makes a risk statement only in a harm context (see _analyze).
    s.risk = bool(generic) or (bool(named) and not benefit_hits)
    s.tags["generic_harm"] = bool(generic)
    # How many claims a sentence makes: "supports heart health, promotes brain function and
    # helps vision" is three benefit claims; "nausea, rash or headache" three harms (capped at 3).
    s.tags["benefit_claims"] = min(3, len({m.group().lower() for m in benefit_hits}))
    s.tags["risk_claims"] = min(3, len({m.group().lower() for m in generic}) + len({m.group().lower() for m in named}))
    s.benefit = (
        bool(benefit_hits)
        and not (generic and not risk_reduction)
        and s.kind != "heading"  # a title names the topic; the claims are in the text
        and not _OTHER_OPTION.search(t)  # "other options include..." is about alternatives
        and not _REFERRAL.search(t)  # "a pharmacist can help you choose" is no benefit claim
    )
    s.harm_detail = has("frequency", t) or has("severity", t)
    s.evidence = has("evidence", t)
    # Every aspect's cue is also an ``evidence`` cue, so most sentences are asked one list, not four.
    s.limitation = s.evidence and has("evidence_limits", t)
    s.tags["evidence_aspects"] = (
        frozenset(aspect for aspect, name in EVIDENCE_ASPECTS if has(name, t)) if s.evidence else frozenset()
    )
    s.alternatives = (has("alternatives", t) or _compared_with_treatment(cues, t)) and not has(
        "alternatives_dismissive", t
    )
    s.cost = has("cost", t) and not _NOT_A_PRICE.search(t)
    # Figures in a side-effect sentence measure harms, not benefits.
    s.absolute_figure = (
        has("absolute_figure", t)
        and not generic
        and (not _BACKGROUND_FIGURE.search(t) or _GROUP_COMPARISON.search(t) is not None)
    )
    s.relative_figure = has("relative_figure", t)
    s.hedged = has("hedge", t)


_COMPARISON = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|instead\s+of|rather\s+than)\s+", re.IGNORECASE)


def _compared_with_treatment(cues: Cues, text: str) -> bool:
    """ "Compared with chemotherapy alone", "instead of surgery", "compared with 1 in 100 among
    people not screened": a comparison whose other arm is a treatment or no treatment names an
    option; "compared with men" or "as well as" does not."""
    lower = text.lower()
    if not any(k in lower for k in ("compared", "versus", "vs", "instead", "rather")):
        return False
    for m in _COMPARISON.finditer(text):
        after = " ".join(re.split(r"[.;](?:\s|$)", text[m.end() :], maxsplit=1)[0].split()[:8])
        if not after or re.match(r"(?i)(?:a\s+|the\s+)?(?:placebo|dummy|sham)", after):
            continue
        if cues.has("treatment", after) or _NO_TREATMENT_ARM.search(after):
            return True
    return False


# The other arm of a comparison: no treatment, or the usual one alone ("among people not invited",
# "using a reliever alone").
_NO_TREATMENT_ARM = re.compile(
    r"\b(?:alone|untreated|usual|standard|current|existing|no treatment|without (?:treatment|it|the \w+)"
    r"|(?:not|never|did not|didn't) (?:\w+ )?(?:treated|given|taking|take|took|receiving|receive|received|screened|invited"
    r"|vaccinated|using|use|used))\b",
    re.IGNORECASE,
)


def analyze(doc, ctx) -> Analysis:
    """Classify every prose sentence of ``doc`` (memoised per document and settings)."""
    return doc.memo(_analyze, CtxKey(ctx, config_only=True))  # sentences do not depend on topics


def _analyze(doc, ctx_key: CtxKey) -> Analysis:
    cues = Cues(ctx_key.ctx)
    publisher = boilerplate_blocks(doc)
    out: list[Sentence] = []
    heading = ""  # the nearest heading above
    lead_in = ""  # the paragraph just before a list
    for bi, block in enumerate(doc.blocks):
        if block.kind == "heading":
            heading, lead_in = block.text, ""
        elif block.kind != "list_item":
            lead_in = block.text
        first = None
        for sp in sentence_splitter.split(block.text):
            s = Sentence(bi, sp.start, sp.end, sp.text, block.kind)
            if bi in publisher or is_boilerplate_sentence(s.text):
                # About sections, contacts, legalese, funding lines: no cue reads them
                s.tags.update(
                    boilerplate=True,
                    evidence_aspects=frozenset(),
                    benefit_claims=0,
                    risk_claims=0,
                    generic_harm=False,
                    generic_cue=False,
                    harm_context=False,
                )
                out.append(s)
                continue
            s.tags["boilerplate"] = False
            _classify(cues, s)
            first = first or s.text
            context = [heading, first]
            if block.kind == "list_item":
                context.append(lead_in)
            s.tags["harm_context"] = (
                cues.has("harm_generic", s.text)
                or cues.has("harm_causal", s.text)
                or cues.has("treatment", s.text)
                or any(cues.has("harm_generic", c) for c in context if c and c is not s.text)
            )
            if not s.tags["generic_harm"] and not s.tags["harm_context"]:
                s.risk = False  # "Chronic back pain can wear you down" describes the illness
            out.append(s)
    # A named harm's frequency or severity may follow in the next sentence of the same block
    # ("Nausea is the main side effect. It affects about 1 in 5 people.").
    studied = _studied_condition(cues, doc)
    for i, s in enumerate(out):
        if s.tags["boilerplate"]:
            continue
        if (s.tags["generic_cue"] or "safety" in s.text.lower()) and (
            _sized_generic_harm(s.text, s.harm_detail) or _listed_harms(cues, s.text, studied)
        ):
            s.adequate_harm = True
            continue
        if not s.named_harm or not s.tags["harm_context"]:
            continue
        if not _names_treatment_harm(cues, s.text, studied):
            continue
        nxt = out[i + 1] if i + 1 < len(out) and out[i + 1].block_index == s.block_index else None
        detail = s.harm_detail or (nxt is not None and nxt.harm_detail and not nxt.benefit)
        s.adequate_harm = detail and not _only_negated_harm(cues, s.text)
    return Analysis(out)


def _studied_condition(cues: Cues, doc) -> frozenset[str]:
    """Harm words in the title name the disease under study ("... for prostate cancer")."""
    title = next((b.text for b in doc.blocks if b.kind == "heading"), "")
    title = f"{doc.front_matter.get('title', '')} {title}"
    return frozenset(_stem(m.group()) for m in cues.finditer("harm_named", title))


def _stem(word: str) -> str:
    return word.lower().rstrip("s")


def _names_treatment_harm(cues: Cues, text: str, studied: frozenset[str]) -> bool:
    """A named harm that is not the disease under study, outside a sentence about the disease's toll."""
    harm_noun = _HARM_NOUN.search(text) is not None
    if _DISEASE_BURDEN.search(text) and not harm_noun:
        return False
    grave_ok = harm_noun or _TREATMENT_RISK.search(text) is not None
    return any(
        _stem(m.group()) not in studied and (grave_ok or not _GRAVE_OUTCOME.match(m.group()))
        for m in cues.finditer("harm_named", text)
    )


def _listed_harms(cues: Cues, text: str, studied: frozenset[str]) -> bool:
    """ "Side effects reported include nausea, rash and headache": the harms named one by one."""
    if not _HARM_NOUN.search(text):
        return False
    named = {_stem(m.group()) for m in cues.finditer("harm_named", text)} - studied
    return len(named) >= 3


def _sized_generic_harm(text: str, detail: bool = False) -> bool:
    """ "Grade 3 toxicities in 12%", "serious side effects", "no complications were reported".

    A generic harm noun counts with a size (number, frequency, severity, grade), or negated as
    something observed ("no serious side effects were seen"), not as a promise ("has no side
    effects", which names nothing a study looked for).
    """
    for m in _HARM_NOUN.finditer(text):
        before = text[: m.start()]
        if _NEGATED_HARM.search(before):
            if _OBSERVED.search(text) or re.search(r"\b(?:serious|severe|major)\s*$", before, re.IGNORECASE):
                return True
            continue
        if detail or _HARM_SIZE.search(text):  # detail: the frequency and severity cue lists
            return True
    return False


def _only_negated_harm(cues: Cues, text: str) -> bool:
    """ "No side effects were seen" names no harm that can happen."""
    hits = list(cues.finditer("harm_named", text))
    return bool(hits) and all(negated(cues, text, m.start(), 3) for m in hits)
