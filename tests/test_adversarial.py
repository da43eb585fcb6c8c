"""Every crafted-input class of `benchmarks/adversarial.py`, at a small size: checked, with the
neighbouring good article still checked. The benchmark runs the same classes at 64 KB to 1 MB and
prints time and memory (docs/hardening.md); here only what a user sees is asserted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import adversarial  # noqa: E402

# What the crafted file gets at 32 KB: a finding count, or the per-file error id.
EXPECTED = {
    "alias-front-matter": "contentci/front-matter",  # aliases refused before anything is built
}


@pytest.mark.parametrize("name", sorted(adversarial.CLASSES))
def test_crafted_input_is_checked_and_its_neighbour_too(name):
    result = adversarial.run_case(name, 32 * 1024)
    assert result["exit"] in (0, 1), result
    assert result["good"], result  # the good article beside it was checked
    if name in EXPECTED:
        assert result["got"] == EXPECTED[name], result
    elif adversarial.CLASSES[name][1] is not None:
        assert result["got"].endswith("findings"), result  # checked, not refused or crashed


def test_a_config_over_the_size_limit_is_a_config_error_naming_it(tmp_path):
    result = adversarial.run_case("many-overrides", 1100 * 1024)
    assert result["exit"] == 2 and not result["good"]
    assert "limit" in result["stderr"], result


def test_long_runs_of_letters_are_counted_without_hyphenating_them():
    from contentci.analysis.readability import syllables

    assert syllables.count("ba" * 30) == 30  # 60 letters: vowel groups, one a "ba"
    assert syllables.count("pneumonoultramicroscopicsilicovolcanoconiosis") > 10  # still hyphenated


def test_bracket_soup_goes_to_the_fast_parser_and_keeps_exact_positions(run, tmp_path):
    from conftest import SEED

    from contentci.document import markdown_fast

    seed = SEED.read_text(encoding="utf-8")
    text = seed + "\n\n" + "[a " * 30_000 + "\n\n" + seed
    assert markdown_fast.safe_for_fast(text)  # was sent to markdown-it-py (16 s a megabyte)
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "seed.md").write_text(seed, encoding="utf-8")
    # 90,000 characters of soup dilute the health words below the auto profile's threshold: say it.
    (tmp_path / ".contentci.toml").write_text('profile = "health"\n')

    def hype(name):
        result = run("check", "--format", "json", "--select", "claims/hype", name)
        return [(d["line"], d["column"]) for f in result.json["files"] for d in f["diagnostics"]]

    alone = hype("seed.md")
    shift = seed.count("\n") + 4  # the seed, a blank line, the soup's line, a blank line
    assert alone and hype("a.md") == alone + [(line + shift, col) for line, col in alone]


def test_hard_sentence_heuristics_judge_a_huge_sentence_on_its_start():
    from contentci.analysis.readability import prose

    huge = "Write to press@example.org for details " + "and more words " * 20_000
    assert prose.reason(huge, huge) == "a contact line"
    assert prose.reason("and more words " * 20_000, "x") is None  # plain prose, judged on its first 4,000 characters
    # The email and link patterns start only where a run starts (no rescan from every position).
    assert prose._EMAIL.search("write to bob.smith@example.com today").group() == "bob.smith@example.com"
    assert prose._URL.search("at foo-bar.org/x").group() == "foo-bar.org/x"
    assert prose._URL.search("a-" * 1000) is None
