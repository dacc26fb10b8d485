"""The addresses waiting to be fetched (``is:pending`` in the library's search): each with
its title, host and when it was saved; ``enter`` fetches one, as ``newsreader fetch`` does,
and opens the article it becomes."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsreader.storage import Library, LibraryError
from newsreader.storage.pending import PendingUrl
from newsreader.tui.safe import one_line
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.key_footer import KeyFooter
from newsreader.tui.widgets.row_list import RowList


def pending_row(item: PendingUrl) -> Content:
    """One address as a row: its title (else the address), host and saved date, as plain
    text (a title from an export is never markup)."""
    host = urlsplit(item.url).hostname or ""
    saved = (item.saved or item.added or "")[:10]
    return Content.assemble((one_line(item.title or item.url), "bold"), f"  {one_line(host)}  ",
                            (f"saved {saved}" if saved else "", "dim"))


class PendingScreen(Screen[None]):
    """The list of addresses waiting; ``enter`` fetches the one under the cursor and opens
    it in the reader."""

    TITLE = "Pending"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="library.pending_back"),
    ]
    AUTO_FOCUS = "#pending-list"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.fetching: str | None = None
        """The key of the address being fetched (one at a time)."""

    def compose(self) -> ComposeResult:
        """Status line, the addresses, the keys."""
        yield Static(id="pending-status")
        yield RowList(id="pending-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        """List the addresses."""
        self.fill()

    def fill(self) -> None:
        """List the addresses waiting again, keeping the cursor where it was."""
        try:
            items = self.library.pending.all()
        except LibraryError as error:
            self.status(f"The addresses waiting cannot be read: {error}")
            return
        options = self.query_one("#pending-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(pending_row(item), id=item.key) for item in items])
        if items:
            options.highlighted = min(highlighted or 0, len(items) - 1)
        self.status(f"{len(items):,} address(es) waiting; enter fetches one and opens it"
                    if items else "No address is waiting to be fetched.")

    def status(self, text: str) -> None:
        """Show a line above the list (plain text, never markup)."""
        self.query_one("#pending-status", Static).update(Content.assemble(
            ("Pending", "bold"), "  ", one_line(text)))

    @on(OptionList.OptionSelected, "#pending-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None or self.fetching is not None:
            return
        item = next((item for item in self.library.pending.all()
                     if item.key == event.option.id), None)
        if item is None:
            self.fill()  # fetched meanwhile
            return
        self.fetching = item.key
        self.status(f"Fetching {item.url}\u2026")
        self._fetch(item)

    @work(thread=True, group="pending-fetch", exit_on_error=False)
    def _fetch(self, item: PendingUrl) -> None:
        """Fetch the address as ``newsreader fetch`` does, with a connection of its own."""
        from newsreader.ingest.feeds.fetching import fetch

        try:
            with self.library.reopen() as own:
                report = fetch(own, [], pending=[item])
        except LibraryError as error:
            self.app.call_from_thread(self._fetched, None, str(error))
            return
        result = report.pending[0]
        self.app.call_from_thread(self._fetched, result.article_id, result.error)

    def _fetched(self, article_id: int | None, error: str | None) -> None:
        self.fetching = None
        if article_id is None:
            self.app.notify(f"The address could not be fetched: {error}", severity="error",
                            markup=False)
            if self.is_attached:
                self.fill()
            return
        if self.is_attached and self.app.screen is self:
            self.dismiss()
        # The app opens an article chosen anywhere in the library.
        self.app.post_message(ArticleList.Opened(article_id))

    def action_close(self) -> None:
        """Back to the library."""
        self.dismiss()
