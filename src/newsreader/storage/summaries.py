"""The one-line view of an article that lists and search results show, read from its row."""

from __future__ import annotations

from typing import Any

from newsreader.domain.models import ArticleSummary

SUMMARY_COLUMNS = (
    "a.id, a.title, a.site, a.source, a.saved_at, a.published, a.read, a.highlight_count, "
    "a.archived, a.favourite, a.word_count"
)


def summary(row: dict[str, Any]) -> ArticleSummary:
    """An ArticleSummary from a row selected with SUMMARY_COLUMNS."""
    return ArticleSummary(
        id=row["id"], title=row["title"], site=row["site"], source=row["source"],
        saved=row["saved_at"], published=row["published"], read=bool(row["read"]),
        highlight_count=row["highlight_count"], archived=bool(row["archived"]),
        favourite=bool(row["favourite"]), word_count=row["word_count"],
    )


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching ``text`` anywhere, wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
