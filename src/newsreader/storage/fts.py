"""Keeping the full-text indexes in step: called inside the transaction of every change."""

from __future__ import annotations

from sqlite3 import Connection

# What each index holds: an article with a current revision, a highlight not deleted.
_INDEX_ARTICLES = (
    "INSERT INTO articles_fts (rowid, title, dek, byline, site, text, notes) "
    "SELECT a.id, a.title, a.dek, a.byline, a.site, r.text, coalesce((SELECT "
    "group_concat(n.body, char(10)) FROM notes n WHERE n.article_id = a.id "
    "AND n.highlight_id IS NULL), '') FROM articles a JOIN revisions r "
    "ON r.id = a.current_revision_id"
)
_INDEX_HIGHLIGHTS = (
    "INSERT INTO highlights_fts (rowid, exact, notes) SELECT h.id, h.exact, "
    "coalesce((SELECT group_concat(body, char(10)) FROM notes WHERE highlight_id = h.id),"
    " '') FROM highlights h WHERE h.deleted_at IS NULL"
)


def refresh_article(db: Connection, article_id: int) -> None:
    """Re-index an article's metadata, current text and article-level notes."""
    db.execute("DELETE FROM articles_fts WHERE rowid = ?", [article_id])
    db.execute(f"{_INDEX_ARTICLES} WHERE a.id = ?", [article_id])


def refresh_highlight(db: Connection, highlight_id: int) -> None:
    """Re-index a highlight's quote and notes; a deleted highlight leaves the index."""
    db.execute("DELETE FROM highlights_fts WHERE rowid = ?", [highlight_id])
    db.execute(f"{_INDEX_HIGHLIGHTS} AND h.id = ?", [highlight_id])


def rebuild(db: Connection) -> None:
    """Index every article and highlight afresh (``newsreader check --repair``)."""
    db.execute("DELETE FROM articles_fts")
    db.execute(_INDEX_ARTICLES)
    db.execute("DELETE FROM highlights_fts")
    db.execute(_INDEX_HIGHLIGHTS)


def missing_and_stray(db: Connection) -> dict[str, tuple[list[int], list[int]]]:
    """For each index, the ids it should hold but does not, and the rowids it holds for
    nothing (an article or highlight gone)."""
    expected = {
        "articles_fts": "SELECT a.id FROM articles a JOIN revisions r "
                        "ON r.id = a.current_revision_id",
        "highlights_fts": "SELECT id FROM highlights WHERE deleted_at IS NULL",
    }
    found: dict[str, tuple[list[int], list[int]]] = {}
    for index, should in expected.items():
        missing = [row[0] for row in db.execute(
            f"{should} EXCEPT SELECT rowid FROM {index} ORDER BY 1")]
        stray = [row[0] for row in db.execute(
            f"SELECT rowid FROM {index} EXCEPT {should} ORDER BY 1")]
        found[index] = (missing, stray)
    return found


def forget_article(db: Connection, article_id: int, highlight_ids: list[int]) -> None:
    """Remove a deleted article and its highlights from the indexes."""
    db.execute("DELETE FROM articles_fts WHERE rowid = ?", [article_id])
    for highlight_id in highlight_ids:
        db.execute("DELETE FROM highlights_fts WHERE rowid = ?", [highlight_id])
