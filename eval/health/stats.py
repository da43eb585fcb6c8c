"""Check eval/health/labels.yaml against the cases and print label counts per criterion.

Usage:
    python eval/health/stats.py            # checks, then prints the counts as a Markdown table
    python eval/health/stats.py --check    # checks only; exit status 1 if any problem is found

The checks make sure every case is labelled on every criterion, that null is used only where
the header of labels.yaml allows it, that every hype/absolute phrase really occurs in its case,
and that the case files follow the rules of the set (80-350 words, no YAML front matter).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
LABELS = HERE / "labels.yaml"

# criterion -> rule id it measures, in the order of issue 3
CRITERIA = {
    "harms_missing": "balance/harms-missing",
    "benefit_risk_imbalance": "balance/benefit-risk-ratio",
    "benefits_unquantified": "balance/benefits-unquantified",
    "alternatives_missing": "balance/alternatives-missing",
    "evidence_missing": "balance/evidence-missing",
    "costs_missing": "balance/costs-missing",
    "hype": "claims/hype",
    "absolute": "claims/absolute",
    "uncited": "claims/uncited",
    "medical_advice_disclaimer_missing": "disclaimer/medical-advice",
    "consult_professional_missing": "disclaimer/consult-professional",
    "emergency_missing": "disclaimer/emergency",
    "regulatory_status_missing": "disclaimer/regulatory-status",
    "dshea_missing": "disclaimer/dshea",
}
PHRASE_LISTS = {"hype", "absolute"}
NULLABLE = {"emergency_missing", "regulatory_status_missing", "dshea_missing"}
TOPICS = {"treatment", "supplement", "stem-cell", "condition", "general"}
PROFILES = {"health", "general"}
BALANCE = [k for k, rule in CRITERIA.items() if rule.startswith("balance/")]
MIN_WORDS, MAX_WORDS = 80, 350


def load() -> list[dict]:
    with LABELS.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, list):
        raise SystemExit(f"{LABELS}: expected a list of cases")
    return data


def check(entries: list[dict]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for i, e in enumerate(entries):
        name = e.get("case", f"<entry {i}>")
        where = f"{name}:"
        if name in seen:
            problems.append(f"{where} labelled twice")
        seen.add(name)
        expected = {"case", "topics", "profile", *CRITERIA}
        if missing := expected - e.keys():
            problems.append(f"{where} missing keys {sorted(missing)}")
        if extra := e.keys() - expected:
            problems.append(f"{where} unknown keys {sorted(extra)}")
        path = CASES / name
        if not path.is_file():
            problems.append(f"{where} no such file in cases/")
            continue
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("---"):
            problems.append(f"{where} starts with YAML front matter")
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"{where} {words} words (allowed {MIN_WORDS}-{MAX_WORDS})")

        topics = e.get("topics") or []
        if not topics or not set(topics) <= TOPICS:
            problems.append(f"{where} bad topics {topics!r}")
        profile = e.get("profile")
        if profile not in PROFILES:
            problems.append(f"{where} bad profile {profile!r}")

        for key in CRITERIA:
            value = e.get(key)
            if key in PHRASE_LISTS:
                if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                    problems.append(f"{where} {key} must be a list of strings")
                    continue
                for phrase in value:
                    if phrase.lower() not in text.lower():
                        problems.append(f"{where} {key} phrase {phrase!r} not found in the text")
            elif value is None:
                if key not in NULLABLE:
                    problems.append(f"{where} {key} is null but this criterion always applies")
            elif not isinstance(value, bool):
                problems.append(f"{where} {key} must be true, false or null")

        # Scope rules stated in the header of labels.yaml.
        is_stem = "stem-cell" in topics
        if is_stem != (e.get("regulatory_status_missing") is not None):
            problems.append(f"{where} regulatory_status_missing must be non-null exactly for stem-cell")
        if e.get("dshea_missing") is not None and "supplement" not in topics:
            problems.append(f"{where} dshea_missing set on a case without the supplement topic")
        if ("supplement" in topics or is_stem) and "treatment" not in topics:
            problems.append(f"{where} supplement/stem-cell cases must also have the treatment topic")
        if "treatment" not in topics or profile == "general":
            for key in BALANCE:
                if e.get(key):
                    problems.append(f"{where} {key} true on a case that is not a health treatment article")
        if profile == "general":
            for key in CRITERIA:
                if e.get(key) not in (False, [], None) or (key in NULLABLE and e.get(key) is not None):
                    problems.append(f"{where} {key} must be false/[]/null for a general-profile case")

    on_disk = {p.name for p in CASES.glob("*.md")}
    for name in sorted(on_disk - seen):
        problems.append(f"{name}: case file has no labels")
    return problems


def counts(entries: list[dict]) -> list[tuple[str, str, int, int, int]]:
    rows = []
    for key, rule in CRITERIA.items():
        pos = neg = null = 0
        for e in entries:
            value = e[key]
            if key in PHRASE_LISTS:
                pos += bool(value)
                neg += not value
            elif value is None:
                null += 1
            elif value:
                pos += 1
            else:
                neg += 1
        rows.append((key, rule, pos, neg, null))
    return rows


def render(entries: list[dict]) -> str:
    lines = []
    profiles = Counter(e["profile"] for e in entries)
    topics = Counter(t for e in entries for t in e["topics"])
    words = [len((CASES / e["case"]).read_text(encoding="utf-8").split()) for e in entries]
    lines.append(
        f"{len(entries)} cases: {profiles['health']} health profile, {profiles['general']} general profile; "
        f"{min(words)}-{max(words)} words (median {sorted(words)[len(words) // 2]})."
    )
    lines.append(
        "Topics (a case can have several): "
        + ", ".join(f"{t} {topics[t]}" for t in ["treatment", "supplement", "stem-cell", "condition", "general"])
        + "."
    )
    flags = Counter()
    for e in entries:
        if e["profile"] == "health" and "treatment" in e["topics"]:
            n = sum(bool(e[k]) for k in CRITERIA)
            flags["0-2" if n <= 2 else "3-5" if n <= 5 else "6+"] += 1
    lines.append(
        "Health treatment cases by how many criteria should fire: "
        + ", ".join(f"{band}: {flags[band]}" for band in ["0-2", "3-5", "6+"])
        + "."
    )
    lines.append("")
    lines.append("| criterion | rule | positive (should fire) | negative | null (n/a) |")
    lines.append("| --- | --- | ---: | ---: | ---: |")
    for key, rule, pos, neg, null in counts(entries):
        lines.append(f"| `{key}` | `{rule}` | {pos} | {neg} | {null} |")
    for key in sorted(PHRASE_LISTS):
        phrases = Counter(p.lower() for e in entries for p in e[key])
        listing = ", ".join(f"{p} ({n})" if n > 1 else p for p, n in sorted(phrases.items()))
        lines.append("")
        lines.append(f"`{key}`: {sum(phrases.values())} labelled phrases: {listing}.")
    lines.append("")
    lines.append("For `hype` and `absolute`, positive = at least one phrase listed, negative = `[]`.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only run the checks")
    args = parser.parse_args(argv)
    entries = load()
    problems = check(entries)
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    if args.check:
        if not problems:
            print(f"ok: {len(entries)} cases, labels consistent")
        return 1 if problems else 0
    print(render(entries))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
