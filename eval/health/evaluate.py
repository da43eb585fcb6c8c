"""Measure the health rules against the labelled cases: precision and recall per rule.

Usage (from the repository root):
    python3 eval/health/evaluate.py                  # table of figures (Markdown)
    python3 eval/health/evaluate.py --errors         # also list every disagreement
    python3 eval/health/evaluate.py --set holdout    # the held-out cases in holdout/

Each case in cases/ is checked with the default configuration (profile auto, so
profile and topics are detected from the text, as for a real article without
front matter). A document-level rule counts as predicting "true" when it fires
at least once. A null label ("the criterion does not apply") leaves the case
out of that rule's precision and recall, as labels.yaml says; a rule that fires
there anyway is counted in the "fired on n/a" column. claims/hype and claims/absolute are scored per phrase: a
finding matches a labelled phrase when one text contains the other
(case-insensitive); findings of the same text in one case count once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from contentci.analysis.health import topics as topic_detection
from contentci.config.loading import build_config
from contentci.core.registry import config_schema
from contentci.document.parse import parse
from contentci.core.context import Context
from contentci.engine.check import check_bytes

from stats import CRITERIA  # noqa: E402  (criterion -> rule id, shared with stats.py)

PHRASES = {"hype", "absolute"}


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = self.tn = self.na_fired = 0
        self.errors: list[str] = []

    def add(self, expected: bool, predicted: bool, note: str) -> None:
        if expected and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.errors.append("false positive: " + note)
        elif expected:
            self.fn += 1
            self.errors.append("missed: " + note)
        else:
            self.tn += 1

    @staticmethod
    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "n/a"

    def row(self, name: str, rule: str) -> str:
        precision = self.ratio(self.tp, self.tp + self.fp)
        recall = self.ratio(self.tp, self.tp + self.fn)
        return f"| `{rule}` | {self.tp + self.fn} | {self.tp} | {self.fp} | {self.fn} | {precision} | {recall} | {self.na_fired} |"


def _text_of(source: str, d: dict) -> str:
    lines = source.split("\n")
    if d["line"] != d["end_line"]:
        first = lines[d["line"] - 1][d["column"] - 1 :]
        return first + " " + lines[d["end_line"] - 1][: d["end_column"] - 1]
    return lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1]


def evaluate(show_errors: bool, folder: Path = HERE) -> int:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    config = build_config({}, folder, None, config_schema())
    tallies = {k: Tally() for k in CRITERIA}
    profile_tally, topic_tallies = Tally(), {t: Tally() for t in ("treatment", "supplement", "stem-cell", "condition")}
    for entry in labels:
        name = entry["case"]
        data = (folder / "cases" / name).read_bytes()
        resolved = config.resolve(name)
        result = check_bytes(name, data, resolved)
        fired: dict[str, list[dict]] = {}
        for d in result.diagnostics:
            fired.setdefault(d.rule, []).append(d.to_json())
        doc = parse(name, data)
        ctx = Context(name, resolved)
        profile = topic_detection.profile(doc, ctx)
        found_topics = topic_detection.topics(doc, ctx, profile)
        profile_tally.add(entry["profile"] == "health", profile == "health", f"{name}: profile {profile}")
        for t, tally in topic_tallies.items():
            tally.add(t in entry["topics"] and entry["profile"] == "health", t in found_topics, f"{name}: topic {t}")
        source = doc.source
        for key, rule in CRITERIA.items():
            expected = entry.get(key)
            if key in PHRASES:
                wanted = [p.lower() for p in expected or []]
                got = sorted({_text_of(source, d).lower() for d in fired.get(rule, [])})
                # A labelled phrase is found (true positive) or missed; a finding that matches no
                # labelled phrase is a false positive. Two findings inside one phrase count once.
                for w in wanted:
                    tallies[key].add(True, any(w in g or g in w for g in got), f"{name}: {rule} '{w}'")
                for g in got:
                    if not any(w in g or g in w for w in wanted):
                        tallies[key].add(False, True, f"{name}: {rule} '{g}'")
                continue
            predicted = rule in fired
            if expected is None:
                if predicted:
                    tallies[key].na_fired += 1
                    tallies[key].errors.append(f"fired where not applicable: {name}: {rule}")
                continue
            tallies[key].add(bool(expected), predicted, f"{name}: {rule}")
    where = (folder / "labels.yaml").relative_to(ROOT)
    print(f"Health rules against {len(labels)} labelled cases ({where})\n")
    print("| rule | labelled positives | true pos. | false pos. | missed | precision | recall | fired on n/a |")
    print("|---|---|---|---|---|---|---|---|")
    for key, rule in CRITERIA.items():
        print(tallies[key].row(key, rule))
    print("\n| detection | positives | true pos. | false pos. | missed | precision | recall | |")
    print("|---|---|---|---|---|---|---|---|")
    print(profile_tally.row("profile", "profile = health").replace("`profile = health`", "profile `health`"))
    for t, tally in topic_tallies.items():
        print(tally.row(t, f"topic {t}").replace(f"`topic {t}`", f"topic `{t}`"))
    if show_errors:
        print("\nDisagreements:")
        for key in CRITERIA:
            for e in tallies[key].errors:
                print("  " + e)
        for e in profile_tally.errors + [e for t in topic_tallies.values() for e in t.errors]:
            print("  " + e)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every disagreement with the labels")
    parser.add_argument(
        "--set", choices=("main", "holdout"), default="main", help="main (eval/health) or holdout (eval/health/holdout)"
    )
    args = parser.parse_args()
    return evaluate(args.errors, HERE if args.set == "main" else HERE / "holdout")


if __name__ == "__main__":
    sys.exit(main())
