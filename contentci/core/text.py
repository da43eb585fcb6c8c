"""Small wording helpers every layer's messages share."""

from __future__ import annotations

from collections.abc import Iterable


def plural(n: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` for the nearest choice, or ``""`` when none is near."""
    import difflib  # only for an error message

    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"; did you mean {near[0]!r}?" if near else ""
