"""Paragraph-level LanguageTool results on disk, so unchanged prose is never sent twice.

Key: (server identity: LanguageTool version for our own install, the URL for a remote server;
language; picky level; the paragraph's annotated text). Settings applied after LanguageTool
answers (accepted words, disabled rules, severities) are not in the key: changing them needs no
new request. One SQLite file under ``$CONTENTCI_CACHE_DIR`` (default
``~/.cache/contentci/grammar-cache.sqlite3``); a broken or locked cache only costs speed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from contentci.services.languagetool.client import Match


def cache_path() -> Path:
    from contentci.core.paths import cache_dir

    return cache_dir() / "grammar-cache.sqlite3"


class ParagraphCache:
    """LanguageTool's answers per paragraph (SQLite in the user cache folder), so unchanged prose is
    not sent again; not to be confused with the result cache of whole files (contentci.run.cache)."""

    def __init__(self, path: Path | None = None, enabled: bool = True):
        self.path = path or cache_path()
        self.db: sqlite3.Connection | None = None
        if enabled:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(str(self.path), timeout=5)
                self.db.execute("CREATE TABLE IF NOT EXISTS matches (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
            except (OSError, sqlite3.Error):
                self.db = None

    @staticmethod
    def key(server_id: str, language: str, picky: bool, paragraph_key: str) -> str:
        return hashlib.sha256(json.dumps([server_id, language, picky, paragraph_key]).encode()).hexdigest()

    def get(self, key: str) -> list[Match] | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM matches WHERE key = ?", (key,)).fetchone()
            return [Match.from_json(m) for m in json.loads(row[0])] if row else None
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def put(self, items: dict[str, list[Match]]) -> None:
        if self.db is None or not items:
            return
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO matches (key, data) VALUES (?, ?)",
                    [(k, json.dumps([m.to_json() for m in v])) for k, v in items.items()],
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
