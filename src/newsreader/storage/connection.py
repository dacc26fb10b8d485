"""Opening the SQLite file: pragmas, schema upgrades, and SQLite errors made readable."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from newsreader.storage.errors import LibraryError
from newsreader.storage.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 250
LOCK_RETRIES = 40  # with the busy timeout: about ten seconds before giving up


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the library file, with WAL, foreign keys and a short busy wait."""
    in_memory = str(path) == ":memory:"
    if not in_memory:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(
            str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        conn.execute("PRAGMA foreign_keys = ON")
        if not in_memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal" and not _read_only(conn):
                raise LibraryError(f"{path}: could not switch the library to WAL mode")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as error:
        raise translate(error, path) from None
    return conn


def _read_only(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError:
        return True
    return False


def migrate(conn: sqlite3.Connection, path: Path | str) -> None:
    """Apply the schema steps this file has not had yet, each in its own transaction."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise LibraryError(
                f"{path} was written by a newer newsreader (schema {version}, this one knows "
                f"{len(MIGRATIONS)}); upgrade newsreader to open it"
            )
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            begin_immediate(conn)
            try:
                for statement in _statements(step):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    except sqlite3.DatabaseError as error:
        raise translate(error, path) from None


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""


def begin_immediate(conn: sqlite3.Connection) -> None:
    """Start a write transaction, waiting (briefly, in steps) while another process writes."""
    for attempt in range(LOCK_RETRIES):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            time.sleep(0.01 * (attempt + 1))
    raise LibraryError("the library is busy: another newsreader kept it locked too long")


def translate(error: sqlite3.Error, path: Path | str) -> LibraryError:
    """Turn an SQLite error into a LibraryError whose message a person can act on."""
    message = str(error)
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return LibraryError(f"{path} is damaged or is not a newsreader library ({message})")
    if "readonly" in message or "read-only" in message:
        return LibraryError(f"{path} is read-only: newsreader cannot save changes to it")
    if "disk is full" in message or "full" in message:
        return LibraryError(f"the disk holding {path} is full: nothing was saved")
    if "locked" in message or "busy" in message:
        return LibraryError(f"{path} is busy: another newsreader is writing to it")
    if "unable to open" in message:
        return LibraryError(f"cannot open {path}: check that the folder exists and is writable")
    return LibraryError(f"{path}: {message}")
