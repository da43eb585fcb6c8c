"""Precision of ``readability/hard-sentence`` on real health news stories, judged by a person.

The same procedure as ``eval/claims/sample.py`` (whose functions it reuses): every story of
``news-stories-dev.jsonl`` (shared data folder, not redistributed) is checked in-process with the
default config (profile ``auto``, grammar off); every hard-sentence finding gets a stable id
``story|hard-sentence|line:column|hash``, and a seeded random sample of 50 is drawn for a person
to judge. Verdicts live in ``verdicts-hard-sentence.csv`` (finding id, verdict, one-line reason in
the judge's own words), so the figure can be re-scored without the data.

    python eval/readability/hard_sample.py              # how many findings over all stories
    python eval/readability/hard_sample.py --show       # the sample, each with its sentence
    python eval/readability/hard_sample.py --template   # empty verdict rows for the sample
    python eval/readability/hard_sample.py --score      # precision and Wilson 95% interval

``--show`` is for reading at the terminal; its text is the articles' and is never saved here.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

RULE = "readability/hard-sentence"
DEFAULT_SEED = 1
VERDICTS_FILE = HERE / "verdicts-hard-sentence.csv"


def _claims_sample():
    """eval/claims/sample.py as a module: one procedure, one set of ids and intervals."""
    name = "claims_sample"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "eval" / "claims" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cs = _claims_sample()
DEFAULT_STORIES = cs.DEFAULT_STORIES
SAMPLE_SIZE = cs.SAMPLE_SIZE
wilson = cs.wilson
draw = cs.draw
read_verdicts = cs.read_verdicts
read_jsonl = cs.read_jsonl


def span_text(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    """The text a finding covers (the rule reports a sentence's exact span), across lines if need be."""
    if not 0 < line <= len(lines):
        return ""
    if end_line == line:
        return lines[line - 1][column - 1 : end_column - 1]
    parts = [lines[line - 1][column - 1 :]] + lines[line : end_line - 1]
    if 0 < end_line <= len(lines):
        parts.append(lines[end_line - 1][: end_column - 1])
    return " ".join(p.strip() for p in parts)


def collect(stories: list[dict]) -> list:
    """Every hard-sentence finding over all stories, with the default config (profile auto)."""
    from contentci.config.loading import build_config
    from contentci.core.registry import config_schema
    from contentci.engine.check import Selection, check_bytes

    config = build_config({"rules": {"grammar": "off"}}, ROOT, None, config_schema()).resolve("x.md")
    selection = Selection(select=(RULE,))
    out = []
    for story in stories:
        markdown = cs.to_markdown(story.get("title", ""), story.get("text", ""), topic=None)
        lines = markdown.split("\n")
        result = check_bytes(f"{story['id']}.md", markdown.encode("utf-8"), config, selection)
        for d in result.diagnostics:
            if d.rule != RULE:
                continue
            sentence = span_text(lines, d.line, d.column, d.end_line, d.end_column)
            paragraph = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
            out.append(
                cs.Found(
                    cs.finding_id(story["id"], RULE, d.line, d.column, sentence),
                    RULE,
                    story["id"],
                    d.line,
                    d.column,
                    d.message,
                    sentence,
                    paragraph,
                )
            )
    return out


def score(path: Path = VERDICTS_FILE) -> tuple[int, int, float, tuple[float, float]]:
    """(correct, judged, precision, Wilson interval) from a verdict file."""
    rows = read_verdicts(path)
    correct = sum(r["verdict"] == "correct" for r in rows)
    return correct, len(rows), (correct / len(rows) if rows else math.nan), wilson(correct, len(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_STORIES, help="news stories, JSON lines")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sample seed (the judged sample: 1)")
    parser.add_argument("--show", action="store_true", help="print the sampled findings with their sentence")
    parser.add_argument("--context", action="store_true", help="with --show: the whole paragraph too")
    parser.add_argument("--template", action="store_true", help="print verdict CSV rows for the sample")
    parser.add_argument("--score", action="store_true", help="precision from the verdict file")
    args = parser.parse_args(argv)
    if args.score:
        if not VERDICTS_FILE.is_file():
            print(f"no verdicts yet: {VERDICTS_FILE.name}")
            return 2
        correct, n, precision, (lo, hi) = score()
        print(f"{RULE} (seed {DEFAULT_SEED}): {correct}/{n} precision {precision:.2f}  (Wilson 95% {lo:.2f}-{hi:.2f})")
        return 0
    if not args.data.is_file():
        print(f"stories file not found: {args.data} (the shared data folder is not part of the repository)")
        return 2
    stories = read_jsonl(args.data)
    found = collect(stories)
    with_any = len({f.story for f in found})
    print(f"{RULE}: {len(found)} findings in {with_any} of {len(stories)} stories (profile auto)", file=sys.stderr)
    cs.print_sample(draw(found, RULE, args.seed), RULE, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
