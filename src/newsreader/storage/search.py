"""Full-text search over articles and highlights: ``library.search``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from newsreader.domain.models import ArticleSummary
from newsreader.storage.connection import translate
from newsreader.storage.errors import LibraryError
from newsreader.storage.store import Store, dict_rows
from newsreader.storage.summaries import SUMMARY_COLUMNS, like_pattern, summary

if TYPE_CHECKING:
    from newsreader.domain.search_query import Query

MATCH_START, MATCH_END = "\x02", "\x03"  # never in stored text: the sanitiser removes controls
Scope = Literal["articles", "highlights"]
# Ranking every match of a very common word costs time in proportion to the library; past
# this many matches, the newest are ranked and older ones are left out.
RANKED_MATCHES = 2000
_WEIGHTS = "10.0, 4.0, 2.0, 2.0, 1.0, 1.0"  # title, dek, byline, site, text, notes


@dataclass(frozen=True)
class SearchHit:
    """One search result: an article, or a highlight in one, with a snippet of the match.

    In ``snippet`` the matched words sit between MATCH_START and MATCH_END.
    """

    kind: Scope
    article: ArticleSummary
    snippet: str
    highlight_id: int | None = None


def filters(query: Query, *, include_archived: bool) -> tuple[list[str], list[Any]]:
    """SQL conditions on articles ``a`` for the query's filters."""
    where: list[str] = []
    params: list[Any] = []
    for tag in query.tags:
        where.append("a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t "
                     "ON t.id = at.tag_id WHERE t.name = ?)")
        params.append(tag)
    for site in query.sites:
        where.append("(coalesce(a.site, '') LIKE ? ESCAPE '\\' OR a.source LIKE ? ESCAPE '\\')")
        params += [like_pattern(site)] * 2
    for feed in query.feeds:
        # A feed is named by a part of its title or of its address.
        where.append("a.id IN (SELECT e.article_id FROM feed_entries e JOIN feeds f "
                     "ON f.id = e.feed_id WHERE coalesce(f.title, '') LIKE ? ESCAPE '\\' "
                     "OR f.url LIKE ? ESCAPE '\\')")
        params += [like_pattern(feed)] * 2
    flag_sql = {"unread": "a.read = 0", "read": "a.read = 1", "archived": "a.archived = 1",
                "favourite": "a.favourite = 1"}
    where += [flag_sql[flag] for flag in query.flags]
    if "archived" not in query.flags and not include_archived:
        where.append("a.archived = 0")
    if "highlights" in query.has:
        where.append("a.highlight_count > 0")
    if "notes" in query.has:
        where.append("EXISTS (SELECT 1 FROM notes n WHERE n.article_id = a.id)")
    return where, params


class Search:
    """Ranked search over articles and highlights, with the query's filters.

    A search the TUI runs as you type goes to a worker with its own connection
    (``Library.reopen``), so that :meth:`interrupt` can stop a stale one.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def run(self, query: Query, *, scope: Scope = "articles", limit: int = 50,
               offset: int = 0, include_archived: bool = False,
               exact_first: Query | None = None) -> list[SearchHit]:
        """Ranked results for a parsed query (newest first when it has no words).

        With ``exact_first`` (the query as typed, when ``query`` completes its last word),
        the articles it matches come first, ranked as a search for it alone ranks them,
        then the others.
        """
        where, params = filters(query, include_archived=include_archived)
        if scope == "highlights":
            return self._search_highlights(query, where, params, limit, offset)
        if query.match and exact_first is not None and exact_first.match:
            rows = self._search_rows(*_exact_first_sql(query.match, exact_first.match, where,
                                                       params, limit, offset))
        elif not query.match:
            sql = (f"SELECT {SUMMARY_COLUMNS}, '' AS snippet FROM articles a "
                   f"{_where(where)} ORDER BY a.saved_at DESC, a.id DESC LIMIT ? OFFSET ?")
            rows = self._search_rows(sql, [*params, limit, offset])
        else:
            # Rank the newest RANKED_MATCHES matches only (a rowid range FTS5 applies inside
            # the index), then build snippets for the page shown only.
            sql = (f"SELECT {SUMMARY_COLUMNS}, snippet(articles_fts, -1, '{MATCH_START}', "
                   f"'{MATCH_END}', '…', 16) AS snippet FROM articles_fts "
                   f"JOIN articles a ON a.id = articles_fts.rowid "
                   f"JOIN (SELECT articles_fts.rowid AS hit, bm25(articles_fts, {_WEIGHTS}) "
                   f"AS score FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                   f"WHERE articles_fts MATCH ? AND articles_fts.rowid >= (SELECT coalesce(min("
                   f"rowid), 0) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                   f"ORDER BY rowid DESC LIMIT {RANKED_MATCHES})) {_and(where)} "
                   f"ORDER BY score LIMIT ? OFFSET ?) "
                   f"page ON page.hit = articles_fts.rowid "
                   f"WHERE articles_fts MATCH ? ORDER BY page.score")
            rows = self._search_rows(
                sql, [query.match, query.match, *params, limit, offset, query.match])
        return [SearchHit("articles", summary(row), row["snippet"]) for row in rows]

    def _search_highlights(self, query: Query, where: list[str], params: list[Any],
                           limit: int, offset: int) -> list[SearchHit]:
        if query.match:
            sql = (f"SELECT {SUMMARY_COLUMNS}, h.id AS hid, snippet(highlights_fts, -1, "
                   f"'{MATCH_START}', '{MATCH_END}', '…', 24) AS snippet FROM highlights_fts "
                   f"JOIN highlights h ON h.id = highlights_fts.rowid "
                   f"JOIN articles a ON a.id = h.article_id "
                   f"WHERE highlights_fts MATCH ? AND h.deleted_at IS NULL {_and(where)} "
                   f"ORDER BY bm25(highlights_fts) LIMIT ? OFFSET ?")
            rows = self._search_rows(sql, [query.match, *params, limit, offset])
        else:
            sql = (f"SELECT {SUMMARY_COLUMNS}, h.id AS hid, h.exact AS snippet "
                   f"FROM highlights h JOIN articles a ON a.id = h.article_id "
                   f"WHERE h.deleted_at IS NULL {_and(where)} "
                   f"ORDER BY h.created_at DESC, h.id DESC LIMIT ? OFFSET ?")
            rows = self._search_rows(sql, [*params, limit, offset])
        return [SearchHit("highlights", summary(row), row["snippet"], row["hid"])
                for row in rows]

    def _search_rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        try:
            return dict_rows(self._store.conn, sql, params)
        except sqlite3.OperationalError as error:
            if "fts5" in str(error) or "syntax" in str(error):
                raise LibraryError(f"the search could not be run: {error}") from None
            raise translate(error, self._store.path) from None

    def interrupt(self) -> None:
        """Abort the query this library is running in another thread (a stale search).

        The interrupted call raises LibraryError; a call made afterwards runs normally.
        """
        self._store.conn.interrupt()


def _newest_matches_floor() -> str:
    """The lowest rowid among the newest RANKED_MATCHES matches of the ? query."""
    return (f"(SELECT coalesce(min(rowid), 0) FROM (SELECT rowid FROM articles_fts WHERE "
            f"articles_fts MATCH ? ORDER BY rowid DESC LIMIT {RANKED_MATCHES}))")


def _exact_first_sql(match: str, exact: str, where: list[str], params: list[Any], limit: int,
                     offset: int) -> tuple[str, list[Any]]:
    """A search for ``match`` with the articles that match ``exact`` first, by their rank
    in a search for ``exact`` (both over the same newest matches)."""
    sql = (f"WITH exact AS MATERIALIZED (SELECT rowid AS hit, bm25(articles_fts, {_WEIGHTS}) "
           f"AS score FROM articles_fts WHERE articles_fts MATCH ? "
           f"AND rowid >= {_newest_matches_floor()}), "
           f"page AS MATERIALIZED (SELECT articles_fts.rowid AS hit, e.hit IS NULL AS later, "
           f"coalesce(e.score, bm25(articles_fts, {_WEIGHTS})) AS score FROM articles_fts "
           f"JOIN articles a ON a.id = articles_fts.rowid LEFT JOIN exact e "
           f"ON e.hit = articles_fts.rowid WHERE articles_fts MATCH ? "
           f"AND articles_fts.rowid >= {_newest_matches_floor()} {_and(where)} "
           f"ORDER BY later, score LIMIT ? OFFSET ?) "
           f"SELECT {SUMMARY_COLUMNS}, snippet(articles_fts, -1, '{MATCH_START}', "
           f"'{MATCH_END}', '…', 16) AS snippet FROM articles_fts "
           f"JOIN articles a ON a.id = articles_fts.rowid JOIN page ON page.hit = "
           f"articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY page.later, page.score")
    return sql, [exact, match, match, match, *params, limit, offset, match]


def _where(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) if conditions else ""


def _and(conditions: list[str]) -> str:
    return "".join(f" AND {condition}" for condition in conditions)
