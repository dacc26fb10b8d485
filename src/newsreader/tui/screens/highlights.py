"""Every highlight and note in the library: newest first or grouped by article, filterable;
``enter`` opens the article at the passage, over this screen (leaving the reader comes back
here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.domain.models import ArticleSummary, Highlight, Note
from newsreader.domain.search_query import QueryError, parse
from newsreader.storage import Library, LibraryError
from newsreader.tui.highlight_rows import article_note_prompt, highlight_prompt
from newsreader.tui.safe import one_line
from newsreader.tui.widgets.key_footer import KeyFooter
from newsreader.tui.widgets.row_list import RowList

FILTER_DELAY = 0.15
SEARCH_LIMIT = 500
Target = tuple[int, int | None]
"""Where to open: (article id, offset of the passage or None)."""


@dataclass(frozen=True)
class Entry:
    """One row: a highlight (with the search snippet that found it, if any) or an article note."""

    article_id: int
    created: str
    highlight: Highlight | None = None
    note: Note | None = None
    snippet: str | None = None

    def contains(self, needle: str, title: str) -> bool:
        """Plain, case-insensitive substring match over the quote, the notes and the title."""
        texts = [title, self.note.body if self.note else ""]
        if self.highlight is not None:
            texts += [self.highlight.exact, *(note.body for note in self.highlight.notes)]
        return any(needle in text.casefold() for text in texts)


class HighlightList(RowList):
    """The list of highlights and notes."""

    HELP_SECTION = "In the list of highlights"


class HighlightsScreen(Screen[None]):
    """The library's highlights and notes; posts :class:`Chosen` for the one to open."""

    TITLE = "Highlights"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority key, run before the keys typed after it are passed on: they reach the
        # filter box (tmux sends "/word" at once). Off while a box has the focus.
        Binding("slash", "filter", "Filter", key_display="/", id="highlights.filter",
                priority=True),
        Binding("g", "toggle_grouping", "Group/newest", id="highlights.grouping"),
        Binding("escape", "clear_or_close", "Clear filter/close", show=False,
                id="highlights.clear_or_close"),
        Binding("q", "close", "Close", id="highlights.close"),
    ]
    AUTO_FOCUS = "#highlights-list"

    class Chosen(Message):
        """Open this article (at the passage starting at ``at``, if given) over the screen."""

        def __init__(self, target: Target) -> None:
            super().__init__()
            self.target = target

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.grouped = False
        self.entries: list[Entry] = []
        self.shown: list[Entry | None] = []  # one per option; None for a group heading
        self.titles: dict[int, str] = {}
        self._everything: list[Entry] = []
        self._timer: Timer | None = None
        self._width: int | None = None

    def compose(self) -> ComposeResult:
        """Status line, filter box, a line for query errors, the list."""
        yield Static(id="highlights-status")
        yield Input(placeholder="Filter: words, \"a phrase\", prefix*, tag:x \u2026 "
                                "(/ to type, escape clears)", id="highlights-filter")
        yield Static(id="highlights-message")
        yield HighlightList(id="highlights-list")
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        """Fill the list when first shown; back from the reader, read everything again (a
        highlight may have been made, changed or deleted there), keeping the filter and the
        row under the cursor."""
        self.load()

    def load(self) -> None:
        """Read every highlight and article note, and show those the filter lets through."""
        try:
            articles: list[ArticleSummary] = self.library.annotations.annotated_articles()
            highlights = self.library.annotations.highlights(order="newest")
            notes = self.library.annotations.article_notes()
        except LibraryError as error:
            self._message(str(error))
            articles, highlights, notes = [], [], []
        self.titles = {article.id: article.title for article in articles}
        self._everything = sorted(
            [Entry(h.article_id, h.created, highlight=h) for h in highlights]
            + [Entry(n.article_id, n.created, note=n) for n in notes],
            key=lambda entry: entry.created, reverse=True)
        if self.query_one("#highlights-filter", Input).value.strip():
            self.apply_filter()
        else:
            self.entries = list(self._everything)
            self.show()

    # -- filtering ----------------------------------------------------------------------------

    def _message(self, text: str) -> None:
        message = self.query_one("#highlights-message", Static)
        message.update(Content(text))
        message.display = bool(text)

    @on(Input.Changed, "#highlights-filter")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY, self.apply_filter)

    def apply_filter(self) -> None:
        """Filter by what the box holds: full-text search, or a plain substring match when the
        query has nothing to search for or cannot be read (the reason shows above the list)."""
        text = self.query_one("#highlights-filter", Input).value.strip()
        self._message("")
        self.entries = self._search(text) if text else list(self._everything)
        self.show()

    def _search(self, text: str) -> list[Entry]:
        try:
            query = parse(text)
            hits = [] if query.is_empty else self.library.search.run(
                query, scope="highlights", limit=SEARCH_LIMIT, include_archived=True)
        except (QueryError, LibraryError) as error:
            self._message(f"Cannot search for that ({error}); showing plain text matches.")
            return self._substring(text)
        if query.is_empty:
            return self._substring(text)
        by_id = {e.highlight.id: e for e in self._everything if e.highlight is not None}
        found = [Entry(e.article_id, e.created, highlight=e.highlight, snippet=hit.snippet)
                 for hit in hits if hit.highlight_id is not None
                 and (e := by_id.get(hit.highlight_id)) is not None]
        needle = text.casefold()
        notes = [e for e in self._everything if e.note is not None and e.contains(needle, "")]
        return sorted(found + notes, key=lambda e: e.created, reverse=True)

    def _substring(self, text: str) -> list[Entry]:
        needle = text.casefold()
        return [entry for entry in self._everything
                if entry.contains(needle, self.titles.get(entry.article_id, ""))]

    # -- showing ------------------------------------------------------------------------------

    def _grouped(self) -> list[Entry | None]:
        groups: dict[int, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.article_id, []).append(entry)
        rows: list[Entry | None] = []
        for article_id in sorted(groups, key=lambda i: (self.titles.get(i, "").casefold(), i)):
            rows.append(None)
            ordered: list[Entry] = sorted(groups[article_id], key=_reading_key)
            rows.extend(ordered)
        return rows

    def _list_width(self) -> int | None:
        """The room a row has in the list (a scrollbar's width kept back), once laid out."""
        highlight_list = self.query_one(HighlightList)
        if not highlight_list.size.width:
            return None
        return max(10, highlight_list.size.width - highlight_list.gutter.width
                   - highlight_list.styles.scrollbar_size_vertical)

    def on_resize(self) -> None:
        """Wrap the rows again for the new width."""
        width = self._list_width()
        if width != self._width:
            self.show()

    def show(self) -> None:
        """Fill the list from ``entries`` in the current order, and the status line; the
        cursor stays on the row it was on, if that row is still shown."""
        highlight_list = self.query_one(HighlightList)
        before = (self.shown[highlight_list.highlighted]
                  if highlight_list.highlighted is not None
                  and highlight_list.highlighted < len(self.shown) else None)
        self._width = width = self._list_width()
        self.shown = self._grouped() if self.grouped else list(self.entries)
        options: list[Option] = []
        for index, entry in enumerate(self.shown):
            if entry is None:
                following = self.shown[index + 1]
                assert following is not None
                title = one_line(self.titles.get(following.article_id, "")) or "(untitled)"
                options.append(Option(Content.styled(title, "bold underline"), disabled=True))
                continue
            heading = None if self.grouped else self.titles.get(entry.article_id, "")
            prompt = (highlight_prompt(entry.highlight, title=heading, snippet=entry.snippet,
                                       width=width)
                      if entry.highlight is not None else
                      article_note_prompt(entry.note, title=heading, width=width)
                      if entry.note else Content())
            options.append(Option(prompt))
        highlight_list.set_options(options)
        first = next((i for i, entry in enumerate(self.shown) if entry is not None), None)
        same = next((i for i, entry in enumerate(self.shown)
                     if before is not None and entry is not None and _key(entry) == _key(before)),
                    None)
        highlight_list.highlighted = first if same is None else same
        self._status()

    def _status(self) -> None:
        highlights = sum(1 for e in self.entries if e.highlight is not None)
        orphans = sum(1 for e in self.entries
                      if e.highlight is not None and e.highlight.status == "orphan")
        notes = len(self.entries) - highlights
        words = f"{highlights} highlight{'' if highlights == 1 else 's'}"
        words += f", {notes} article note{'' if notes == 1 else 's'}" if notes else ""
        words += f" ({orphans} orphaned)" if orphans else ""
        text = self.query_one("#highlights-filter", Input).value.strip()
        if text:
            words += f" matching \u201c{one_line(text)}\u201d"
        order = "grouped by article" if self.grouped else "newest first"
        self.query_one("#highlights-status", Static).update(
            Content.assemble(("Highlights and notes", "bold"), f"  {words}, {order}"))

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A ``/`` typed in the filter box is part of the filter."""
        return not (action == "filter" and isinstance(self.focused, Input))

    def action_filter(self) -> None:
        """Type into the filter box (at once: the keys typed next belong to it)."""
        self.set_focus(self.query_one("#highlights-filter", Input))

    def action_toggle_grouping(self) -> None:
        """Newest first, or grouped by article (each in reading order)."""
        self.grouped = not self.grouped
        self.show()

    def action_clear_or_close(self) -> None:
        """Clear the filter if there is one; else go back."""
        box = self.query_one("#highlights-filter", Input)
        if box.value:
            box.value = ""
            self.apply_filter()
            self.query_one(HighlightList).focus()
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        """Go back."""
        self.dismiss(None)

    @on(Input.Submitted, "#highlights-filter")
    def _submitted(self) -> None:
        """``enter`` in the filter opens the row under the cursor, as in the library."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.apply_filter()
        highlight_list = self.query_one(HighlightList)
        highlight_list.focus()
        if highlight_list.highlighted is not None:
            highlight_list.action_select()

    def on_key(self, event: events.Key) -> None:
        """``down`` in the filter box moves into the list."""
        if event.key == "down" and self.query_one("#highlights-filter", Input).has_focus:
            self.query_one(HighlightList).focus()

    @on(OptionList.OptionSelected, "#highlights-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.shown[event.option_index]
        if entry is None:
            return
        highlight = entry.highlight
        if highlight is not None and highlight.start is None:
            self.notify("That highlight is an orphan: its passage is no longer in the text.",
                        severity="warning", markup=False)
        self.post_message(self.Chosen(
            (entry.article_id, None if highlight is None else highlight.start)))


def _key(entry: Entry) -> tuple[str, int]:
    """What a row shows: a highlight or a note, by id."""
    if entry.highlight is not None:
        return ("highlight", entry.highlight.id)
    return ("note", entry.note.id if entry.note else 0)


def _reading_key(entry: Entry) -> tuple[int, int, int]:
    """Article notes first, then highlights by place, orphans last."""
    highlight = entry.highlight
    if highlight is None:
        return (0, 0, entry.note.id if entry.note else 0)
    if highlight.start is None:
        return (2, 0, highlight.id)
    return (1, highlight.start, highlight.id)
