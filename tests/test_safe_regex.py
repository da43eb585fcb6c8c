"""User patterns from config cannot hang a run: the shapes that backtrack badly are rejected up front."""

from __future__ import annotations

import re

import pytest

from contentci.analysis.cues.safe_regex import validate


@pytest.mark.parametrize(
    "pattern, why",
    [
        ("(a+)+$", "repeats a group that itself repeats"),
        (r"(\w*)*x", "repeats a group that itself repeats"),
        ("(?:a|b+)*c", "repeats a group that itself repeats"),
        ("(x{1,})+y", "repeats a group that itself repeats"),
        (r"(?:.*?\d){10}$", "repeats a group that itself repeats"),
        (r"(?:.*?\d){3}$", "repeats a group that itself repeats"),
        ("(a|ab)+$", "alternatives can match the same text"),
        ("(?:a|a)*b", "alternatives can match the same text"),
        ("(a|aa)+$", "alternatives can match the same text"),
        (r"(\d|\d)+x", "alternatives can match the same text"),
        ("^(a?){24}a{24}$", "can match nothing"),
        ("(a|)+b", "can match nothing"),
    ],
)
def test_catastrophic_shapes_are_rejected_when_config_loads(pattern, why):
    problem = validate(pattern)
    assert problem and problem.startswith(repr(pattern)) and why in problem and "exponential time" in problem


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bmiracle cure\b",
        r"(?i)100% (safe|natural)",
        r"cures? (cancer|diabetes)",
        r"\d+ ?mg",
    ],
)
def test_ordinary_patterns_pass(pattern):
    assert validate(pattern) is None
    assert re.compile(pattern).search("It cures diabetes with a miracle cure, 100% safe, 20 mg") is not None


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"\bshown\s+(\w+\s+){0,2}results", "It has shown very good results"),  # bounded, as in the cue lists
        (r"(?:one|two|three)+ times", "twothree times"),
        (r"([a-z]|[0-9])+ mg", "take a20 mg"),
        (r"(?P<n>\d+)-(?P=n)", "12-12"),
    ],
)
def test_repeats_without_the_catastrophic_shapes_pass(pattern, text):
    assert validate(pattern) is None
    assert re.compile(pattern).search(text) is not None


def test_invalid_pattern_is_a_clear_error():
    assert "not a valid regular expression" in validate("(unclosed")
    assert validate("[z-a]").startswith("'[z-a]' is not a valid")
