"""Precision of the claims rules on real health news stories, judged by a person.

Every story of ``news-stories-dev.jsonl`` (shared data folder, not redistributed) is checked
in-process with the engine; every ``claims/hype``, ``claims/absolute`` and ``claims/uncited``
finding gets a stable id, and a seeded random sample of 50 per rule is drawn for a person to
judge. Verdicts live in ``verdicts-<rule>.csv`` (finding id, verdict, one-line reason in the
judge's own words), so the precision figure can be re-checked and re-scored without the data.

    python eval/claims/sample.py                  # counts per rule
    python eval/claims/sample.py --show           # the sampled findings with their sentence
    python eval/claims/sample.py --show --rule claims/hype --context
    python eval/claims/sample.py --template       # empty verdict rows for the current sample
    python eval/claims/sample.py --score          # precision and Wilson 95% interval per rule

``--show`` is for reading at the terminal; its text is the articles' and is never saved here.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_STORIES = ROOT.parent / "shared" / "data" / "news-stories-dev.jsonl"
RULES = ("claims/hype", "claims/absolute", "claims/uncited")
SAMPLE_SIZE = 50
# The "before" sample was drawn with seed 1 on the rules as they were; see STAGES for the rest.
DEFAULT_SEED = 7
VERDICTS = ("correct", "false-alarm")


@dataclass(frozen=True)
class Found:
    """One finding of a claims rule in one story, with the sentence it sits in."""

    id: str
    rule: str
    story: str
    line: int
    column: int
    message: str
    sentence: str
    paragraph: str
    sources: tuple[str, ...] = ()


def to_markdown(title: str, text: str, topic: str | None = "treatment") -> str:
    """The story as an editor would paste it: front matter, ``# title``, one paragraph per line."""
    parts = [f"---\ntopic: {topic}\n---"] if topic else []
    if title.strip():
        parts.append("# " + " ".join(title.split()))
    parts.extend(p.strip() for p in text.split("\n") if p.strip())
    return "\n\n".join(parts) + "\n"


def profile_name() -> str:
    """``news`` once the project has that profile, ``health`` until then."""
    from contentci.config.loading import PROFILES

    return "news" if "news" in PROFILES else "health"


def make_config(profile: str):
    from contentci.config.loading import build_config
    from contentci.core.registry import config_schema

    return build_config({"profile": profile, "rules": {"grammar": "off"}}, ROOT, None, config_schema()).resolve("x.md")


def sentence_at(line_text: str, column: int) -> str:
    """The sentence of a paragraph line that holds the 1-based ``column``."""
    from contentci.document import sentences

    offset = column - 1
    for sp in sentences.split(line_text):
        if sp.start <= offset < max(sp.end, sp.start + 1):
            return sp.text
    return line_text


def finding_id(story: str, rule: str, line: int, column: int, sentence: str) -> str:
    """Story id, rule, position and a short hash of the sentence: stable while the text is."""
    digest = hashlib.sha1(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:8]
    return f"{story}|{rule.split('/')[1]}|{line}:{column}|{digest}"


_SOURCE = re.compile(
    r"[^.]{0,50}\b(published (online )?in|journal|JAMA|Lancet|BMJ|NEJM|presented at|et al)\b[^.]{0,50}", re.IGNORECASE
)


def sources_named(markdown: str) -> tuple[str, ...]:
    """Where the story names a journal or meeting (for the judge's eyes at the terminal only)."""
    return tuple(m.group().strip() for m in _SOURCE.finditer(markdown))[:4]


def collect(stories: list[dict], profile: str | None = None) -> list[Found]:
    """Every claims finding over all stories, in story order."""
    from contentci.engine.check import Selection, check_bytes

    config = make_config(profile or profile_name())
    selection = Selection(select=RULES)
    out: list[Found] = []
    for story in stories:
        markdown = to_markdown(story.get("title", ""), story.get("text", ""))
        lines = markdown.split("\n")
        result = check_bytes(f"{story['id']}.md", markdown.encode("utf-8"), config, selection)
        for d in result.diagnostics:
            if d.rule not in RULES:
                continue
            line_text = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
            sentence = sentence_at(line_text, d.column)
            out.append(
                Found(
                    finding_id(story["id"], d.rule, d.line, d.column, sentence),
                    d.rule,
                    story["id"],
                    d.line,
                    d.column,
                    d.message,
                    sentence,
                    line_text,
                    sources_named(markdown),
                )
            )
    return out


def draw(found: list[Found], rule: str, seed: int, size: int = SAMPLE_SIZE) -> list[Found]:
    """A seeded random sample of one rule's findings (all of them when there are fewer)."""
    pool = sorted((f for f in found if f.rule == rule), key=lambda f: f.id)
    if len(pool) <= size:
        return pool
    return sorted(random.Random(f"{seed}:{rule}").sample(pool, size), key=lambda f: f.id)


def verdict_path(rule: str, stage: str = "") -> Path:
    suffix = f"-{stage}" if stage else ""
    return HERE / f"verdicts-{rule.split('/')[1]}{suffix}.csv"


def read_verdicts(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get("finding_id") or "").strip()]
    for r in rows:
        if r["verdict"] not in VERDICTS:
            raise SystemExit(f"{path.name}: {r['finding_id']}: verdict must be one of {VERDICTS}, not {r['verdict']!r}")
    return rows


def wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a proportion: honest at small n and near 0 or 1."""
    if n == 0:
        return (math.nan, math.nan)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def score(stage: str = "") -> list[tuple[str, int, int, float, tuple[float, float]]]:
    """(rule, correct, judged, precision, interval) for each rule with a verdict file."""
    out = []
    for rule in RULES:
        path = verdict_path(rule, stage)
        if not path.is_file():
            continue
        rows = read_verdicts(path)
        correct = sum(r["verdict"] == "correct" for r in rows)
        out.append((rule, correct, len(rows), correct / len(rows) if rows else math.nan, wilson(correct, len(rows))))
    return out


# Each judging round: its verdict-file suffix, the seed it was drawn with, and what it measured.
STAGES = (
    ("before", "1", "before: the rules as they were"),
    ("round2", "2", "round 2: after the first fixes (read, then fixed further)"),
    ("round3", "5", "round 3: after the second fixes (read, then fixed further)"),
    ("round4", "6", "round 4: after the third fixes (uncited read, then fixed further)"),
    ("", "6 for hype and absolute, 7 for uncited", "after: the rules as shipped, drawn after their last change"),
)


def print_scores() -> None:
    for stage, seed, label in STAGES:
        rows = score(stage)
        if not rows:
            continue
        print(f"{label} (seed {seed}):")
        for rule, correct, n, precision, (lo, hi) in rows:
            print(f"  {rule:16} {correct:2}/{n:<3} precision {precision:.2f}  (Wilson 95% {lo:.2f}-{hi:.2f})")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_STORIES, help="news stories, JSON lines")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sample seed (before: 1; after: 6, 7 for uncited)")
    parser.add_argument("--rule", choices=RULES, action="append", help="only this rule (repeatable)")
    parser.add_argument("--show", action="store_true", help="print the sampled findings with their sentence")
    parser.add_argument("--context", action="store_true", help="with --show: the whole paragraph too")
    parser.add_argument("--template", action="store_true", help="print verdict CSV rows for the sample")
    parser.add_argument("--score", action="store_true", help="precision per rule from the verdict files")
    args = parser.parse_args(argv)
    if args.score:
        print_scores()
        return 0
    if not args.data.is_file():
        print(f"stories file not found: {args.data} (the shared data folder is not part of the repository)")
        return 2
    found = collect(read_jsonl(args.data))
    rules = args.rule or list(RULES)
    stories = len({f.story for f in found})
    print(f"profile {profile_name()}; findings over all stories ({stories} stories with any):", file=sys.stderr)
    for rule in RULES:
        print(f"  {rule:16} {sum(f.rule == rule for f in found)}", file=sys.stderr)
    for rule in rules:
        print_sample(draw(found, rule, args.seed), rule, args, names=True)
    return 0


def print_sample(sample, rule: str, args, names: bool = False) -> None:
    """``--template``: an empty verdict file for the sample; ``--show``: the findings to judge, at the
    terminal only (never written into the repository)."""
    if args.template:
        writer = csv.writer(sys.stdout)
        writer.writerow(["finding_id", "verdict", "reason"])
        for f in sample:
            writer.writerow([f.id, "", ""])
    elif args.show:
        print(f"\n=== {rule}: {len(sample)} sampled, seed {args.seed}")
        for n, f in enumerate(sample, 1):
            print(f"\n[{n}] {f.id}\n    {f.message}\n    > {f.sentence}")
            if args.context:
                print(f"    paragraph: {f.paragraph}")
                if names:
                    print(f"    story names: {' | '.join(f.sources) or '-'}")


if __name__ == "__main__":
    raise SystemExit(main())
