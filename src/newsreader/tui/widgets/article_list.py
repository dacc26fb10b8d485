"""The library list: a sliding window of rows paged from SQLite.

A library may hold 100,000 articles; a list holding them all takes seconds to build.
This one holds a window of a few pages around the cursor. When the cursor comes near either
edge of the window the window slides by a page (one small query), so opening, scrolling and
jumping to either end stay fast whatever the library's size. The drawing (a light Line API
widget rather than a DataTable, for a quick first frame) is in list_rows.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.message import Message

from newsreader.domain.models import ArticleSummary
from newsreader.storage import Library, SortKey
from newsreader.storage.articles import ListFlag
from newsreader.storage.search import SearchHit
from newsreader.tui.widgets.list_cells import row_cells, shown_site
from newsreader.tui.widgets.list_rows import HEADERS, Row, RowsView, column_widths

__all__ = ["ArticleList", "shown_site"]

PAGE = 50
WINDOW_PAGES = 3
MARGIN = 15  # slide when the cursor is this close to an edge of the window
MORE_MARGIN = 15  # ask for the next page of search results this close to their end


class ArticleList(RowsView):
    """Articles, one row each: marks, title and tags, site, date saved (or published, when
    sorted by it), reading time, highlight count.

    Two modes: the whole library (paged from SQLite through a sliding window), or the
    results of a search (set with :meth:`show_hits`, a snippet under each title).
    """

    HELP_SECTION = "In the list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open the article", show=False, id="library.open"),
        Binding("j,down", "cursor_down", "Next article", show=False, id="library.down"),
        Binding("k,up", "cursor_up", "Previous article", show=False, id="library.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="library.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="library.page_up"),
        Binding("g,home,ctrl+home", "first", "First article", show=False, id="library.first"),
        Binding("G,end,ctrl+end", "last", "Last article", show=False, id="library.last"),
    ]

    class Opened(Message):
        """The reader chose an article to open."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    class MoreWanted(Message):
        """The cursor is near the end of the search results and more may follow."""

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.sort_key: SortKey = "saved"
        self.include_archived = False
        self.only: tuple[ListFlag, ...] = ()
        """Show only the unread articles, or the favourites (or both)."""
        self.total = 0
        self.window_start = 0
        self._pending: tuple[int, int] | None = None
        self.rows_shown: list[ArticleSummary] = []
        self.hits: list[SearchHit] | None = None
        """The search results shown, or None when the list shows the whole library."""
        self.more_hits = False
        self._tags: dict[int, list[str]] = {}
        self._width = 0
        self._sliding = False

    # -- what is shown ------------------------------------------------------------------

    @property
    def current(self) -> ArticleSummary | None:
        """The article under the cursor, if any."""
        if not self.rows_shown:
            return None
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]

    @property
    def position(self) -> int:
        """The cursor's index in the whole (sorted) list or in the search results."""
        return self.window_start + self.cursor_row if self.rows_shown else 0

    @property
    def searching(self) -> bool:
        """True while the list shows search results."""
        return self.hits is not None

    def reload(self, *, position: int | None = None) -> None:
        """Count and fetch the library again (after a sort or change), keeping the cursor."""
        self.hits = None
        self.more_hits = False
        target = self.position if position is None else position
        self.total = self.library.articles.count(include_archived=self.include_archived,
                                                 only=self.only)
        self.go_to(max(0, min(target, self.total - 1)))

    def go_to(self, position: int) -> None:
        """Show the window holding ``position`` and put the cursor on it."""
        if self.hits is not None:
            self._show_window(0, position)
            return
        window = PAGE * WINDOW_PAGES
        start = max(0, min(position - window // 2, self.total - window))
        self._show_window(start, position)

    def show_hits(self, hits: list[SearchHit], *, more: bool, position: int = 0) -> None:
        """Show search results (replacing the list) with the cursor at ``position``."""
        if hits == self.hits and more == self.more_hits and position == self.cursor_row:
            return  # the same results (a letter more of a word): no repaint
        self.hits = list(hits)
        self.more_hits = more
        self.total = len(self.hits)
        self._show_window(0, position)

    def add_hits(self, hits: list[SearchHit], *, more: bool) -> None:
        """Append the next page of search results, leaving the cursor where it is."""
        if self.hits is None:
            return
        known = {hit.article.id for hit in self.hits}
        fresh = [hit for hit in hits if hit.article.id not in known]
        self.hits += fresh
        self.more_hits = more and bool(fresh)
        self.total = len(self.hits)
        self._tags.update(self.library.tags.of_each([hit.article.id for hit in fresh]))
        self.rows_shown += [hit.article for hit in fresh]
        self.add_rows([self._row(hit.article, hit.snippet) for hit in fresh])

    def _show_window(self, start: int, position: int, scroll_shift: int | None = None) -> None:
        if not self.size.width:
            # Not laid out yet: rows cut to a guessed width would be built again on the
            # first resize, so build them once, then.
            self._pending = (start, position)
            return
        self._pending = None
        self._sliding = True
        try:
            scroll_y = self.scroll_y
            if self.hits is not None:
                snippets = [hit.snippet for hit in self.hits]
                self.rows_shown = [hit.article for hit in self.hits]
            else:
                self.rows_shown = self.library.articles.page(
                    sort=self.sort_key, limit=PAGE * WINDOW_PAGES, offset=start,
                    include_archived=self.include_archived, only=self.only)
                snippets = [""] * len(self.rows_shown)
            self._tags = self.library.tags.of_each([summary.id for summary in self.rows_shown])
            self.window_start = start
            self._width = self.size.width or self._width or 80
            self.set_rows(column_widths(self._width), [
                self._row(summary, snippet)
                for summary, snippet in zip(self.rows_shown, snippets, strict=True)],
                self._column_names())
            if self.rows_shown:
                row = max(0, min(position - start, len(self.rows_shown) - 1))
                self.move_cursor(row=row, scroll=scroll_shift is None)
                if scroll_shift is not None:
                    self.scroll_to(y=max(0, scroll_y - scroll_shift), animate=False,
                                   force=True)
                    self.scroll_to_cursor()
        finally:
            self._sliding = False
        self.cursor_moved()

    @property
    def by_published(self) -> bool:
        """The list is sorted by publication date, so its date column shows that date."""
        return self.hits is None and self.sort_key == "published"

    def _column_names(self) -> tuple[str, ...]:
        if self.by_published:
            return tuple("Published" if name == "Saved" else name for name in HEADERS)
        return HEADERS

    def _row(self, summary: ArticleSummary, snippet: str) -> Row:
        _, title, site, *_ = column_widths(self._width or 80)
        tags = self._tags.get(summary.id, [])
        published = self.by_published
        # Cells are made as rows come into view; only a snippet can make a row taller.
        return Row(lambda: row_cells(summary, tags, (title, site), snippet,
                                     published=published),
                   one_line=not snippet)

    def show_article(self, article_id: int) -> None:
        """Put the cursor on this article if the window shows it (else leave it be)."""
        for row, summary in enumerate(self.rows_shown):
            if summary.id == article_id:
                self.move_cursor(row=row)
                return

    def drop_current(self) -> None:
        """Take the search result under the cursor out of the results (archived or deleted)."""
        if self.hits is None or not self.hits:
            return
        row = min(self.cursor_row, len(self.hits) - 1)
        self.show_hits(self.hits[:row] + self.hits[row + 1:], more=self.more_hits, position=row)

    def update_current(self, summary: ArticleSummary | None = None, *,
                       tags: list[str] | None = None) -> None:
        """Show the row under the cursor again with new flags or tags (no query for flags)."""
        current = self.current
        if current is None:
            return
        summary = summary or current
        row = self.cursor_row
        self.rows_shown[row] = summary
        if tags is not None:
            self._tags[summary.id] = tags
        snippet = ""
        if self.hits is not None:
            snippet = self.hits[row].snippet
            self.hits[row] = replace(self.hits[row], article=summary)
        self.replace_row(row, self._row(summary, snippet))

    # -- events ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        """Build the rows waiting for a width, or cut titles to the new width."""
        if self._pending is not None and event.size.width:
            self._show_window(*self._pending)
        elif event.size.width != self._width and self.rows_shown:
            self._width = event.size.width
            self._show_window(self.window_start, self.position, scroll_shift=0)

    def cursor_moved(self) -> None:
        """Slide the window by a page when the cursor nears one of its edges; near the end
        of the search results, ask for more."""
        if self._sliding or not self.rows_shown:
            return
        row = self.cursor_row
        if self.hits is not None:
            if self.more_hits and row >= len(self.rows_shown) - MORE_MARGIN:
                self.post_message(self.MoreWanted())
            return
        end = self.window_start + len(self.rows_shown)
        if row >= len(self.rows_shown) - MARGIN and end < self.total:
            self._show_window(self.window_start + PAGE, self.window_start + row, PAGE)
        elif row < MARGIN and self.window_start > 0:
            shift = min(PAGE, self.window_start)
            self._show_window(self.window_start - shift, self.window_start + row, -shift)

    def action_select_cursor(self) -> None:
        """``enter`` (or a click on the cursor's row) opens its article."""
        if self.current is not None:
            self.post_message(self.Opened(self.current.id))

    def action_first(self) -> None:
        """Go to the first article."""
        if self.total:
            self.go_to(0)
            self.scroll_home(animate=False, immediate=True)

    def action_last(self) -> None:
        """Go to the last article."""
        if self.total:
            self.go_to(self.total - 1)
            self.scroll_end(animate=False, immediate=True)
