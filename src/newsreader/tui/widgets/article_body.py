"""The article body: a read-only TextArea over the canonical text, with painted spans.

A stock Textual ``TextArea``, used through its public API only (ARCHITECTURE.md says why the
body is built this way):

- the document holds exactly the canonical text (made safe character for character), so an
  offset into it is an offset into ``Article.text``;
- an :class:`OffsetIndex` (prefix sums + bisect) converts offsets <-> (row, column);
- :meth:`ArticleBody.set_spans` paints ranges (links, headings, highlights) through the
  public :meth:`~textual.widgets.TextArea.get_line` hook;
- in visual mode (:attr:`ArticleBody.visual`) every cursor move extends the selection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Offset
from textual.widgets import TextArea
from textual.widgets.text_area import Location

from newsreader.storage.annotations import COLORS
from newsreader.tui.safe import display_text

SpanStyle = str | Style
"""A span's look: a Rich style, or the name of one of ``ArticleBody.COMPONENT_CLASSES``."""
Span = tuple[int, int, SpanStyle]
"""(start, end, style) over the canonical text; end exclusive."""

RowSpan = tuple[int, int | None, SpanStyle]
"""(start column, end column or None for the end of the row, style) within one row."""

_EDITING_ACTIONS = frozenset({
    "cut", "paste", "undo", "redo", "delete_left", "delete_right", "delete_line",
    "delete_to_start_of_line", "delete_to_end_of_line", "delete_to_end_of_line_or_delete_line",
    "delete_word_left", "delete_word_right",
})


class OffsetIndex:
    """Offsets in a text <-> (row, column) locations in its lines, by prefix sums + bisect."""

    def __init__(self, text: str) -> None:
        self.line_starts: list[int] = [0]
        find = text.find
        position = find("\n")
        while position >= 0:
            self.line_starts.append(position + 1)
            position = find("\n", position + 1)
        self.length = len(text)

    def to_location(self, offset: int) -> tuple[int, int]:
        """The (row, column) of ``offset``, clamped into the text."""
        offset = min(max(offset, 0), self.length)
        row = bisect_right(self.line_starts, offset) - 1
        return row, offset - self.line_starts[row]

    def to_offset(self, location: tuple[int, int]) -> int:
        """The offset of a (row, column) location, clamped into the text."""
        row, column = location
        row = min(max(row, 0), len(self.line_starts) - 1)
        return min(self.line_starts[row] + max(column, 0), self.length)


def spans_by_row(index: OffsetIndex, spans: Iterable[Span]) -> dict[int, list[RowSpan]]:
    """Split ``spans`` (over the text ``index`` was built on) into the rows they cover."""
    by_row: dict[int, list[RowSpan]] = defaultdict(list)
    for start, end, style in spans:
        if end <= start:
            continue
        first_row, first_column = index.to_location(start)
        last_row, last_column = index.to_location(end)
        for row in range(first_row, last_row + 1):
            by_row[row].append((first_column if row == first_row else 0,
                                last_column if row == last_row else None, style))
    return dict(by_row)


class ArticleBody(TextArea):
    """The read-only body of an article, with an offset index and painted spans."""

    HELP_SECTION = "In the text (cursor and selection)"
    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "article-body--heading",
        "article-body--link",
        "article-body--hl-alt",
        "article-body--match",
        "article-body--match-current",
        *(f"article-body--hl-{color}" for color in COLORS),
    }

    def __init__(self, text: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        self.index = OffsetIndex("")
        """Offsets <-> locations in the text shown."""
        self.row_spans: dict[int, list[RowSpan]] = {}
        """The spans painted, by row."""
        self.span_layers: dict[str, list[Span]] = {}
        """The spans painted, by what set them."""
        self.visual = False
        """In visual mode every cursor move extends the selection."""
        super().__init__(
            "", read_only=True, soft_wrap=True, show_line_numbers=False,
            highlight_cursor_line=False, tab_behavior="focus", id=id, classes=classes,
        )
        if text:
            self.load_text(text)

    # -- the document --------------------------------------------------------------------

    def load_text(self, text: str) -> None:
        """Show ``text`` (the canonical text; unsafe characters are replaced one for one),
        with no spans."""
        shown = display_text(text)
        self.index = OffsetIndex(shown)
        self.row_spans = {}
        self.span_layers = {}
        super().load_text(shown)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing actions do not apply to a read-only article (and stay out of help)."""
        if action in _EDITING_ACTIONS:
            return False
        return super().check_action(action, parameters)

    # -- the cursor and the selection ---------------------------------------------------------

    def move_cursor(self, location: Location, select: bool = False, center: bool = False,
                    record_width: bool = True) -> None:
        """Move the cursor; in visual mode, extending the selection."""
        super().move_cursor(location, select or self.visual, center, record_width)

    def action_cursor_left(self, select: bool = False) -> None:
        """One character left (extending the selection in visual mode)."""
        super().action_cursor_left(select or self.visual)

    def action_cursor_right(self, select: bool = False) -> None:
        """One character right (extending the selection in visual mode)."""
        super().action_cursor_right(select or self.visual)

    @property
    def selected_span(self) -> tuple[int, int] | None:
        """The selection as (start, end) offsets, start first; None when nothing is selected."""
        start, end = self.selection
        if start == end:
            return None
        first, second = self.location_to_offset(start), self.location_to_offset(end)
        return min(first, second), max(first, second)

    def extend_to_offset(self, offset: int) -> None:
        """Move the cursor to ``offset``, extending the selection (it scrolls into view)."""
        super().move_cursor(self.offset_to_location(offset), select=True)

    def clear_selection(self) -> None:
        """Drop the selection, leaving the cursor where it is."""
        super().move_cursor(self.cursor_location, select=False)

    # -- offsets --------------------------------------------------------------------------

    def offset_to_location(self, offset: int) -> Location:
        """The (row, column) of an offset into the canonical text."""
        return self.index.to_location(offset)

    def location_to_offset(self, location: Location) -> int:
        """The offset into the canonical text of a (row, column) location."""
        return self.index.to_offset(location)

    @property
    def cursor_offset(self) -> int:
        """The cursor's offset into the canonical text."""
        return self.location_to_offset(self.cursor_location)

    def move_to_offset(self, offset: int, *, top: bool = False) -> None:
        """Put the cursor at ``offset``; with ``top``, scroll its row to the top of the view."""
        location = self.offset_to_location(offset)
        self.move_cursor(location)
        if top:
            self.scroll_to(y=self.wrapped_document.location_to_offset(location).y,
                           animate=False, immediate=True)

    def top_offset(self) -> int:
        """The offset of the first character in view (the reading position)."""
        height = self.wrapped_document.height
        if height == 0:
            return 0
        row = min(int(self.scroll_y), height - 1)
        return self.location_to_offset(self.wrapped_document.offset_to_location(Offset(0, row)))

    # -- painting ---------------------------------------------------------------------------

    def set_spans(self, spans: Iterable[Span], *, layer: str = "text") -> None:
        """Paint these ranges from now on (replacing the earlier spans of the same layer),
        then redraw. Layers are painted in the order they were first set, so a later one
        (search matches over highlights) shows over an earlier one."""
        self.span_layers[layer] = list(spans)
        self.row_spans = spans_by_row(
            self.index, (span for layer_spans in self.span_layers.values() for span in layer_spans))
        # TextArea keeps the lines it rendered; this public hook is how a subclass tells it
        # that their look changed.
        self.notify_style_update()
        self.refresh()

    def span_style(self, style: SpanStyle) -> Style:
        """The Rich style a span is painted with."""
        if isinstance(style, Style):
            return style
        resolved = self.get_component_rich_style(style, partial=True)
        if resolved.bgcolor is not None:
            # The partial style keeps a translucent background unblended (so, opaque);
            # the full style has it blended over the body's background.
            resolved += Style(bgcolor=self.get_component_rich_style(style).bgcolor)
        return resolved

    def get_line(self, line_index: int) -> Text:
        """The row as Rich Text, with its spans painted."""
        line = super().get_line(line_index)
        for start, end, style in self.row_spans.get(line_index, ()):
            line.stylize(self.span_style(style), start, end)
        return line
