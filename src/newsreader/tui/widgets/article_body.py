"""The article body: a read-only TextArea over the canonical text, with painted spans.

Built for long articles and for the highlighting that comes next (DESIGN §4):

- the document holds exactly the canonical text (made safe character for character), so an
  offset into it is an offset into ``Article.text``;
- an offset <-> (row, column) index (prefix sums + bisect) replaces the document's own
  conversion, which is linear in the document size;
- values TextArea 8.2.8 recomputes for the whole document on every row drawn (``text``, the
  wrapped height) are cached, and so is each styled row;
- :meth:`set_spans` paints ranges (links, headings, highlights) by overriding :meth:`get_line`;
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
from textual.widgets.text_area import (
    Document,
    DocumentBase,
    DocumentNavigator,
    Edit,
    EditResult,
    Location,
    WrappedDocument,
)

from newsreader.storage.annotations import COLORS
from newsreader.tui.safe import display_text

SpanStyle = str | Style
"""A span's look: a Rich style, or the name of one of ``ArticleBody.COMPONENT_CLASSES``."""
Span = tuple[int, int, SpanStyle]
"""(start, end, style) over the canonical text; end exclusive."""

_EDITING_ACTIONS = frozenset({
    "cut", "paste", "undo", "redo", "delete_left", "delete_right", "delete_line",
    "delete_to_start_of_line", "delete_to_end_of_line", "delete_to_end_of_line_or_delete_line",
    "delete_word_left", "delete_word_right",
})


class _WrappedDocument(WrappedDocument):
    """A WrappedDocument whose height is O(1) instead of a sum over every line, and that
    wraps the whole text again only when the width changes.

    TextArea asks for a full wrap on every resize and whenever its scrollbar comes or goes,
    often at the width the text is already wrapped at; a wrap is linear in the text (a few
    milliseconds at 2,000 words, hundreds at 200,000).
    """

    def __init__(self, document: DocumentBase, width: int = 0, tab_width: int = 4) -> None:
        self._wrapped_at: tuple[int, int] | None = None
        super().__init__(document, width, tab_width)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap every line at ``width`` (0: no wrapping), unless already wrapped so."""
        wanted = (width, tab_width or self._tab_width)
        if wanted != self._wrapped_at:
            super().wrap(width, tab_width)
            self._wrapped_at = wanted

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Re-wrap the lines an edit touched (and forget the width of the last full wrap)."""
        super().wrap_range(start, old_end, new_end)
        self._wrapped_at = None

    @property
    def height(self) -> int:
        """The height of the wrapped document, in rows."""
        return len(self._offset_to_line_info)


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


class ArticleBody(TextArea):
    """The read-only body of an article, with an offset index and painted spans."""

    HELP_SECTION = "In the text (cursor and selection)"
    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "article-body--heading",
        "article-body--link",
        "article-body--hl-alt",
        *(f"article-body--hl-{color}" for color in COLORS),
    }

    def __init__(self, text: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        self._text_cache: tuple[object, str] | None = None
        self._row_cache: dict[int, Text] = {}
        self._row_spans: dict[int, list[tuple[int, int, SpanStyle]]] = {}
        self._style_cache: dict[str, Style] = {}
        self.index = OffsetIndex("")
        self.visual = False
        """In visual mode every cursor move extends the selection."""
        super().__init__(
            "", read_only=True, soft_wrap=True, show_line_numbers=False,
            highlight_cursor_line=False, tab_behavior="focus", id=id, classes=classes,
        )
        if text:
            self.load_text(text)

    # -- the document --------------------------------------------------------------------

    def _set_document(self, text: str, language: str | None) -> None:
        """Plain text only, wrapped by the O(1)-height WrappedDocument."""
        self._highlight_query = None
        self.document = Document(text)
        self.wrapped_document = _WrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self.index = OffsetIndex(text)
        self._text_cache = None
        self.clear_row_cache()
        self._build_highlight_map()
        self.move_cursor((0, 0))
        self._rewrap_and_refresh_virtual_size()

    def load_text(self, text: str) -> None:
        """Show ``text`` (the canonical text); unsafe characters are replaced one for one."""
        super().load_text(display_text(text))

    @property
    def text(self) -> str:
        """The whole text shown, cached (TextArea asks for it on every row it draws)."""
        document = self.document
        if self._text_cache is None or self._text_cache[0] is not document:
            self._text_cache = (document, document.text)
        return self._text_cache[1]

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def edit(self, edit: Edit) -> EditResult:
        """Apply an edit (programmatic only: the body is read-only) and drop the caches."""
        result = super().edit(edit)
        self.index = OffsetIndex(self.document.text)
        self._text_cache = None
        self.clear_row_cache()
        return result

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
        if self.wrapped_document.height == 0:
            return 0
        row = min(int(self.scroll_y), self.wrapped_document.height - 1)
        location = self.wrapped_document.offset_to_location(Offset(0, row))
        return self.location_to_offset(location)

    # -- painting ---------------------------------------------------------------------------

    def set_spans(self, spans: Iterable[Span]) -> None:
        """Paint these ranges from now on (replacing earlier spans), then redraw."""
        by_row: dict[int, list[tuple[int, int, SpanStyle]]] = defaultdict(list)
        for start, end, style in spans:
            if end <= start:
                continue
            first_row, first_column = self.offset_to_location(start)
            last_row, last_column = self.offset_to_location(end)
            for row in range(first_row, last_row + 1):
                row_start = first_column if row == first_row else 0
                row_end = last_column if row == last_row else None
                by_row[row].append((row_start, -1 if row_end is None else row_end, style))
        self._row_spans = dict(by_row)
        self.clear_row_cache()

    def clear_row_cache(self) -> None:
        """Forget every styled row (after spans or styles change) and redraw."""
        self._row_cache.clear()
        self._line_cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """The theme or CSS changed: resolve component styles again."""
        self._style_cache.clear()
        self._row_cache.clear()
        super().notify_style_update()

    def _resolve(self, style: SpanStyle) -> Style:
        if isinstance(style, Style):
            return style
        cached = self._style_cache.get(style)
        if cached is None:
            cached = self.get_component_rich_style(style, partial=True)
            if cached.bgcolor is not None:
                # The partial style keeps a translucent background unblended (so, opaque);
                # the full style has it blended over the body's background.
                cached += Style(bgcolor=self.get_component_rich_style(style).bgcolor)
            self._style_cache[style] = cached
        return cached

    def get_line(self, line_index: int) -> Text:
        """The row as Rich Text, with its spans painted (cached; a copy each time)."""
        cached = self._row_cache.get(line_index)
        if cached is None:
            cached = Text(self.document.get_line(line_index), end="", no_wrap=True)
            for start, end, style in self._row_spans.get(line_index, ()):
                cached.stylize(self._resolve(style), start, None if end < 0 else end)
            self._row_cache[line_index] = cached
        return cached.copy()
