"""What a full listing adds to an article's one-line summary (``newsreader list --json``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.storage.store import Store

_BATCH = 500  # ids per query: under SQLite's limit on bound parameters


@dataclass(frozen=True)
class ArticleDetails:
    """An article's web address, author and reading position."""

    url: str | None
    byline: str | None
    reading_position: int


def read_details(store: Store, article_ids: Sequence[int]) -> dict[int, ArticleDetails]:
    """The details of these articles, by id (an id with no article is left out)."""
    found: dict[int, ArticleDetails] = {}
    ids = list(dict.fromkeys(article_ids))
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        rows = store.rows(
            "SELECT id, url, byline, reading_position FROM articles "
            f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        for row in rows:
            found[row["id"]] = ArticleDetails(url=row["url"], byline=row["byline"],
                                              reading_position=row["reading_position"])
    return found
