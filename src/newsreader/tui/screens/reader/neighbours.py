"""The article before or after the one being read, in the library's list as it is shown."""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen

from newsreader.storage import Library, SortKey
from newsreader.tui.widgets.article_list import ArticleList

PAGE = 500


def library_list(screens: Iterable[Screen[object]]) -> ArticleList | None:
    """The library's article list, if the library screen is open under the reader."""
    for screen in screens:
        found = screen.query(ArticleList)
        if found:
            return found.first()
    return None


def neighbour(library: Library, article_list: ArticleList | None, article_id: int,
              direction: int) -> int | None:
    """The id of the article ``direction`` (1 or -1) rows away from ``article_id``: in the
    library's list as it is shown (its order, its search, archived shown or not), moving
    its cursor there too; with no library screen, in the library's default order. None at
    either end, or if the article is not in that list."""
    if article_list is not None:
        shown = [summary.id for summary in article_list.rows_shown]
        if article_id in shown:
            position = article_list.window_start + shown.index(article_id) + direction
            if not 0 <= position < article_list.total:
                return None
            article_list.go_to(position)
            current = article_list.current
            return None if current is None else current.id
        return _in_order(library, article_id, direction, article_list.sort_key,
                         article_list.include_archived)
    return _in_order(library, article_id, direction, "saved", False)


def _in_order(library: Library, article_id: int, direction: int, sort: SortKey,
              include_archived: bool) -> int | None:
    """The neighbour in the whole library, sorted so, read a page at a time."""
    offset = 0
    before: int | None = None
    while True:
        page = [summary.id for summary in library.articles.page(
            sort=sort, limit=PAGE, offset=offset,
            include_archived=include_archived)]
        if article_id in page:
            index = page.index(article_id)
            if direction < 0:
                return page[index - 1] if index else before
            if index + 1 < len(page):
                return page[index + 1]
            following = library.articles.page(sort=sort, limit=1,
                                              offset=offset + PAGE,
                                              include_archived=include_archived)
            return following[0].id if following else None
        if len(page) < PAGE:
            return None
        before = page[-1]
        offset += PAGE
