"""How well each readability score ranks the labelled passages (Spearman's rho).

Usage: python eval/readability/evaluate.py [passages.yaml]

Prints, for contentci's jargon-aware headline grade and each classic formula,
Spearman's rank correlation with the human labels: over all passages, over the
held-out half (even ids; the headline was chosen looking only at odd ids), and
per passage kind (plain, jargon, familiar-long). Higher is better.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from contentci.analysis.readability import scores as readability
from contentci.document.parse import parse

SCORES = (
    ("grade", "contentci grade (jargon-aware)"),
    ("dale_chall_score", "Dale-Chall"),
    ("flesch_kincaid_grade", "Flesch-Kincaid"),
    ("gunning_fog", "Gunning Fog"),
    ("smog_index", "SMOG"),
    ("coleman_liau_index", "Coleman-Liau"),
    ("automated_readability_index", "ARI"),
)


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def load(path: Path) -> list[dict]:
    raw = path.read_text(encoding="utf-8")
    kinds = dict(re.findall(r"^- id: (\S+)\s+#\s*(\S+)", raw, flags=re.MULTILINE))
    items = yaml.safe_load(raw)
    for item in items:
        item["kind"] = kinds.get(item["id"], "plain")
        scores = readability.analyze(parse("p.md", item["text"].encode())).scores
        item["scores"] = scores
    return items


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("passages.yaml")
    items = load(path)
    groups = {
        "all": items,
        "held-out": [i for i in items if int(re.sub(r"\D", "", i["id"])) % 2 == 0],
        "plain": [i for i in items if i["kind"] == "plain"],
        "jargon": [i for i in items if i["kind"] == "jargon"],
        "familiar-long": [i for i in items if i["kind"] == "familiar-long"],
    }
    header = f"{'score':32}" + "".join(f"{g:>15}" for g in groups)
    print(f"Spearman rho against human labels ({len(items)} passages)")
    print(header)
    print("-" * len(header))
    for key, label in SCORES:
        row = f"{label:32}"
        for members in groups.values():
            row += f"{spearman([m['scores'][key] for m in members], [m['label'] for m in members]):>15.3f}"
        print(row)
    print("\n" + "  ".join(f"{g}: n={len(m)}" for g, m in groups.items()))


if __name__ == "__main__":
    main()
