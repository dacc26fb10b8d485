"""The drawing half of the library list: rows of cells in columns, a fixed header, a cursor.

The list used to be a ``DataTable``, which renders every cell through Rich's console on each
repaint and styles nine component classes. Here a row's cells become unstyled strips the first
time the row is shown (kept per width), and painting a line only applies the widget's style,
or the cursor's, to one of them. Cells are Rich ``Text`` built from plain strings
(list_cells.py); nothing here parses markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

HEADERS = (" ", "Title", "Site", "Saved", "Time", "Hl")
HEADER_HEIGHT = 1
PADDING = 1  # blank cells either side of each column, as the DataTable had


def column_widths(width: int) -> tuple[int, ...]:
    """The width of each column (marks, title, site, date, reading time, highlights) in a
    list this wide, two cells short of it to leave room for the scrollbar."""
    site = min(24, max(8, width // 6))
    title = max(10, width - (2 + site + 10 + 6 + 3) - 2 * 6 - 2)
    return (2, title, site, 10, 6, 3)


def _segments(line: Text, console: Console) -> list[Segment]:
    """One line of a cell as segments, the Text's own style included."""
    if not line.plain:
        return []
    if not line.spans:  # Text.render leaves out the base style of a Text without spans
        return [Segment(line.plain, console.get_style(line.style) if line.style else None)]
    return list(line.render(console))


def _cell_lines(cell: Text, width: int, height: int, console: Console) -> list[list[Segment]]:
    """A cell cut or filled to ``width`` and ``height``, with the padding either side."""
    pad = Segment(" " * PADDING)
    lines: list[list[Segment]] = []
    for line in cell.split("\n")[:height]:
        if line.cell_len > width:
            line.truncate(width, overflow="ellipsis")
        body = _segments(line, console)
        if line.cell_len < width:
            fill = Segment(" " * (width - line.cell_len))
            body = [fill, *body] if cell.justify == "right" else [*body, fill]
        lines.append([pad, *body, pad])
    blank = [Segment(" " * (width + 2 * PADDING))]
    lines.extend(blank for _ in range(height - len(lines)))
    return lines


def draw_row(cells: Sequence[Text], widths: Sequence[int], height: int,
             console: Console) -> list[Strip]:
    """The lines of one row, unstyled (the widget's style or the cursor's goes on when
    painted), as wide as the columns together."""
    length = sum(widths) + 2 * PADDING * len(widths)
    columns = [_cell_lines(cell, width, height, console)
               for cell, width in zip(cells, widths, strict=True)]
    return [Strip([segment for column in columns for segment in column[y]], length).simplify()
            for y in range(height)]


def draw_header(widths: Sequence[int], headers: Sequence[str] = HEADERS) -> Strip:
    """The header line, unstyled: each column's name."""
    pad = " " * PADDING
    return Strip([Segment("".join(pad + label.ljust(width) + pad
                                  for label, width in zip(headers, widths, strict=True)))])


def paint(strip: Strip, width: int, style: Style, post_style: Style | None = None) -> Strip:
    """``strip`` over ``style`` (the text's own styles win, but not over ``post_style``),
    filled out to ``width`` in that style."""
    if post_style is None:
        painted = strip.apply_style(style)
    else:
        painted = Strip(Segment.apply_style(strip, style, post_style), strip.cell_length)
    return painted.adjust_cell_length(width, style)


class Row:
    """One row's cells (made when first wanted, unless the height depends on them), and its
    lines once drawn, with the widths they were drawn at."""

    __slots__ = ("_cells", "_drawn", "_make", "height")

    def __init__(self, make: Callable[[], tuple[Text, ...]], *, one_line: bool) -> None:
        self._make = make
        self._cells: tuple[Text, ...] | None = None
        self.height = 1 if one_line else self.cells[1].plain.count("\n") + 1
        """Lines on screen: 2 when a search snippet shows under the title."""
        self._drawn: tuple[tuple[int, ...], list[Strip]] | None = None

    @property
    def cells(self) -> tuple[Text, ...]:
        """The row's cells, in column order."""
        if self._cells is None:
            self._cells = self._make()
        return self._cells

    def lines(self, widths: tuple[int, ...], console: Console) -> list[Strip]:
        """The row's lines at these column widths (drawn on first use, then kept)."""
        if self._drawn is None or self._drawn[0] != widths:
            self._drawn = (widths, draw_row(self.cells, widths, self.height, console))
        return self._drawn[1]


class RowsView(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows under a header that stays on top, one of them under a row cursor.

    Subclasses fill it with :meth:`set_rows`, give it keys, and hear of cursor moves in
    :meth:`cursor_moved` and of a click on the cursor's row in :meth:`action_select_cursor`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-list--header", "article-list--cursor"}
    DEFAULT_CSS = """
    RowsView {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        & > .article-list--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .article-list--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .article-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .article-list--header {
                background-tint: $foreground 5%;
            }
            & > .article-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._tops: list[int] = []  # each row's first line (the header not counted)
        self._lines: list[int] = []  # the row each line belongs to
        self._cursor = 0
        self._columns = column_widths(80)
        self._headers: tuple[str, ...] = HEADERS
        self._header = draw_header(self._columns)
        self._paint_style: Style | None = None  # the widget's, while painting

    @property
    def cursor_row(self) -> int:
        """The row under the cursor."""
        return self._cursor

    @property
    def row_count(self) -> int:
        """How many rows there are."""
        return len(self._rows)

    def get_row_at(self, row: int) -> tuple[Text, ...]:
        """The cells of a row."""
        return self._rows[row].cells

    @property
    def headers(self) -> tuple[str, ...]:
        """The column names shown in the header."""
        return self._headers

    def set_rows(self, columns: tuple[int, ...], rows: list[Row],
                 headers: tuple[str, ...] = HEADERS) -> None:
        """Show these rows in columns this wide, under these names, scrolled to the top, the
        cursor on the first."""
        if columns != self._columns or headers != self._headers:
            self._columns, self._headers = columns, headers
            self._header = draw_header(columns, headers)
        self._rows, self._tops, self._lines, self._cursor = [], [], [], 0
        self.add_rows(rows)
        self.scroll_to(y=0, animate=False, force=True)

    def add_rows(self, rows: list[Row]) -> None:
        """Show these rows after the others."""
        for row in rows:
            self._tops.append(len(self._lines))
            self._lines.extend([len(self._rows)] * row.height)
            self._rows.append(row)
        width = sum(self._columns) + 2 * PADDING * len(self._columns)
        self.virtual_size = Size(width, HEADER_HEIGHT + len(self._lines))
        self.refresh()

    def replace_row(self, index: int, row: Row) -> None:
        """Show ``row`` in place of the row at ``index``."""
        if row.height == self._rows[index].height:
            self._rows[index] = row
            self.refresh_lines(HEADER_HEIGHT + self._tops[index], row.height)
            return
        rows = [*self._rows[:index], row, *self._rows[index + 1:]]
        cursor, scroll_y = self._cursor, self.scroll_y
        self.set_rows(self._columns, rows, self._headers)
        self._cursor = cursor
        self.scroll_to(y=scroll_y, animate=False, force=True)

    # -- drawing --------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in ``crop``, working out the widget's style once for all of them."""
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    def render_line(self, y: int) -> Strip:
        """One line: the header on top, else a line of the row scrolled there."""
        width = self.size.width
        if y < HEADER_HEIGHT:
            header = self.get_component_rich_style("article-list--header")
            return paint(self._header, width, header)
        base = self._paint_style if self._paint_style is not None else self.rich_style
        line = y - HEADER_HEIGHT + self.scroll_offset.y
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, base)
        index = self._lines[line]
        strip = self._rows[index].lines(self._columns, self.app.console)[line - self._tops[index]]
        if index != self._cursor:
            return paint(strip, width, base)
        cursor = self.get_component_rich_style("article-list--cursor")
        # The cursor's colour wins over the text's; its background does not (as DataTable).
        return paint(strip, width, base + cursor, Style.from_color(cursor.color))

    # -- the cursor -----------------------------------------------------------------------

    def move_cursor(self, *, row: int | None = None, animate: bool = False,
                    scroll: bool = True) -> None:
        """Put the cursor on ``row`` (kept within the rows), scrolling it into view."""
        if row is None or not self._rows:
            return
        old, self._cursor = self._cursor, max(0, min(row, len(self._rows) - 1))
        if scroll:
            self.scroll_to_cursor(animate=animate)
        if old != self._cursor:
            for index in (old, self._cursor):
                if index < len(self._rows):
                    self.refresh_lines(HEADER_HEIGHT + self._tops[index],
                                       self._rows[index].height)
            self.cursor_moved()

    def scroll_to_cursor(self, *, animate: bool = False) -> None:
        """Scroll as little as needed to show the whole of the cursor's row."""
        if not self._rows:
            return
        top = self._tops[self._cursor]
        bottom = top + self._rows[self._cursor].height
        view = self.scrollable_content_region.height - HEADER_HEIGHT
        scroll_y = self.scroll_offset.y
        if top < scroll_y:
            self.scroll_to(y=top, animate=animate, force=True)
        elif bottom > scroll_y + view:
            self.scroll_to(y=min(top, bottom - view), animate=animate, force=True)

    def cursor_moved(self) -> None:
        """The cursor went to another row (for subclasses)."""

    def action_select_cursor(self) -> None:
        """The row under the cursor was chosen (for subclasses)."""

    def action_cursor_down(self) -> None:
        """Move the cursor a row down."""
        self.move_cursor(row=self._cursor + 1)

    def action_cursor_up(self) -> None:
        """Move the cursor a row up."""
        self.move_cursor(row=self._cursor - 1)

    def _page(self, rows: list[Row]) -> tuple[int, int]:
        """The height of a page, and how many of ``rows`` a page down or up moves over."""
        height = self.scrollable_content_region.height - HEADER_HEIGHT
        offset = count = 0
        for row in rows:
            offset += row.height
            count += 1
            if offset > height:
                break
        return height, count

    def action_page_down(self) -> None:
        """Move the cursor, and the view, a page down."""
        if self._rows:
            height, count = self._page(self._rows[self._cursor:])
            self.scroll_relative(y=height, animate=False, force=True)
            self.move_cursor(row=self._cursor + count - 1)

    def action_page_up(self) -> None:
        """Move the cursor, and the view, a page up."""
        if self._rows:
            height, count = self._page(self._rows[self._cursor::-1])
            self.scroll_relative(y=-height, animate=False)
            self.move_cursor(row=self._cursor - count + 1)

    def on_click(self, event: Click) -> None:
        """A click puts the cursor on a row; a click on the cursor's row chooses it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_HEIGHT:
            return
        line = offset.y - HEADER_HEIGHT + self.scroll_offset.y
        if not 0 <= line < len(self._lines):
            return
        event.stop()
        row = self._lines[line]
        if row == self._cursor:
            self.action_select_cursor()
        self.move_cursor(row=row, animate=True)
