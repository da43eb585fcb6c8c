"""What a rule sees besides the document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Context:
    """What a rule may use besides the document: its config and shared services."""

    path: str
    config: Any  # contentci.config.loading.ResolvedConfig (config sits above core)
    services: dict[str, Any] = field(default_factory=dict)
    _profile: str | None = None
    topics: frozenset[str] = frozenset()  # treatment, supplement, stem-cell, condition, general

    @property
    def profile(self) -> str:
        return self._profile or self.config.profile
