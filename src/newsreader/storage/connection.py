"""Opening the SQLite file: pragmas, the lock wait, and SQLite errors made readable."""

from __future__ import annotations

import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from newsreader.storage.errors import LibraryError

BUSY_TIMEOUT_MS = 250
LOCK_RETRIES = 40  # with the busy timeout: about ten seconds before giving up
MEMORY = ":memory:"


@dataclass(frozen=True)
class Target:
    """What to open: the path people see in messages, and the name SQLite is given.

    A file library is opened by its path. A ``:memory:`` library gets a private name in
    SQLite's in-memory file system instead, so that a second connection (a worker's) can
    open the same database; it lives until its last connection closes.
    """

    path: Path | str
    filename: str
    uri: bool = False

    @classmethod
    def of(cls, path: Path | str) -> Target:
        """The target for a library path, or a new in-memory library for ``:memory:``."""
        if str(path) == MEMORY:
            return cls(MEMORY, f"file:/newsreader-{uuid.uuid4().hex}?vfs=memdb", uri=True)
        return cls(path, str(path))

    @property
    def in_memory(self) -> bool:
        """True for a library that lives in memory only."""
        return self.uri


def connect(target: Target) -> sqlite3.Connection:
    """Open (creating if needed) the library, with WAL, foreign keys and a short busy wait."""
    if not target.in_memory:
        Path(target.path).parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(
            target.filename, uri=target.uri, isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
        )
        conn.execute("PRAGMA foreign_keys = ON")
        if not target.in_memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal" and not _read_only(conn):
                raise LibraryError(f"{target.path}: could not switch the library to WAL mode")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as error:
        raise translate(error, target.path) from None
    return conn


def _read_only(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError:
        return True
    return False


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


def damaged_text(path: Path | str) -> LibraryError:
    """The error for a stored text that is not UTF-8 (sqlite3 raises UnicodeDecodeError)."""
    return LibraryError(f"{path} is damaged: some of what it holds is no longer readable "
                        "text (`newsreader check` tells what)")


def translate(error: sqlite3.Error, path: Path | str) -> LibraryError:
    """Turn an SQLite error into a LibraryError whose message a person can act on."""
    message = str(error)
    if "Could not decode" in message:  # the stored text, damaged, is not UTF-8
        return damaged_text(path)
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
