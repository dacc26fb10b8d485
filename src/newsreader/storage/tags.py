"""Tags on articles: ``library.tags``."""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.domain.sanitize import collapse_whitespace
from newsreader.storage.errors import LibraryError, NotFoundError
from newsreader.storage.store import Store

_BATCH = 500  # ids per query: under SQLite's limit on bound parameters


class Tags:
    """Reading and changing the tags of articles. Names compare without regard to case."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def of(self, article_id: int) -> list[str]:
        """An article's tags, alphabetically."""
        rows = self._store.rows(
            "SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id "
            "WHERE at.article_id = ? ORDER BY t.name COLLATE NOCASE", [article_id])
        return [row["name"] for row in rows]

    def of_each(self, article_ids: Sequence[int]) -> dict[int, list[str]]:
        """The tags of several articles at once (a page of the list), alphabetically each."""
        found: dict[int, list[str]] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start:start + _BATCH]
            rows = self._store.rows(
                f"SELECT at.article_id AS id, t.name FROM article_tags at JOIN tags t "
                f"ON t.id = at.tag_id WHERE at.article_id IN ({', '.join('?' * len(chunk))}) "
                f"ORDER BY t.name COLLATE NOCASE", chunk)
            for row in rows:
                found.setdefault(row["id"], []).append(row["name"])
        return found

    def in_use(self) -> list[str]:
        """Every tag on at least one article, alphabetically (for completion)."""
        rows = self._store.rows("SELECT DISTINCT t.name FROM tags t JOIN article_tags at "
                                "ON at.tag_id = t.id ORDER BY t.name COLLATE NOCASE")
        return [row["name"] for row in rows]

    def counts(self) -> list[tuple[str, int]]:
        """Every tag on at least one article with how many articles (archived ones too)
        carry it, alphabetically."""
        rows = self._store.rows(
            "SELECT t.name, count(*) AS n FROM tags t JOIN article_tags at ON at.tag_id = t.id "
            "GROUP BY t.id ORDER BY t.name COLLATE NOCASE")
        return [(row["name"], row["n"]) for row in rows]

    def update(self, article_id: int, add: Sequence[str] = (),
               remove: Sequence[str] = ()) -> list[str]:
        """Add and remove tags on an article in one transaction; returns the tags after."""
        names_to_add = [_tag_name(name) for name in add]
        with self._store.write() as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is None:
                raise NotFoundError(f"no article with id {article_id}")
            for name in names_to_add:
                # The name column compares without case: "Python" finds the tag "python".
                tag_id = self._store.table("tags").lookup({"name": name})
                self._store.table("article_tags").insert(
                    {"article_id": article_id, "tag_id": tag_id}, ignore=True)
            for name in remove:
                db.execute("DELETE FROM article_tags WHERE article_id = ? AND tag_id IN "
                           "(SELECT id FROM tags WHERE name = ?)",
                           [article_id, collapse_whitespace(name)])
        return self.of(article_id)


def _tag_name(name: str) -> str:
    # Sanitised like article text: a tag is printed by the CLI and shown in the TUI.
    name = collapse_whitespace(name)
    if not name or len(name) > 64 or name.startswith("-"):
        raise LibraryError(f"{name!r} is not a usable tag (1-64 characters, not starting with -)")
    return name
