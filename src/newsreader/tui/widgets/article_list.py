"""The library list: a DataTable over a sliding window of rows paged from SQLite.

A library may hold 100,000 articles; a DataTable holding them all takes seconds to build.
This one holds a window of a few pages around the cursor. When the cursor comes near either
edge of the window the window slides by a page (one small query), so opening, scrolling and
jumping to either end stay fast whatever the library's size.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from newsreader.models import ArticleSummary
from newsreader.storage import Library
from newsreader.storage.library import SortKey
from newsreader.tui.safe import plain_text

PAGE = 200
WINDOW_PAGES = 3
MARGIN = 60  # slide when the cursor is this close to an edge of the window


def site_or_source(summary: ArticleSummary) -> str:
    """Where an article came from, in a few words: its site, else the source's last part."""
    if summary.site:
        return summary.site
    return PurePath(summary.source.rstrip("/")).name or summary.source


class ArticleList(DataTable[Text]):
    """Articles, one row each: read mark, title, site, date saved and highlight count."""

    HELP_SECTION = "In the list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open the article", show=False),
        Binding("j", "cursor_down", "Next article", show=False),
        Binding("k", "cursor_up", "Previous article", show=False),
        Binding("g,home", "first", "First article", show=False),
        Binding("G,end", "last", "Last article", show=False),
    ]

    class Opened(Message):
        """The reader chose an article to open."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.library = library
        self.filter_text = ""
        self.sort_key: SortKey = "saved"
        self.total = 0
        self.window_start = 0
        self.rows_shown: list[ArticleSummary] = []
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
        """The cursor's index in the whole (filtered, sorted) list."""
        return self.window_start + self.cursor_row if self.rows_shown else 0

    def reload(self, *, position: int | None = None) -> None:
        """Count and fetch again (after a filter, sort or change), keeping the cursor's index."""
        target = self.position if position is None else position
        self.total = self.library.count_articles(filter_text=self.filter_text)
        self.go_to(max(0, min(target, self.total - 1)))

    def go_to(self, position: int) -> None:
        """Show the window holding ``position`` and put the cursor on it."""
        window = PAGE * WINDOW_PAGES
        start = max(0, min(position - window // 2, self.total - window))
        self._show_window(start, position)

    def _show_window(self, start: int, position: int, scroll_shift: int | None = None) -> None:
        self._sliding = True
        try:
            scroll_y = self.scroll_y
            self.rows_shown = self.library.list_articles(
                filter_text=self.filter_text, sort=self.sort_key, limit=PAGE * WINDOW_PAGES,
                offset=start,
            )
            self.window_start = start
            self._build_columns()
            self.clear()
            self.add_rows([self._cells(summary) for summary in self.rows_shown])
            if self.rows_shown:
                row = max(0, min(position - start, len(self.rows_shown) - 1))
                self.move_cursor(row=row, animate=False, scroll=scroll_shift is None)
                if scroll_shift is not None:
                    self.scroll_to(y=max(0, scroll_y - scroll_shift), animate=False,
                                   immediate=True)
        finally:
            self._sliding = False

    def _cells(self, summary: ArticleSummary) -> tuple[Text, ...]:
        title_width, site_width = self._widths()
        return (
            Text(" " if summary.read else "●", style="bold"),
            plain_text(summary.title, "" if summary.read else "bold", limit=title_width),
            plain_text(site_or_source(summary), "italic", limit=site_width),
            Text(summary.saved[:10]),
            Text(str(summary.highlight_count) if summary.highlight_count else "", justify="right"),
        )

    def _widths(self) -> tuple[int, int]:
        width = self._width or 80
        site = min(24, max(10, width // 5))
        title = max(10, width - (1 + site + 10 + 3) - 2 * 5 - 2)
        return title, site

    def _build_columns(self) -> None:
        self._width = self.size.width or self._width or 80
        title, site = self._widths()
        self.clear(columns=True)
        self.add_column(" ", width=1, key="read")
        self.add_column("Title", width=title, key="title")
        self.add_column("Site", width=site, key="site")
        self.add_column("Saved", width=10, key="saved")
        self.add_column("Hl", width=3, key="highlights")

    def refresh_current(self) -> None:
        """Fetch the row under the cursor again (after it was marked read or unread)."""
        current = self.current
        if current is None:
            return
        fresh = self.library.list_articles(filter_text=self.filter_text, sort=self.sort_key,
                                           limit=1, offset=self.position)
        if fresh and fresh[0].id == current.id:
            self.rows_shown[self.cursor_row] = fresh[0]
            for column, value in enumerate(self._cells(fresh[0])):
                self.update_cell_at(Coordinate(self.cursor_row, column), value)

    # -- events ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        """Cut titles to the new width."""
        if event.size.width != self._width and self.rows_shown:
            self._width = event.size.width
            self._show_window(self.window_start, self.position, scroll_shift=0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Slide the window by a page when the cursor nears one of its edges."""
        event.stop()
        if self._sliding:
            return
        row = self.cursor_row
        end = self.window_start + len(self.rows_shown)
        if row >= len(self.rows_shown) - MARGIN and end < self.total:
            self._show_window(self.window_start + PAGE, self.window_start + row, PAGE)
        elif row < MARGIN and self.window_start > 0:
            shift = min(PAGE, self.window_start)
            self._show_window(self.window_start - shift, self.window_start + row, -shift)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """``enter`` on a row opens its article."""
        event.stop()
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
