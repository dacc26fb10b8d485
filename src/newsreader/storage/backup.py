"""Every row of the library out, and back into an empty library: ``library.backup``.

The JSON encoding lives in ``newsreader.exporting.backup``; this module only reads and
writes rows.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator

from newsreader.storage import fts
from newsreader.storage.connection import translate
from newsreader.storage.errors import LibraryError
from newsreader.storage.migrations import MIGRATIONS
from newsreader.storage.originals import DamagedOriginalError, pack, unpack
from newsreader.storage.store import Row, Store

# Tables whose rows travel inside their article's record, with the query that selects them.
_PER_ARTICLE: dict[str, str] = {
    "revisions": "SELECT * FROM revisions WHERE article_id IN ({ids}) ORDER BY id",
    "highlights": "SELECT * FROM highlights WHERE article_id IN ({ids}) ORDER BY id",
    "anchors": "SELECT x.*, h.article_id AS _article_id FROM anchors x JOIN highlights h "
               "ON h.id = x.highlight_id WHERE h.article_id IN ({ids}) "
               "ORDER BY x.highlight_id, x.revision_id",
    "notes": "SELECT * FROM notes WHERE article_id IN ({ids}) ORDER BY id",
    "article_tags": "SELECT * FROM article_tags WHERE article_id IN ({ids}) "
                    "ORDER BY article_id, tag_id",
}
_UPSERT_TABLES = frozenset({"settings"})
# Tables that hold what the user made: never treated as derived, even if a trigger writes them.
_PRIMARY = frozenset({"articles", "tags", "settings", "pending", "feeds", "feed_entries",
                      *_PER_ARTICLE})
_TRIGGER_TARGET = re.compile(
    r"\b(?:UPDATE(?:\s+OR\s+\w+)?|INSERT(?:\s+OR\s+\w+)?\s+INTO|DELETE\s+FROM|REPLACE\s+INTO)"
    r"\s+[\"`\[]?(\w+)", re.IGNORECASE)  # program state: restored over what is there
_BATCH = 200


class Backup:
    """Dump and load every table: what a backup file holds.

    Restore writes with sqlite-utils (``insert_all``, upserts for settings) and reads the
    schema through it; the rows themselves are read with plain SQL.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def schema_version(self) -> int:
        """The number of schema steps applied to this library."""
        return int(self._store.rows("PRAGMA user_version")[0]["user_version"])

    def records(self) -> Iterator[Row]:
        """Every row of the library as records, in an order that reproduces it exactly.

        First ``{"table": name, "row": {...}}`` for each table that is not an article's
        (tags, settings, pending, feeds, feed_entries, and any table a later schema adds;
        a feed entry names its article before the article's line: :meth:`restore` checks
        references only once every row is in), then one
        ``{"article": {...}, "revisions": [...], "highlights": [...], ...}`` per article.
        Values are as SQLite returns them (``bytes`` for blobs), except each revision's
        original, which is unpacked: a backup holds the bytes as they were imported, however
        the library stores them. Full-text tables are left out: they are rebuilt on restore.
        """
        for table in self.tables():
            if table == "articles" or table in _PER_ARTICLE:
                continue
            order = self._order_by(table)
            for row in self._store.rows(f'SELECT * FROM "{table}" ORDER BY {order}'):
                yield {"table": table, "row": row}
        ids = [row["id"] for row in self._store.rows("SELECT id FROM articles ORDER BY id")]
        for begin in range(0, len(ids), _BATCH):
            yield from self._article_records(ids[begin : begin + _BATCH])

    def _article_records(self, ids: list[int]) -> Iterator[Row]:
        marks = ",".join("?" * len(ids))
        articles = self._store.rows(
            f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY id", ids)
        grouped: dict[str, dict[int, list[Row]]] = {}
        for table, sql in _PER_ARTICLE.items():
            by_article: dict[int, list[Row]] = {}
            for row in self._store.rows(sql.format(ids=marks), ids):
                owner = row.pop("_article_id", None) or row["article_id"]
                if table == "revisions":
                    row["original"] = _unpacked(owner, row["original"])
                by_article.setdefault(owner, []).append(row)
            grouped[table] = by_article
        for article in articles:
            record: Row = {"article": article}
            for table in _PER_ARTICLE:
                record[table] = grouped[table].get(article["id"], [])
            yield record

    def restore(self, records: Iterable[Row], *, schema: int) -> int:
        """Load :meth:`records` output into this library, which must be empty.

        The records are expected to have been checked already
        (``newsreader.exporting.backup_check``); what SQLite still refuses becomes a
        LibraryError. One transaction: on any error nothing is restored. Ids, uids and
        bytes are kept; the full-text tables are rebuilt. Returns how many articles were
        restored.
        """
        if schema > len(MIGRATIONS):
            raise LibraryError(
                f"the backup was made by a newer newsreader (schema {schema}, this one knows "
                f"{len(MIGRATIONS)}); upgrade newsreader to restore it")
        count = 0
        with self._store.write() as db:
            self._check_empty()
            db.execute("PRAGMA defer_foreign_keys = ON")
            columns = {table: self._columns(table) for table in self.tables()}
            try:
                for record in records:
                    if "article" in record:
                        self._insert(columns, "articles", [record["article"]])
                        for table in _PER_ARTICLE:
                            self._insert(columns, table, record.get(table) or [])
                        count += 1
                    elif "table" in record:
                        self._insert(columns, str(record["table"]), [record["row"]])
                    else:
                        raise LibraryError("the backup holds a record of an unknown kind")
                # Checked here as well as before: a dangling reference would otherwise
                # surface at COMMIT as a bare "FOREIGN KEY constraint failed".
                dangling = db.execute("PRAGMA foreign_key_check").fetchone()
                if dangling is not None:
                    raise LibraryError(
                        f"the backup is inconsistent: a row of {dangling[0]} refers to a row "
                        f"of {dangling[2]} that the backup does not hold")
                self._rebuild_fts()
            except sqlite3.IntegrityError as error:
                raise LibraryError(f"the backup is inconsistent: {error}") from None
            except (KeyError, TypeError, AttributeError, ValueError, OverflowError) as error:
                raise LibraryError(f"the backup is damaged ({error!r})") from None
        return count

    def _check_empty(self) -> None:
        for table in self.tables():
            if table in _UPSERT_TABLES:
                continue
            if self._store.conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
                raise LibraryError(
                    "restore needs an empty library, and this one already holds data; "
                    "restore into a new file with --db PATH")

    def _insert(self, columns: dict[str, list[str]], table: str, rows: list[Row]) -> None:
        if table not in columns:
            raise LibraryError(f"the backup has a table this library does not know: {table!r}")
        known = set(columns[table])
        for row in rows:
            unknown = set(row) - known
            if unknown:
                raise LibraryError(f"the backup has unknown columns in {table}: "
                                   f"{', '.join(sorted(unknown))}")
        if table == "revisions":
            rows = [{**row, "original": pack(row["original"])} for row in rows]
        # Inside the restore's transaction: sqlite-utils nests its own as a savepoint.
        self._store.db.table(table).insert_all(rows, replace=table in _UPSERT_TABLES)

    def _rebuild_fts(self) -> None:
        self._store.conn.execute("DELETE FROM articles_fts")
        self._store.conn.execute("DELETE FROM highlights_fts")
        for (article_id,) in self._store.conn.execute("SELECT id FROM articles").fetchall():
            fts.refresh_article(self._store.conn, article_id)
        for (highlight_id,) in self._store.conn.execute(
                "SELECT id FROM highlights WHERE deleted_at IS NULL").fetchall():
            fts.refresh_highlight(self._store.conn, highlight_id)

    # -- schema introspection ------------------------------------------------------------------

    def tables(self) -> list[str]:
        """The tables a backup holds, in creation order: those that hold data.

        Left out: SQLite internals, full-text tables (rebuilt on restore) and tables that
        triggers keep up to date, such as counts (the triggers rebuild them on restore).
        """
        try:
            rows = self._store.conn.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') "
                "ORDER BY rowid"
            ).fetchall()
        except sqlite3.Error as error:
            raise translate(error, self._store.path) from None
        tables = [(name, sql or "") for kind, name, sql in rows if kind == "table"]
        virtual = [name for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
        derived = {match.lower() for kind, _, sql in rows if kind == "trigger"
                   for match in _TRIGGER_TARGET.findall(sql or "")} - _PRIMARY
        return [
            name for name, _ in tables
            if not name.startswith("sqlite_") and name not in virtual
            and name.lower() not in derived
            and not any(name.startswith(f"{v}_") for v in virtual)
        ]

    def _columns(self, table: str) -> list[str]:
        return [column.name for column in self._store.db.table(table).columns]

    def _order_by(self, table: str) -> str:
        return ", ".join(f'"{key}"' for key in self._store.db.table(table).pks)


def _unpacked(article_id: int, blob: bytes) -> bytes:
    try:
        return unpack(blob)
    except DamagedOriginalError as error:
        raise LibraryError(f"cannot back up article {article_id}: {error} (`newsreader "
                           "check` lists every revision like it)") from None
