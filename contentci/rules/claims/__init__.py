"""Claims: hype, absolute promises, and statistics with no source (FTC health-claims guidance)."""

from __future__ import annotations


HEALTH = ("health",)
