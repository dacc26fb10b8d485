"""The connection every part of the Library shares: short write transactions, readable errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.storage.connection import (
    Target,
    begin_immediate,
    connect,
    damaged_text,
    translate,
)
from newsreader.storage.errors import LibraryError

if TYPE_CHECKING:
    from sqlite_utils.db import Database, Table

Row = dict[str, Any]


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string with seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """One open connection to a library file, shared by the parts of a Library.

    Writes go through :meth:`write`: one ``BEGIN IMMEDIATE`` transaction, committed before
    it ends, inside which rows are added with :meth:`insert` or :meth:`table` (sqlite-utils)
    or plain SQL. Reads go through :meth:`rows`. SQLite errors leave as LibraryError.
    """

    def __init__(self, target: Target, *, clock: Callable[[], str] = utc_now) -> None:
        self.target = target
        self.path: Path | str = target.path
        self.clock = clock
        self.conn = connect(target)

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for table-level work.

        Imported on first use, not when a library opens: importing sqlite-utils costs more
        than opening a library and showing its first page. See ARCHITECTURE.md.
        """
        from sqlite_utils import Database

        # Plugins are looked up through every installed package: slow, and none are used.
        return Database(self.conn, execute_plugins=False)

    def table(self, name: str) -> Table:
        """A table through sqlite-utils, for inserts and upserts inside :meth:`write`.

        sqlite-utils nests its own transaction as a savepoint, so the write stays one
        transaction.
        """
        return self.db.table(name)

    def insert(self, table: str, row: Row) -> int:
        """Insert one row inside :meth:`write`; returns its rowid."""
        return int(self.table(table).insert(row).last_rowid or 0)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One committed ``BEGIN IMMEDIATE`` transaction, or nothing at all."""
        try:
            begin_immediate(self.conn)
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise translate(error, self.path) from None
        except OverflowError:
            raise LibraryError("a number given is too large for the library") from None

    @contextmanager
    def unsynced_commits(self) -> Iterator[None]:
        """While inside, commits are not flushed to the disk one by one (``synchronous =
        NORMAL``: the write-ahead log is synced at checkpoints). A crash of the program
        loses nothing committed and the file stays consistent; only a power cut or a crash
        of the system can lose the last commits. For a batch of imported articles only,
        which their sources can give again (ARCHITECTURE.md, storage rules)."""
        self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA synchronous = FULL")

    def rows(self, sql: str, params: Any = ()) -> list[Row]:
        """The rows of a query as dicts keyed by column name.

        Reads are plain sqlite3, not sqlite-utils: opening the library, its first page,
        search as you type and opening an article are the hot paths, and loading
        sqlite-utils would cost more than any of them (benchmarks/library_scale.py,
        benchmarks/tui_launch.py).
        """
        try:
            return dict_rows(self.conn, sql, params)
        except sqlite3.Error as error:
            raise translate(error, self.path) from None
        except UnicodeDecodeError:  # sqlite3 cannot read a text that damage left invalid
            raise damaged_text(self.path) from None
        except OverflowError:  # a number past SQLite's 64-bit integers: nothing can match it
            raise LibraryError("a number given is too large for the library") from None


def dict_rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[Row]:
    """The rows of a query as dicts keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
