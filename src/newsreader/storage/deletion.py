"""Deleting an article so that it can be brought back: ``library.deletions``.

The library screen deletes with an undo key. The article's rows (the article, its
revisions, highlights, placements, notes and tag links) are read inside the transaction
that deletes them and handed back; undoing writes those same rows again, ids and all, in
one transaction. Nothing is kept in the database meanwhile, so a deleted article is gone
for every other reader at once, as ``newsreader delete`` makes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsreader.storage import fts
from newsreader.storage.errors import LibraryError, NotFoundError
from newsreader.storage.store import Store, dict_rows

Rows = list[dict[str, Any]]

# In the order they are written back: each row after the rows it refers to.
_ROWS: tuple[tuple[str, str], ...] = (
    ("articles", "SELECT * FROM articles WHERE id = ?"),
    ("revisions", "SELECT * FROM revisions WHERE article_id = ? ORDER BY id"),
    ("tags", "SELECT t.* FROM tags t JOIN article_tags x ON x.tag_id = t.id "
             "WHERE x.article_id = ?"),
    ("article_tags", "SELECT * FROM article_tags WHERE article_id = ?"),
    ("highlights", "SELECT * FROM highlights WHERE article_id = ? ORDER BY id"),
    ("anchors", "SELECT x.* FROM anchors x JOIN highlights h ON h.id = x.highlight_id "
                "WHERE h.article_id = ?"),
    ("notes", "SELECT * FROM notes WHERE article_id = ? ORDER BY id"),
)


@dataclass(frozen=True)
class DeletedArticle:
    """An article as it was when deleted: what :meth:`Deletions.restore` writes back."""

    article_id: int
    title: str
    rows: dict[str, Rows] = field(repr=False)


class Deletions:
    """Deleting articles with a way back: ``library.deletions``."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def delete(self, article_id: int) -> DeletedArticle:
        """Delete an article with its revisions, highlights and notes (one transaction),
        returning its rows; NotFoundError if there is no such article."""
        with self._store.write() as db:
            rows = {table: dict_rows(db, sql, [article_id]) for table, sql in _ROWS}
            if not rows["articles"]:
                raise NotFoundError(f"no article with id {article_id}")
            db.execute("DELETE FROM articles WHERE id = ?", [article_id])
            fts.forget_article(db, article_id, [row["id"] for row in rows["highlights"]])
        return DeletedArticle(article_id, str(rows["articles"][0]["title"]), rows)

    def restore(self, deleted: DeletedArticle) -> None:
        """Write a deleted article back as it was, in one transaction.

        LibraryError if it cannot be (its id was taken meanwhile by a new article).
        """
        try:
            with self._store.write() as db:
                for table, _ in _ROWS:
                    verb = "INSERT OR IGNORE" if table == "tags" else "INSERT"
                    for row in deleted.rows[table]:
                        columns = ", ".join(f'"{name}"' for name in row)
                        marks = ", ".join("?" for _ in row)
                        db.execute(f'{verb} INTO "{table}" ({columns}) VALUES ({marks})',
                                   list(row.values()))
                fts.refresh_article(db, deleted.article_id)
                for row in deleted.rows["highlights"]:
                    fts.refresh_highlight(db, row["id"])
        except LibraryError as error:
            raise LibraryError(f"the article could not be brought back: {error}") from None
