"""Searching the article's text: ``/``, the matches marked, ``n``/``N`` between them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.widgets import Input, Static

from newsreader.domain import motions
from newsreader.tui.key_names import key_for
from newsreader.tui.safe import one_line
from newsreader.tui.widgets.article_body import ArticleBody, Span
from newsreader.tui.widgets.notes_panel import NoteList

LAYER = "search"


class ArticleSearch(Container):
    """Wraps the reader's layout, so that its keys apply wherever the focus is.

    ``/`` opens the search line (``#reader-search``, under the body); each letter typed
    marks the matches and moves the cursor to the first one after where the search began;
    ``enter`` keeps them and goes back to the text, ``escape`` drops them. While matches are
    kept, ``n`` and ``N`` go to the next and previous one (wrapping round; not in the notes
    list, where they stay the note keys), the status line
    (``#reader-search-status``) counts them ("3/12"), and ``escape`` drops them: only then
    are ``n`` and ``N`` the note keys again.
    """

    HELP_SECTION = "Search in the article"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority key: it runs before the keys typed after it are passed on to the
        # focused widget, so that they reach the search line (tmux sends "/the" at once).
        Binding("slash", "start", "Search the article", key_display="/", id="reader.search",
                priority=True),
        Binding("n", "next(1)", "Next match", id="reader.search_next"),
        Binding("N", "next(-1)", "Previous match", id="reader.search_previous"),
        Binding("escape", "clear", "Clear the search", show=False, id="reader.search_clear"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.query_text = ""
        """What is searched for."""
        self.matches: list[tuple[int, int]] = []
        """The matches kept, as (start, end) offsets in order."""
        self._starts: list[int] = []
        self._origin = 0
        self._typing = False

    @property
    def body(self) -> ArticleBody:
        """The article body inside."""
        return self.query_one(ArticleBody)

    @property
    def active(self) -> bool:
        """Whether the search line is open or matches are kept."""
        return self._typing or bool(self.matches)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``n``, ``N`` and ``escape`` are the search's only while it is active."""
        if not self.is_mounted:
            return True
        if action == "next":
            # In the notes list, n and N stay the note keys for the row chosen there.
            return (bool(self.matches) and not self._typing
                    and not isinstance(self.screen.focused, NoteList))
        if action == "clear":
            return self.active
        if action == "start":  # a / typed in the search line is part of the query
            return not isinstance(self.screen.focused, Input)
        return True

    # -- typing -------------------------------------------------------------------------

    async def action_start(self) -> None:
        """Open the search line, on the last query (typing replaces it). It is made the
        first time, so that opening an article does not pay for it."""
        self._origin = self.body.cursor_offset
        self._typing = True
        found = self.query("#reader-search")
        if found:
            line = found.first(Input)
        else:
            line = Input(placeholder="Search the article (enter keeps, esc cancels)",
                         id="reader-search")
            await self.query_one("#reading-column").mount(line)  # under the status line
        line.display = True
        line.value = self.query_text
        line.select_all()
        # At once, not after the queued keys: the letters typed next belong to the query.
        self.screen.set_focus(line)
        self.refresh_bindings()

    @on(Input.Changed, "#reader-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._find(event.value)
        if self.matches:
            index = bisect_left(self._starts, self._origin) % len(self.matches)
            self._go(index)
        else:
            self.body.move_to_offset(self._origin)
        self._show_status()

    @on(Input.Submitted, "#reader-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_line()
        if not self.matches:
            if self.query_text.strip():
                self.notify(f"Not found: {self.query_text}", severity="warning", markup=False)
            self.action_clear()

    def _close_line(self) -> None:
        self._typing = False
        for line in self.query("#reader-search"):
            line.display = False
        # At once: the status names the keys active on the body.
        self.screen.set_focus(self.body)
        self._show_status()
        self.refresh_bindings()

    # -- the matches ----------------------------------------------------------------------

    def _find(self, query: str) -> None:
        self.query_text = query
        self.matches = motions.find_all(self.body.text, query)
        self._starts = [start for start, _ in self.matches]

    def _paint(self, current: int | None) -> None:
        spans: list[Span] = [(start, end, "article-body--match") for start, end in self.matches]
        if current is not None:
            start, end = self.matches[current]
            spans.append((start, end, "article-body--match-current"))
        self.body.set_spans(spans, layer=LAYER)

    def _go(self, index: int) -> None:
        start, _ = self.matches[index]
        body = self.body
        body.move_cursor(body.offset_to_location(start), center=True)
        self._paint(index)

    def current_index(self) -> int | None:
        """The match the cursor is at, if any."""
        if not self.matches:
            return None
        index = bisect_right(self._starts, self.body.cursor_offset) - 1
        if index >= 0 and self.matches[index][0] <= self.body.cursor_offset < max(
                self.matches[index][1], self.matches[index][0] + 1):
            return index
        return None

    def action_next(self, direction: int) -> None:
        """The next (1) or previous (-1) match from the cursor, wrapping round the end."""
        if not self.matches:
            return
        here = self.body.cursor_offset
        if direction > 0:
            index = bisect_right(self._starts, here)
            wrapped = index >= len(self.matches)
        else:
            index = bisect_left(self._starts, here) - 1
            wrapped = index < 0
        index %= len(self.matches)
        self._go(index)
        self._show_status(wrapped=wrapped)

    def action_clear(self) -> None:
        """Close the search line (the cursor back where the search began, if it was still
        being typed) and drop the marks."""
        typing = self._typing
        self.matches, self._starts = [], []
        self.body.set_spans([], layer=LAYER)
        if typing:
            self._close_line()
            self.body.move_to_offset(self._origin)
        self.query_one("#reader-search-status", Static).display = False
        self.refresh_bindings()

    def _show_status(self, *, wrapped: bool = False) -> None:
        status = self.query_one("#reader-search-status", Static)
        if not self.query_text.strip():
            status.display = False
            return
        index = self.current_index()
        count = f"{(index or 0) + 1}/{len(self.matches)}" if self.matches else "no match"
        keys = ("enter keeps \u00b7 esc cancels" if self._typing else
                f"{key_for(self, 'next(1)', 'n')} next \u00b7 "
                f"{key_for(self, 'next(-1)', 'N')} previous \u00b7 "
                f"{key_for(self, 'clear', 'esc')} clears")
        wrap = " \u00b7 wrapped round" if wrapped else ""
        status.update(Content.assemble(("/", "bold"), one_line(self.query_text)[:40], "  ",
                                       (count, "bold"), wrap, f"  {keys}"))
        status.display = True
