"""The user's cache folder: one rule for every part of contentci that keeps files there."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_root() -> Path:
    """``$XDG_CACHE_HOME/contentci``, else ``~/.cache/contentci``: where installs live (LanguageTool)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "contentci"


def cache_dir() -> Path:
    """Where caches and the result-cache key live: ``$CONTENTCI_CACHE_DIR`` if set (tests and CI
    give each run its own), else :func:`user_cache_root`."""
    env = os.environ.get("CONTENTCI_CACHE_DIR")
    return Path(env).expanduser() if env else user_cache_root()
