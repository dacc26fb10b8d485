"""The feeds followed and the entries seen in them: ``library.feeds``.

A feed keeps what a conditional fetch needs (its ETag and Last-Modified) and how its last
fetch went. Each entry seen is kept by its key (guid or link) so that the next fetch adds
only what is new; an entry that became an article links the article to its feed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.domain.sanitize import collapse_whitespace, sanitize
from newsreader.storage.errors import NotFoundError
from newsreader.storage.store import Row, Store

_FEED_COLUMNS = """
    f.*, (SELECT count(*) FROM feed_entries e JOIN articles a ON a.id = e.article_id
          WHERE e.feed_id = f.id AND a.read = 0 AND a.archived = 0) AS unread
"""


@dataclass(frozen=True)
class Feed:
    """A feed followed, with its unread articles counted."""

    id: int
    url: str
    title: str | None
    site_url: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: str | None
    last_result: str | None
    failed: bool
    added_at: str
    unread: int = 0

    @property
    def name(self) -> str:
        """What to call the feed: its title, or its address."""
        return self.title or self.url


class Feeds:
    """The feeds followed. Each change is one transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, url: str, *, title: str | None = None,
            site_url: str | None = None) -> tuple[Feed, bool]:
        """Follow a feed; the feed and whether it was new (a feed followed already is
        returned as it is)."""
        with self._store.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO feeds (url, title, site_url, added_at) VALUES (?, ?, ?, ?)",
                [sanitize(url), _text(title), _text(site_url), self._store.clock()])
            new = db.execute("SELECT changes()").fetchone()[0] > 0
        found = self.find(url)
        assert found is not None
        return found, new

    def all(self) -> list[Feed]:
        """Every feed followed, by name."""
        return [_feed(row) for row in self._store.rows(
            f"SELECT {_FEED_COLUMNS} FROM feeds f ORDER BY coalesce(f.title, f.url) "
            "COLLATE NOCASE, f.id")]

    def get(self, feed_id: int) -> Feed:
        """The feed with this id; NotFoundError if there is none."""
        rows = self._store.rows(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.id = ?",
                                [feed_id])
        if not rows:
            raise NotFoundError(f"no feed with id {feed_id}")
        return _feed(rows[0])

    def find(self, name: str) -> Feed | None:
        """The feed an argument names: its id, its address, or its title (any case)."""
        if name.isdigit():
            rows = self._store.rows(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.id = ?",
                                    [int(name)])
            if rows:
                return _feed(rows[0])
        rows = self._store.rows(
            f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.url = ? OR f.title = ? "
            "COLLATE NOCASE ORDER BY f.url = ? DESC, f.id LIMIT 1", [name, name, name])
        return _feed(rows[0]) if rows else None

    def remove(self, feed_id: int) -> None:
        """Stop following a feed; its articles stay in the library."""
        with self._store.write() as db:
            if db.execute("DELETE FROM feeds WHERE id = ?", [feed_id]).rowcount == 0:
                raise NotFoundError(f"no feed with id {feed_id}")

    def record_fetch(self, feed_id: int, result: str, *, failed: bool = False,
                     etag: str | None = None, last_modified: str | None = None,
                     title: str | None = None, site_url: str | None = None) -> None:
        """Remember how a fetch went; validators and names are kept unless new ones are
        given (a failed fetch keeps the ones that came before)."""
        with self._store.write() as db:
            db.execute(
                "UPDATE feeds SET fetched_at = ?, last_result = ?, failed = ?, "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
                "title = coalesce(title, ?), site_url = coalesce(site_url, ?) WHERE id = ?",
                [self._store.clock(), sanitize(result), int(failed), etag, last_modified,
                 _text(title), _text(site_url), feed_id])

    def seen(self, feed_id: int) -> set[str]:
        """The keys of the entries already seen in a feed."""
        return {row["key"] for row in self._store.rows(
            "SELECT key FROM feed_entries WHERE feed_id = ?", [feed_id])}

    def mark_seen(self, feed_id: int, entries: Iterable[tuple[str, int | None]]) -> None:
        """Remember entries as seen, each key with the article it became (or None), in one
        transaction."""
        with self._store.write() as db:
            now = self._store.clock()
            db.executemany(
                "INSERT INTO feed_entries (feed_id, key, article_id, seen_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (feed_id, key) DO UPDATE SET "
                "article_id = coalesce(excluded.article_id, article_id)",
                [(feed_id, key, article_id, now) for key, article_id in entries])

    def article_ids(self, feed_id: int) -> list[int]:
        """The articles that came from a feed, newest first."""
        return [row["article_id"] for row in self._store.rows(
            "SELECT DISTINCT e.article_id FROM feed_entries e JOIN articles a "
            "ON a.id = e.article_id WHERE e.feed_id = ? ORDER BY a.saved_at DESC, a.id DESC",
            [feed_id])]


def _text(value: str | None) -> str | None:
    # Titles and addresses from a feed are printed by the CLI: sanitised as notes are.
    return collapse_whitespace(value) or None if value else None


def _feed(row: Row) -> Feed:
    return Feed(id=row["id"], url=row["url"], title=row["title"], site_url=row["site_url"],
                etag=row["etag"], last_modified=row["last_modified"],
                fetched_at=row["fetched_at"], last_result=row["last_result"],
                failed=bool(row["failed"]), added_at=row["added_at"],
                unread=int(row["unread"] or 0))
