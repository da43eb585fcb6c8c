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
