"""The library: every saved article in a paged list, with filter, sort, read and delete."""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from newsreader.storage import Library, NotFoundError
from newsreader.storage.library import SortKey
from newsreader.tui.safe import one_line
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.widgets.article_list import ArticleList

SORTS: tuple[SortKey, ...] = ("saved", "published", "title")
SORT_WORDS = {"saved": "newest saved first", "published": "newest published first",
              "title": "by title"}
EMPTY_TEXT = (
    "Your library is empty.\n\n"
    "Add articles from a terminal:\n\n"
    "    newsreader add page.html notes.txt https://example.com/story\n"
    "    newsreader open saved-page.html    (add one and read it now)\n\n"
    "or press ctrl+p here and choose \u201cImport a file or URL\u201d."
)
_ARTICLE_ACTIONS = frozenset({"filter", "cycle_sort", "toggle_read", "delete"})
FILTER_DELAY = 0.15  # seconds of quiet typing before the list is filtered again


class LibraryScreen(Screen[None]):
    """The list of saved articles; ``enter`` opens one in the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("r", "toggle_read", "Read/unread"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "clear_filter", "Clear the filter", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    AUTO_FOCUS = "#article-list"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.filtering = False
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Status line, filter box (hidden until ``/``), the list or the empty message."""
        with Vertical(id="library-body"):
            yield Static(id="library-status")
            yield Input(placeholder="Filter by title or site \u2026 (enter opens, escape clears)",
                        id="filter")
            yield ArticleList(self.library, id="article-list")
            with Center(id="empty-library"):
                yield Static(Content(EMPTY_TEXT), id="empty-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill the list."""
        self.refresh_list()

    @property
    def article_list(self) -> ArticleList:
        """The list widget."""
        return self.query_one(ArticleList)

    def refresh_list(self, *, position: int | None = None) -> None:
        """Load the list again from the library and update the status line."""
        articles = self.article_list
        articles.reload(position=position)
        empty = articles.total == 0 and not articles.filter_text
        if empty != self.has_class("-empty"):
            self.set_class(empty, "-empty")
            self.refresh_bindings()
        self.query_one("#filter", Input).display = not empty and self.filtering
        if not empty and not self.query_one("#filter", Input).has_focus:
            articles.focus()
        self._update_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no article at all, keys that act on articles are off (and out of the footer)."""
        return not (action in _ARTICLE_ACTIONS and self.has_class("-empty"))

    def _update_status(self) -> None:
        articles = self.article_list
        count = f"{articles.total:,} article" + ("" if articles.total == 1 else "s")
        if articles.filter_text:
            count += f" matching \u201c{one_line(articles.filter_text)}\u201d"
        status = Content.assemble(("Library", "bold"),
                                  f"  {count}, {SORT_WORDS[articles.sort_key]}")
        self.query_one("#library-status", Static).update(status)

    def on_screen_resume(self) -> None:
        """Back from the reader (or a modal): the article may now be read, or gone."""
        if self.is_mounted:
            self.refresh_list()

    # -- filtering ----------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Show the filter box and type into it."""
        if self.has_class("-empty"):
            return
        self.filtering = True
        filter_box = self.query_one("#filter", Input)
        filter_box.display = True
        filter_box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.apply_filter)

    def apply_filter(self) -> None:
        """Filter the list by what the filter box holds now."""
        value = self.query_one("#filter", Input).value
        if value != self.article_list.filter_text:
            self.article_list.filter_text = value
            self.refresh_list(position=0)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.apply_filter()
        self.article_list.focus()
        if self.article_list.current is not None:
            self.post_message(ArticleList.Opened(self.article_list.current.id))

    def action_clear_filter(self) -> None:
        """Clear the filter and go back to the list."""
        filter_box = self.query_one("#filter", Input)
        filter_box.value = ""
        self.filtering = False
        self.apply_filter()
        filter_box.display = False
        self.article_list.focus()
        self._update_status()

    def on_key(self, event: events.Key) -> None:
        """``down`` in the filter box moves into the list."""
        if event.key == "down" and self.query_one("#filter", Input).has_focus:
            self.article_list.focus()

    # -- actions on articles ----------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        """Sort by the next key: saved, published, title."""
        articles = self.article_list
        articles.sort_key = SORTS[(SORTS.index(articles.sort_key) + 1) % len(SORTS)]
        self.refresh_list(position=0)

    def action_toggle_read(self) -> None:
        """Mark the article under the cursor read, or unread."""
        current = self.article_list.current
        if current is None:
            return
        try:
            self.library.set_read(current.id, not current.read)
        except NotFoundError:
            self.refresh_list()
            return
        self.article_list.refresh_current()

    def action_delete(self) -> None:
        """Ask, then delete the article under the cursor with its highlights and notes."""
        current = self.article_list.current
        if current is None:
            return
        count = current.highlight_count
        consequence = (f"Its {count} highlight{'' if count == 1 else 's'} and their notes "
                       "will be deleted with it." if count else "It has no highlights.")
        question = Content.assemble(
            "Delete \u201c", (one_line(current.title), "bold"), "\u201d?\n\n", consequence)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                with suppress(NotFoundError):
                    self.library.delete(current.id)
                self.notify("Deleted.", markup=False)
                self.refresh_list()

        self.app.push_screen(ConfirmModal(question, confirm="Delete"), done)
