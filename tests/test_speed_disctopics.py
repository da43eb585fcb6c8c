"""Disclaimer requirements and topic detection read less, and must answer exactly as before.

Each fast path is compared with the straightforward algorithm it replaced (kept here as the
reference): disclaimer statements found by reading every sentence for every requirement, and
topic cues counted through the index of every cue list.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from conftest import SEED

from contentci.analysis.cues import patterns as cues
from contentci.analysis.health import disclaimer_definitions, disclaimers, sentence_cues, topics
from contentci.config.loading import build_config
from contentci.core.registry import config_schema
from contentci.document.parse import parse
from contentci.core.context import Context
from contentci.analysis.health.classify import analyze, reported, span_of

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate_corpus  # noqa: E402

MEDICAL = "This page is general information and no substitute for advice from your own doctor."
CONSULT = "Ask your pharmacist if it is safe with your other medicines."
EMERGENCY = "If you have chest pain or trouble breathing, call 911 right away."
SIDE_EFFECTS = "It can cause nausea, confusion and chest pain in some people."
FDA = "The FDA has not approved stem cell shots for knee pain."
DSHEA = (
    "These statements have not been evaluated by the Food and Drug Administration. This product is not"
    " intended to diagnose, treat, cure, or prevent any disease."
)
CLAIM = "Our zinc gummies support immune health. Makers claim it supports sleep."
AFFILIATE = "Buy the brace through our affiliate link. We earn a commission on sales."

CONFIGS = [
    {},
    {"disclaimers": {"placement": "top"}},
    {"disclaimers": {"placement": "bottom"}},
    {"disclaimers": {"placement": "first-n-paragraphs", "paragraphs": 2}},
    {
        "disclaimers": {
            "required": {
                "affiliate": {"terms": ["affiliate"], "slots": [["commission"], ["sales|links?"]], "placement": "top"},
                "phrased": {"phrases": ["general information", "we earn"], "topics": ["treatment"]},
                "listed": {"terms": ["nausea|chest pain"], "skip_side_effect_lists": True, "slots": [["call"]]},
                "emergency": {"placement": "bottom"},
            }
        }
    },
]


def _documents() -> list[tuple[str, str]]:
    rng = random.Random(11)
    texts = [(f"gen{n}.md", generate_corpus.article(rng, n)) for n in range(30)]
    for folder in ("eval/health/cases", "eval/health/holdout", "content"):
        texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / folder).glob("*.md"))]
    texts.append(("seed.md", SEED.read_text(encoding="utf-8")))
    # Disclaimers at the top, in the middle and at the end of health articles of every topic.
    extras = [MEDICAL, CONSULT, EMERGENCY, SIDE_EFFECTS, FDA, DSHEA, CLAIM, AFFILIATE]
    for n in range(40):
        fm = rng.choice(["profile: health", "topic: supplement", "topic: stem-cell", "topic: treatment"])
        paragraphs = [generate_corpus.paragraph(rng, "treatment", rng.randrange(1, 4)) for _ in range(5)]
        for extra in rng.sample(extras, rng.randrange(0, 5)):
            paragraphs.insert(rng.randrange(0, len(paragraphs) + 1), extra)
        texts.append((f"mix{n}.md", f"---\n{fm}\n---\n# Zinc, stem cells and pain\n\n" + "\n\n".join(paragraphs)))
    return texts


DOCUMENTS = _documents()


def _context(doc, settings, tmp_path) -> Context:
    ctx = Context(doc.path, build_config(settings, tmp_path, None, config_schema()).resolve(doc.path))
    ctx._profile = topics.profile(doc, ctx)
    ctx.topics = topics.topics(doc, ctx, ctx._profile)
    return ctx


# -- the reference: every sentence read for every requirement (the algorithm before) --------


def _reference_structure_function_claims(doc, ctx) -> list:
    phrases = sentence_cues.cue_set_for(ctx)
    c = sentence_cues.Cues(ctx)
    out = []
    for s in analyze(doc, ctx).sentences:
        if "not intended to diagnose" in s.text.lower():
            continue
        m = phrases.search("structure_function:verbs", s.text)
        if not m or not phrases.search("structure_function:objects", s.text, m.start()):
            continue
        if phrases.search("structure_function:reported", s.text) or reported(c, s.text, m.start()):
            continue
        out.append(s)
    return out


def _reference_term_present(doc, ctx, name, skip_side_effects) -> bool:
    phrases = sentence_cues.cue_set_for(ctx)
    if not skip_side_effects:
        return phrases.search(f"{name}:terms", doc.prose) is not None
    c = sentence_cues.Cues(ctx)
    for s in analyze(doc, ctx).sentences:
        if not phrases.search(f"{name}:terms", s.text):
            continue
        side_effect_list = c.has("harm_generic", s.text) or c.has("harm_causal", s.text)
        if not side_effect_list or disclaimers._ADVICE_FRAME.search(s.text):
            return True
    return False


def _reference_applies(doc, ctx, name, spec) -> bool:
    wanted = set(spec.get("topics") or ())
    if wanted and not wanted & set(ctx.topics or ()):
        return False
    if spec.get("terms") and not _reference_term_present(doc, ctx, name, bool(spec.get("skip_side_effect_lists"))):
        return False
    return not (name == "dshea" and not _reference_structure_function_claims(doc, ctx))


def _reference_matches(doc, ctx, name, spec) -> list:
    found = []
    exact = [disclaimer_definitions._norm(e) for e in spec.get("exact") or ()]
    if exact:
        for i, block in enumerate(doc.blocks):
            if any(e in disclaimer_definitions._norm(block.text) for e in exact):
                found.append((i, block.source_span(0, len(block.text))))
        if not found and any(e in disclaimer_definitions._norm(doc.prose) for e in exact):
            found.append((len(doc.blocks) - 1, doc.blocks[-1].source_span(0, len(doc.blocks[-1].text))))
        return found
    phrases = sentence_cues.cue_set_for(ctx)
    slots = [f"{name}:slot{i}" for i in range(len(spec.get("slots") or ()))]
    for s in analyze(doc, ctx).sentences:
        if (slots and all(phrases.has(slot, s.text) for slot in slots)) or phrases.has(f"{name}:phrases", s.text):
            found.append((s.block_index, span_of(doc, s)))
    return found


def _reference_required_for(doc, ctx) -> list:
    section = ctx.config.section("disclaimers")
    out = []
    for name, spec in disclaimer_definitions.definitions(ctx).items():
        if not _reference_applies(doc, ctx, name, spec):
            continue
        placement = disclaimers._placement(name, spec, section)
        paragraphs = int(spec.get("paragraphs") or section.get("paragraphs") or 3)
        matches = _reference_matches(doc, ctx, name, spec)
        allowed = disclaimers._allowed_blocks(doc, placement, paragraphs)
        good = [m for m in matches if allowed is None or m[0] in allowed]
        out.append(
            disclaimer_definitions.Requirement(
                id=name,
                rule=spec.get("rule", "disclaimer/custom"),
                template=" ".join(str(spec.get("template", "")).split()),
                placement=placement,
                satisfied=bool(good),
                message=spec.get("message", f"the '{name}' disclaimer is missing"),
                found_at=matches[0][1] if matches and not good else None,
                paragraphs=paragraphs,
            )
        )
    return out


@pytest.mark.parametrize("settings", CONFIGS, ids=range(len(CONFIGS)))
def test_requirements_match_reading_every_sentence(settings, tmp_path):
    outcomes = set()
    for path, text in DOCUMENTS:
        doc = parse(path, text.encode())
        ctx = _context(doc, settings, tmp_path)
        expected = _reference_required_for(doc, ctx)
        for rule in ("disclaimer/custom", "disclaimer/emergency"):  # asked first: the others are not evaluated
            assert disclaimers.required_for(doc, ctx, rule) == [r for r in expected if r.rule == rule], path
        got = disclaimers.required_for(doc, ctx)
        assert got == expected, path
        assert disclaimers.structure_function_claims(doc, ctx) == _reference_structure_function_claims(doc, ctx)
        outcomes |= {(r.id, r.satisfied, r.found_at is not None) for r in got}
    # the documents exercise met, unmet and misplaced statements
    assert any(sat for _, sat, _ in outcomes) and any(not sat and not misplaced for _, sat, misplaced in outcomes)
    if settings.get("disclaimers", {}).get("placement") in ("top", "bottom"):
        assert any(misplaced for _, _, misplaced in outcomes)


# -- topics: the lists detection reads, in an index of their own ---------------------------


def _reference_health_score(doc, ctx) -> dict:
    words = max(1, len(doc.prose.split()))
    strong = [m.group().lower() for m in cues.compile_list(cues.entries(ctx, "health_strong")).finditer(doc.prose)]
    weak = [m.group().lower() for m in cues.compile_list(cues.entries(ctx, "health_weak")).finditer(doc.prose)]
    weighted = len(strong) + 0.5 * len(weak)
    return {"distinct": len(set(strong)) + 0.5 * len(set(weak)), "per_100_words": round(100 * weighted / words, 2)}


def test_topic_cues_count_as_the_combined_regex_does(tmp_path):
    for settings in (
        {},
        {"cues": {"extend_treatment": ["re:\\bzinc\\w*", "gumm(y|ies)"], "replace_condition": ["pain"]}},
    ):
        for path, text in DOCUMENTS:
            doc = parse(path, text.encode())
            ctx = Context(path, build_config(settings, tmp_path, None, config_schema()).resolve(path))
            assert topics.health_score(doc, ctx) == _reference_health_score(doc, ctx), path
            own = topics._topic_cues(ctx)
            for name in topics.TOPIC_LISTS:
                pattern = cues.compile_list(cues.entries(ctx, name))  # the plain combined regex
                for t in (doc.prose, topics._title(doc)):
                    expected = [m.span() for m in pattern.finditer(t)]
                    assert [m.span() for m in own.finditer(name, t)] == expected, (path, name)


def test_candidate_sentences_are_those_maybe_allows(tmp_path):
    ctx = Context("a.md", build_config(CONFIGS[4], tmp_path, None, config_schema()).resolve("a.md"))
    phrases = sentence_cues.cue_set_for(ctx)
    names = [name for name, _ in disclaimer_definitions.phrase_lists(ctx)] + ["hype", "citation"]  # "citation" has scanned entries
    texts = [s.text for _, t in DOCUMENTS[:40] for s in analyze(parse("a.md", t.encode()), ctx).sentences]
    got = phrases.candidates(names, texts)
    for name in names:
        assert got[name] == [i for i, t in enumerate(texts) if name in phrases.maybe(t)], name
    assert any(got[n] for n in names) and any(len(got[n]) < len(texts) for n in names)


# -- claims/uncited and dates ---------------------------------------------------------------


def _reference_uncited(doc, ctx) -> list:
    from contentci.analysis.health import claims

    c = sentence_cues.Cues(ctx)
    out = []
    for s in analyze(doc, ctx).sentences:
        if s.kind == "heading":
            continue
        m = c.search("research_claim", s.text)
        stats = c.finditer("statistic", s.text) if m is None else ()
        if stats and not claims._HYPOTHETICAL.search(s.text):
            m = next((x for x in stats if not claims._in_quotes(s.text, x.start())), None)
        if m is None or claims._cited(doc, c, s.block_index):
            continue
        out.append(span_of(doc, s, m.start(), m.end()))
    return out


def test_uncited_reads_only_candidate_sentences_and_finds_the_same(tmp_path):
    from contentci.analysis.health import claims

    found = 0
    for path, text in DOCUMENTS:
        doc = parse(path, text.encode())
        ctx = _context(doc, {}, tmp_path)
        got = [(f.start, f.end) for f in claims.uncited(doc, ctx)]
        assert got == _reference_uncited(doc, ctx), path
        found += len(got)
    assert found  # the documents have uncited statistics


def _reference_parse_date(value):
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m", "%d %B %Y", "%B %d, %Y", "%B %Y"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        m = __import__("re").match(r"(\d{4}-\d{2}-\d{2})", text)
        if m and m.end() < len(text):
            return _reference_parse_date(m.group(1))
    return None


def test_remembered_dates_are_the_parsed_ones():
    import datetime as dt

    from contentci.analysis.health.articlemeta import parse_date

    values = ["2024-03-01", " 2024/03/01 ", "2024-03", "1 March 2024", "March 1, 2024", "March 2024", "", "soon"]
    values += [
        "2024-02-30",
        "2024-02-30T10:00",
        "2024-03-01T10:00:00Z",
        "2024-03-01 " + "x" * 100,
        "x" * 100,
        None,
        2024,
        ["2024-03-01"],
    ]
    values += [dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30)]
    for _ in range(2):  # the second time from memory
        for v in values:
            assert parse_date(v) == _reference_parse_date(v), v


def test_a_non_health_article_is_not_classified_for_disclaimers_it_never_reports(tmp_path):
    from contentci.analysis.health import classify as health
    from contentci.core.result import Selection
    from contentci.engine.check import check_bytes

    text = "---\\nprofile: general\\n---\\n# Sourdough\\n\\nFeed the starter twice a day. Bake at 230 C.\\n"
    calls = []
    original = health._analyze
    health._analyze = lambda doc, key: calls.append(doc.path) or original(doc, key)
    try:
        config = build_config({}, tmp_path, None, config_schema()).resolve("a.md")
        result = check_bytes("a.md", text.encode(), config, Selection(select=("disclaimer",)))
        custom = build_config(CONFIGS[4], tmp_path, None, config_schema()).resolve("b.md")
        affiliate = text + "\\nBuy it through our affiliate link.\\n"
        flagged = check_bytes("b.md", affiliate.encode(), custom, Selection(select=("disclaimer",)))
    finally:
        health._analyze = original
    assert result.diagnostics == [] and calls == ["b.md"]  # only the file with a custom disclaimer to check
    assert [d.rule for d in flagged.diagnostics] == ["disclaimer/custom"]
