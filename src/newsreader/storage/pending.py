"""Addresses waiting to be fetched: ``library.pending``.

An export from a read-it-later service (Pocket, Instapaper, Readwise Reader) often holds
only a URL, a title and tags. Those are kept here, apart from the articles (which always
have a text), until they are fetched; the list and the reader never see them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from sqlite3 import Connection

from newsreader.domain.sanitize import collapse_whitespace, sanitize
from newsreader.storage.store import Row, Store


@dataclass(frozen=True)
class PendingUrl:
    """One address to fetch later, with what the service it came from knew about it.

    ``key`` is the normalised URL that tells two spellings of one address apart from two
    addresses; ``origin`` names the format it was imported from.
    """

    key: str
    url: str
    origin: str
    title: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    saved: str | None = None
    archived: bool = False
    favourite: bool = False
    id: int | None = None
    added: str | None = None


class Pending:
    """The addresses waiting to be fetched. Each change is one transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, item: PendingUrl) -> bool:
        """Keep an address to fetch later; False (and nothing written) if it is already kept."""
        return self.add_many([item])[0]

    def add_many(self, items: Sequence[PendingUrl]) -> list[bool]:
        """Keep several addresses in one transaction (an export can hold thousands, and
        each holds no text to clean); for each, whether it was new."""
        added = []
        with self._store.write() as db:
            now = self._store.clock()
            for item in items:
                tags = [collapse_whitespace(tag) for tag in item.tags]
                cursor = db.execute(
                    "INSERT OR IGNORE INTO pending (key, url, title, tags, note, saved_at, "
                    "archived, favourite, origin, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [item.key, sanitize(item.url), _text(item.title),
                     json.dumps([tag for tag in tags if tag], ensure_ascii=False),
                     _text(item.note), item.saved, int(item.archived), int(item.favourite),
                     item.origin, now],
                )
                added.append(cursor.rowcount > 0)
        return added

    def all(self) -> list[PendingUrl]:
        """Every address waiting, oldest first."""
        return [_pending(row) for row in self._store.rows("SELECT * FROM pending ORDER BY id")]

    def count(self) -> int:
        """How many addresses are waiting."""
        return int(self._store.rows("SELECT count(*) AS n FROM pending")[0]["n"])

    def remove(self, key: str) -> PendingUrl | None:
        """Stop waiting for the address with this normalised key (it was fetched, or
        arrived with its text); what was kept about it, or None if it was not waiting."""
        with self._store.write() as db:
            return take(db, key)


def take(db: Connection, key: str) -> PendingUrl | None:
    """Inside a write transaction: remove the address with this key from the waiting
    list and return what was kept about it (its tags, flags, note), for the article
    that now holds its text to carry over; None if it was not waiting."""
    cursor = db.execute("SELECT * FROM pending WHERE key = ?", [key])
    row = cursor.fetchone()
    if row is None:
        return None
    db.execute("DELETE FROM pending WHERE key = ?", [key])
    names = [column[0] for column in cursor.description]
    return _pending(dict(zip(names, row, strict=True)))

    def remove(self, key: str) -> None:
        """Forget an address (it was fetched and is an article now)."""
        with self._store.write() as db:
            db.execute("DELETE FROM pending WHERE key = ?", [key])


def _text(value: str | None) -> str | None:
    # Sanitised as notes are: a title or a selection is printed by the CLI.
    return sanitize(value) if value else None


def _pending(row: Row) -> PendingUrl:
    try:
        tags = tuple(str(tag) for tag in json.loads(row["tags"]))
    except (ValueError, TypeError):
        tags = ()
    return PendingUrl(key=row["key"], url=row["url"], origin=row["origin"], title=row["title"],
                      tags=tags, note=row["note"], saved=row["saved_at"],
                      archived=bool(row["archived"]), favourite=bool(row["favourite"]),
                      id=row["id"], added=row["added_at"])
