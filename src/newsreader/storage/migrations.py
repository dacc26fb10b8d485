"""Append-only schema steps, and the upgrade that applies the ones a file has not had.

``PRAGMA user_version`` holds the number of steps applied. Never edit a released step: add a
new one. The first step is the SQL it was released as, so that a library created today has
exactly the schema of one created by the first release and upgraded since.

A later step is SQL too when SQL can say it (``ALTER TABLE`` adds, renames and drops
columns), or a function given the connection, for work SQL cannot do (compressing every
original). A step that must change a column in place, which SQLite cannot, wraps the
connection in a sqlite-utils ``Database`` and uses ``db["table"].transform(...)`` (it copies
the table into its new shape and keeps its indexes, but not its triggers: a step that
transforms ``articles`` creates the counting triggers of steps 1 and 8 again). A new
library runs every step, so a step is written to cost nothing on empty tables. On an
existing library each step runs in its own transaction with foreign keys switched off, as
SQLite advises for schema changes, and is checked with ``PRAGMA foreign_key_check``
before it commits. A new library runs them all in one such transaction: it is made whole
or not at all, and with one commit (one flush to disk instead of one per step).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from newsreader.storage.connection import begin_immediate, translate
from newsreader.storage.errors import LibraryError
from newsreader.storage.identity import APPLICATION_ID
from newsreader.storage.originals import pack

Step = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: tuple[Step, ...] = (
    # 1: the whole shape of the library (see ARCHITECTURE.md), so later features add
    # behaviour, not rewrites.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        title TEXT NOT NULL,
        dek TEXT,
        byline TEXT,
        published TEXT,
        url TEXT,
        site TEXT,
        saved_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        favourite INTEGER NOT NULL DEFAULT 0,
        reading_position INTEGER NOT NULL DEFAULT 0,
        current_revision_id INTEGER,
        highlight_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_saved ON articles(saved_at DESC, id DESC);
    CREATE INDEX articles_published ON articles(published DESC, id DESC);
    CREATE INDEX articles_title ON articles(title COLLATE NOCASE, id);

    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        source TEXT NOT NULL,
        media_type TEXT NOT NULL,
        cleaner_version TEXT NOT NULL,
        original BLOB NOT NULL,
        text TEXT NOT NULL,
        markdown TEXT NOT NULL,
        structure TEXT NOT NULL
    );
    CREATE INDEX revisions_article ON revisions(article_id, id);
    CREATE INDEX revisions_hash ON revisions(content_hash);

    CREATE TABLE highlights (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        revision_id INTEGER NOT NULL REFERENCES revisions(id),
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        color TEXT NOT NULL DEFAULT 'yellow',
        block_key TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX highlights_article ON highlights(article_id);

    CREATE TABLE anchors (
        highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
        revision_id INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
        start INTEGER,
        "end" INTEGER,
        method TEXT NOT NULL,
        score REAL,
        PRIMARY KEY (highlight_id, revision_id)
    );

    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        highlight_id INTEGER REFERENCES highlights(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX notes_article ON notes(article_id);
    CREATE INDEX notes_highlight ON notes(highlight_id);

    CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );
    CREATE TABLE article_tags (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, tag_id)
    );

    -- Counted by triggers so that opening a library of any size costs the same.
    CREATE TABLE article_counts (
        archived INTEGER PRIMARY KEY,
        n INTEGER NOT NULL
    );
    INSERT INTO article_counts (archived, n) VALUES (0, 0), (1, 0);
    CREATE TRIGGER articles_counted_in AFTER INSERT ON articles BEGIN
        UPDATE article_counts SET n = n + 1 WHERE archived = NEW.archived;
    END;
    CREATE TRIGGER articles_counted_out AFTER DELETE ON articles BEGIN
        UPDATE article_counts SET n = n - 1 WHERE archived = OLD.archived;
    END;
    CREATE TRIGGER articles_counted_move AFTER UPDATE OF archived ON articles
    WHEN OLD.archived != NEW.archived BEGIN
        UPDATE article_counts SET n = n - 1 WHERE archived = OLD.archived;
        UPDATE article_counts SET n = n + 1 WHERE archived = NEW.archived;
    END;

    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, dek, byline, site, text, notes, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE highlights_fts USING fts5(
        exact, notes, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 2: the mark that tells a library from another program's database (storage/identity.py).
    f"PRAGMA application_id = {APPLICATION_ID};",
    # 3: the Markdown rendition is made at export time from the blocks and their marks
    # (exporting/rendition.py), so revisions no longer store it.
    "ALTER TABLE revisions DROP COLUMN markdown;",
    # 4: each article's word count (the list shows a reading time without loading texts),
    # and indexes that count unread and favourite articles without reading every row.
    lambda conn: _count_words(conn),
    # 5: originals are stored compressed (storage/originals.py).
    lambda conn: _pack_originals(conn),
    # 6: addresses imported from other tools without their text (a Pocket or Instapaper
    # export), kept to be fetched later (storage/pending.py); ``key`` is the normalised URL.
    """
    CREATE TABLE pending (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        title TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        note TEXT,
        saved_at TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        favourite INTEGER NOT NULL DEFAULT 0,
        origin TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    """,
    # 7: feeds followed (storage/feeds.py), and each entry seen in one, keyed by its guid or
    # link, so that a fetch adds only what is new; an entry's article links it to its feed
    # (kept as seen when the article is deleted, so that it does not come back).
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT,
        last_result TEXT,
        failed INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
    );
    CREATE TABLE feed_entries (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, key)
    );
    CREATE INDEX feed_entries_article ON feed_entries(article_id);
    """,
    # 8: the unread articles counted by triggers too, as step 1 counts all of them: the
    # library's header shows the unread count, and counting them took time in proportion
    # to the library's size.
    """
    ALTER TABLE article_counts ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
    UPDATE article_counts SET unread = (SELECT count(*) FROM articles a
        WHERE a.read = 0 AND a.archived = article_counts.archived);
    CREATE TRIGGER articles_counted_unread_in AFTER INSERT ON articles WHEN NEW.read = 0 BEGIN
        UPDATE article_counts SET unread = unread + 1 WHERE archived = NEW.archived;
    END;
    CREATE TRIGGER articles_counted_unread_out AFTER DELETE ON articles WHEN OLD.read = 0 BEGIN
        UPDATE article_counts SET unread = unread - 1 WHERE archived = OLD.archived;
    END;
    CREATE TRIGGER articles_counted_unread_move AFTER UPDATE OF read, archived ON articles
    WHEN OLD.read != NEW.read OR OLD.archived != NEW.archived BEGIN
        UPDATE article_counts SET unread = unread - (OLD.read = 0) WHERE archived = OLD.archived;
        UPDATE article_counts SET unread = unread + (NEW.read = 0) WHERE archived = NEW.archived;
    END;
    """,
)


def _count_words(conn: sqlite3.Connection) -> None:
    from newsreader.domain.reading_time import count_words

    conn.execute("ALTER TABLE articles ADD COLUMN word_count INTEGER")
    conn.create_function("newsreader_count_words", 1, count_words, deterministic=True)
    conn.execute("UPDATE articles SET word_count = (SELECT newsreader_count_words(r.text) "
                 "FROM revisions r WHERE r.id = articles.current_revision_id)")
    conn.execute("CREATE INDEX articles_unread ON articles(archived) WHERE read = 0")
    conn.execute("CREATE INDEX articles_favourite ON articles(archived) WHERE favourite = 1")


def _pack_originals(conn: sqlite3.Connection) -> None:
    # A few revisions at a time: originals can add up to more than memory holds.
    last = 0
    while True:
        rows = conn.execute("SELECT id, original FROM revisions WHERE id > ? ORDER BY id "
                            "LIMIT 50", [last]).fetchall()
        if not rows:
            return
        conn.executemany("UPDATE revisions SET original = ? WHERE id = ?",
                         [(pack(original), revision_id) for revision_id, original in rows])
        last = rows[-1][0]


def upgrade(conn: sqlite3.Connection, path: Path | str, *,
            on_upgrade: Callable[[], None] | None = None) -> None:
    """Apply the schema steps this file has not had yet: each in its own transaction, or
    all in one when the library is new.

    ``on_upgrade`` is called first when a library made by an earlier version is about to
    be upgraded (a large one takes a while, once), not when a new one is made.
    """
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise LibraryError(
                f"{path} was written by a newer newsreader (schema {version}, this one knows "
                f"{len(MIGRATIONS)}); upgrade newsreader to open it"
            )
        if on_upgrade is not None and 0 < version < len(MIGRATIONS):
            on_upgrade()
        steps = list(enumerate(MIGRATIONS, start=1))[version:]
        if version == 0:
            _apply(conn, steps)
        else:
            for step in steps:
                _apply(conn, [step])
    except sqlite3.DatabaseError as error:
        raise translate(error, path) from None


def _apply(conn: sqlite3.Connection, steps: list[tuple[int, Step]]) -> None:
    """Run ``steps`` in one transaction, each checked and counted in ``user_version``."""
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set it first
    try:
        begin_immediate(conn)
        try:
            for number, step in steps:
                if isinstance(step, str):
                    for statement in _statements(step):
                        conn.execute(statement)
                else:
                    step(conn)
                if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise LibraryError(f"schema step {number} left rows that break a foreign key")
                conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
