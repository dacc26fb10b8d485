"""The connection, transactions and settings that every part of the Library shares."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.storage.connection import begin_immediate, connect, migrate, translate

if TYPE_CHECKING:
    from sqlite_utils import Database


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string with seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def dict_rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """The rows of a query as dicts keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


class StoreBase:
    """An open library file: one connection, short write transactions, readable errors."""

    def __init__(self, path: Path | str, *, clock: Callable[[], str] = utc_now) -> None:
        self.path = path
        self._clock = clock
        self._conn = connect(path)
        migrate(self._conn, path)

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for table-level work (backup, restore).

        Reads and writes on the hot paths use the connection directly: importing sqlite-utils
        is slow enough that every start of the app would be felt to wait for it
        (docs/benchmarks.md).
        """
        from sqlite_utils import Database

        # Plugins are looked up through every installed package: slow, and none are used.
        return Database(self._conn, execute_plugins=False)

    def close(self) -> None:
        """Close the database file."""
        self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed ``BEGIN IMMEDIATE`` transaction, or nothing at all."""
        try:
            begin_immediate(self._conn)
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        try:
            return dict_rows(self._conn, sql, params)
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
