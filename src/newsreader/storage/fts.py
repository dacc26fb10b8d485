"""Keeping the full-text indexes in step: called inside the transaction of every change."""

from __future__ import annotations

from sqlite3 import Connection


def refresh_article(db: Connection, article_id: int) -> None:
    """Re-index an article's metadata, current text and article-level notes."""
    db.execute("DELETE FROM articles_fts WHERE rowid = ?", [article_id])
    db.execute(
        "INSERT INTO articles_fts (rowid, title, dek, byline, site, text, notes) "
        "SELECT a.id, a.title, a.dek, a.byline, a.site, r.text, coalesce((SELECT "
        "group_concat(n.body, char(10)) FROM notes n WHERE n.article_id = a.id "
        "AND n.highlight_id IS NULL), '') FROM articles a JOIN revisions r "
        "ON r.id = a.current_revision_id WHERE a.id = ?",
        [article_id],
    )


def refresh_highlight(db: Connection, highlight_id: int) -> None:
    """Re-index a highlight's quote and notes; a deleted highlight leaves the index."""
    db.execute("DELETE FROM highlights_fts WHERE rowid = ?", [highlight_id])
    db.execute(
        "INSERT INTO highlights_fts (rowid, exact, notes) SELECT h.id, h.exact, "
        "coalesce((SELECT group_concat(body, char(10)) FROM notes WHERE highlight_id = h.id),"
        " '') FROM highlights h WHERE h.id = ? AND h.deleted_at IS NULL",
        [highlight_id],
    )


def forget_article(db: Connection, article_id: int, highlight_ids: list[int]) -> None:
    """Remove a deleted article and its highlights from the indexes."""
    db.execute("DELETE FROM articles_fts WHERE rowid = ?", [article_id])
    for highlight_id in highlight_ids:
        db.execute("DELETE FROM highlights_fts WHERE rowid = ?", [highlight_id])
