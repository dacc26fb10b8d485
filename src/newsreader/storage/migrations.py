"""Append-only schema steps. Never edit a released step: add a new one.

``PRAGMA user_version`` holds the number of steps applied.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the whole shape of DESIGN §6, so later features add behaviour, not rewrites.
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
)
