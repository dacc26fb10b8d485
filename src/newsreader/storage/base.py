"""The connection, transactions and settings that every part of the Library shares."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from newsreader.storage.connection import begin_immediate, connect, migrate, translate


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string with seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class StoreBase:
    """An open library file: one connection, short write transactions, readable errors."""

    def __init__(self, path: Path | str, *, clock: Callable[[], str] = utc_now) -> None:
        self.path = path
        self._clock = clock
        self._conn = connect(path)
        migrate(self._conn, path)
        # Plugins are looked up through every installed package: slow, and none are used.
        self.db = Database(self._conn, execute_plugins=False)

    def close(self) -> None:
        """Close the database file."""
        self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One committed ``BEGIN IMMEDIATE`` transaction, or nothing at all."""
        try:
            begin_immediate(self._conn)
            try:
                yield self.db
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        try:
            return list(self.db.query(sql, params))
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def setting(self, key: str) -> str | None:
        """A value the program stored for itself (such as whether samples were offered)."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", [key])
        return rows[0]["value"] if rows else None

    def set_setting(self, key: str, value: str) -> None:
        """Store a value for the program itself."""
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
