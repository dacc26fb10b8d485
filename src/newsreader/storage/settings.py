"""Values the program keeps for itself in the library: ``library.settings``."""

from __future__ import annotations

from newsreader.storage.store import Store


class Settings:
    """Small named values (such as whether the sample articles were offered)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str) -> str | None:
        """The value stored under ``key``, or None."""
        rows = self._store.rows("SELECT value FROM settings WHERE key = ?", [key])
        return rows[0]["value"] if rows else None

    def set(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, replacing what was there."""
        with self._store.write():
            self._store.table("settings").upsert({"key": key, "value": value}, pk="key")
