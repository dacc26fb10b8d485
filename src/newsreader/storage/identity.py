"""Whether a file is a newsreader library, may become one, or belongs to another program.

A library is marked with ``PRAGMA application_id``; one written before the mark existed
is recognised by its schema version and tables. The file is looked at without being
changed: read-only, and as immutable unless its write-ahead log is already there, because
SQLite creates ``-wal`` and ``-shm`` files beside a WAL database it merely reads.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path

from newsreader.storage.connection import BUSY_TIMEOUT_MS, damaged_text, translate
from newsreader.storage.errors import LibraryError

APPLICATION_ID = 0x4E775264  # "NwRd" in ASCII
SQLITE_HEADER = b"SQLite format 3\x00"
# The tables of schema step 1: a file with these and a schema version is a library
# written before libraries were marked.
FIRST_TABLES = frozenset({
    "articles", "revisions", "highlights", "anchors", "notes", "tags", "article_tags",
    "article_counts", "settings", "articles_fts", "highlights_fts",
})


class Kind(Enum):
    """What a path holds, as far as opening a library is concerned."""

    MISSING = "missing"
    EMPTY = "empty"
    LIBRARY = "library"
    FOREIGN = "foreign"


def claim(path: Path, *, create: bool) -> None:
    """Raise LibraryError unless ``path`` is a library, or (with ``create``) may become one.

    Nothing is written: a refused file is left byte for byte as it was.
    """
    kind = inspect(path)
    if kind is Kind.FOREIGN:
        raise LibraryError(f"{path} is not a newsreader library (it holds another program's "
                           f"data); it was left untouched")
    if kind is not Kind.LIBRARY and not create:
        raise LibraryError(f"there is no library at {path}: check the path "
                           f"(adding an article starts a library there)")


def inspect(path: Path) -> Kind:
    """What ``path`` holds: nothing, an empty database, a library, or another's database."""
    try:
        if path.is_dir():
            raise LibraryError(f"{path} is a folder, not a library file")
        if not path.exists():
            return Kind.MISSING
        if path.stat().st_size == 0:
            return Kind.EMPTY
        with path.open("rb") as file:
            # SQLite would take a file too short for its header for an empty database and
            # write over it: whatever else is in the file belongs to someone else.
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise LibraryError(f"cannot open {path}: {error.strerror or error}") from None
    if header != SQLITE_HEADER:
        raise LibraryError(f"{path} is damaged or is not a newsreader library (it is not an "
                           f"SQLite database); it was left untouched")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            anything = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise translate(error, path) from None
    except UnicodeDecodeError:
        raise damaged_text(path) from None
    return _kind(application_id, version, tables, anything > 0)


def _kind(application_id: int, version: int, tables: set[str], anything: bool) -> Kind:
    if application_id == APPLICATION_ID:
        return Kind.LIBRARY
    if application_id != 0:
        return Kind.FOREIGN
    if not anything and version == 0:
        return Kind.EMPTY
    if version >= 1 and tables >= FIRST_TABLES:
        return Kind.LIBRARY
    return Kind.FOREIGN


def _read_only_uri(path: Path) -> str:
    uri = path.absolute().as_uri()
    log_present = Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    # With its log present the file may be in use: read it through the log, as SQLite
    # does. Without, the file alone holds everything, and immutable creates no log.
    return f"{uri}?mode=ro" if log_present else f"{uri}?immutable=1"
