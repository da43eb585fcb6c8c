"""Regular expressions written in config cannot hang a run: a catastrophic or invalid one is a
config error (exit 2, naming the key) before any file is read; a good one works as documented."""

import time

import pytest

ARTICLE = """---
profile: health
---
# Joint pain

This therapy is a wondrous fix for arthritis, and a doctor can tell you more.
"""
# What a catastrophic pattern would take minutes on, had it been run.
ADVERSARIAL = "---\nprofile: health\n---\n" + "a" * 40 + "!\n"


def config_error(result, key: str) -> str:
    assert result.exit_code == 2, result.output + result.stderr
    assert result.output == ""
    assert "Traceback" not in result.stderr
    line = result.stderr.strip()
    assert line.startswith("contentci: error: .contentci.toml: ") and key in line and "\n" not in line
    return line


@pytest.mark.parametrize(
    "pattern, why",
    [
        ("re:(a+)+$", "repeats a group that itself repeats, which can take exponential time"),
        ("re:(?:a|a)*!", "alternatives can match the same text, which can take exponential time"),
        ("re:^(a?){30}a{30}$", "can match nothing, which can take exponential time"),
        # passed the old check and took 27 s on a 40-letter word
        ("re:(?:\\w\\w?)+$", "repeats a group with an optional part, so one text can be split in many ways"),
        ("re:(\\w|\\d)+$", "alternatives can match the same text, which can take exponential time"),
    ],
)
def test_a_catastrophic_cue_pattern_is_a_config_error_naming_the_key(run, tmp_path, pattern, why):
    (tmp_path / ".contentci.toml").write_text(f"[cues]\nextend_hype = ['{pattern}']\n")
    (tmp_path / "a.md").write_text(ADVERSARIAL)
    start = time.monotonic()
    result = run("check", "a.md")
    assert time.monotonic() - start < 10
    line = config_error(result, "cues.extend_hype: ")
    assert f"{pattern!r} " in line and why in line


def test_an_invalid_cue_pattern_is_a_config_error(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text("[cues]\nreplace_cost = ['price', 're:[z-a] dollars']\n")
    (tmp_path / "a.md").write_text(ARTICLE)
    line = config_error(run("check", "a.md"), "cues.replace_cost: ")
    assert "'re:[z-a] dollars' is not a valid pattern: bad character range z-a" in line


def test_a_catastrophic_pattern_in_an_override_is_caught_too(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text(
        "[[overrides]]\nfiles = ['drafts/**']\n[overrides.cues]\nextend_hype = ['re:(\\w+\\s?)+$']\n"
    )
    (tmp_path / "a.md").write_text(ARTICLE)
    line = config_error(run("check", "a.md"), "overrides[0].cues.extend_hype: ")
    assert "repeats a group that itself repeats" in line


@pytest.mark.parametrize("key", ["terms", "phrases"])
def test_a_catastrophic_disclaimer_pattern_is_a_config_error(run, tmp_path, key):
    (tmp_path / ".contentci.toml").write_text(
        f"[disclaimers.required.affiliate]\ntemplate = 'We earn a commission.'\n{key} = ['re:(a|ab)+$']\n"
    )
    (tmp_path / "a.md").write_text(ARTICLE)
    line = config_error(run("check", "a.md"), "disclaimers.required: required.affiliate." + key + ": ")
    assert "'re:(a|ab)+$' repeats a group whose alternatives can match the same text" in line


def test_a_catastrophic_disclaimer_slot_is_a_config_error(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text(
        "[disclaimers.required.affiliate]\nslots = [['we earn'], ['re:(\\d+)*x']]\n"
    )
    (tmp_path / "a.md").write_text(ARTICLE)
    line = config_error(run("check", "a.md"), "required.affiliate.slots: ")
    assert "'re:(\\\\d+)*x' repeats a group that itself repeats" in line


def test_a_good_re_cue_pattern_finds_its_text_at_the_right_place(run, tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE)
    before = run("check", "a.md", "--select", "claims/hype", "--format", "json")
    assert before.exit_code == 0 and before.rules() == []
    # A bounded repeat, like the built-in cue lists use, is allowed.
    (tmp_path / ".contentci.toml").write_text(
        "[cues]\nextend_hype = ['re:\\bwond(er|rous)\\s+(\\w+\\s+){0,2}fix\\b']\n"
    )
    result = run("check", "a.md", "--select", "claims/hype", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [finding] = result.json["files"][0]["diagnostics"]
    assert finding["rule"] == "claims/hype"
    assert (finding["line"], finding["column"], finding["end_column"]) == (6, 19, 31)
    assert "'wondrous fix'" in finding["message"]
