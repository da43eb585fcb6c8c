"""Regenerate the README's generated sections from the code: rule table, example output, eval figures.

Usage: python scripts/update_readme.py [--check]

Sections sit between ``<!-- begin:NAME -->`` and ``<!-- end:NAME -->`` markers. With --check,
exit 1 if the rules table is out of date (tests run this, so docs cannot drift from the registry).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rules_table() -> str:
    from contentci.core import registry

    lines = ["| rule | default | what it checks |", "| --- | --- | --- |"]
    for rule_id in sorted(registry.rules()):
        r = registry.rules()[rule_id]
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| `{rule_id}` | {r.severity.value} | {summary} |")
    return "\n".join(lines)


def example_output() -> str:
    out = subprocess.run(
        [sys.executable, "-m", "contentci", "check", "tests/fixtures/stem-cell-autoimmune.md", "--ignore", "grammar"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    ).stdout
    return "```text\n" + out.rstrip() + "\n```"


def readability_eval() -> str:
    out = subprocess.run(
        [sys.executable, "eval/readability/evaluate.py"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    return "```text\n" + out.rstrip() + "\n```"


SECTIONS = {"rules": rules_table, "example-output": example_output, "readability-eval": readability_eval}


def replace(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- begin:{name} -->\n).*?(<!-- end:{name} -->)", re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"README has no <!-- begin:{name} --> section")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if "--check" in sys.argv:
        if replace(text, "rules", rules_table()) != text:
            print("README rules table is out of date: run python scripts/update_readme.py")
            raise SystemExit(1)
        return
    for name, make in SECTIONS.items():
        text = replace(text, name, make())
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
