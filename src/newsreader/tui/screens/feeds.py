"""The feeds followed, each with its unread articles counted (``Feeds`` in the library's
command palette). ``enter`` shows a feed's articles in the library (a ``feed:`` search);
``f`` fetches every feed and the pending addresses in the background; ``a`` follows a
feed, ``d`` stops following one (its articles stay)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.storage import Library, LibraryError
from newsreader.storage.feeds import Feed
from newsreader.tui.key_names import key_for
from newsreader.tui.safe import one_line
from newsreader.tui.widgets.key_footer import KeyFooter
from newsreader.tui.widgets.row_list import RowList

if TYPE_CHECKING:
    from newsreader.ingest.feeds.fetching import FetchReport

FEEDS_COMMAND = "Feeds"
PROGRESS_EVERY = 1.0
"""Seconds between two progress notices of a fetch (shown on any screen)."""
FEEDS_HELP = "The feeds followed, with unread counts; enter shows a feed's articles"


def feed_search(feed: Feed) -> str:
    """The library search that shows a feed's articles."""
    # A quotation mark cannot stand inside a quoted value; an address never needs one.
    url = feed.url.replace('"', "")
    return f'feed:"{url}"'


class FetchEnded(Message):
    """A background fetch saved new articles: a list showing the library is out of date."""

    def __init__(self, added: int) -> None:
        super().__init__()
        self.added = added


class FeedsScreen(Screen[str | None]):
    """The list of feeds; dismissed with the search that shows the chosen feed's articles,
    or None."""

    TITLE = "Feeds"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="library.feeds_back"),
        Binding("f", "fetch", "Fetch all", id="library.feeds_fetch"),
        Binding("a", "follow", "Follow a feed", id="library.feeds_follow"),
        Binding("d", "unfollow", "Unfollow", id="library.feeds_unfollow"),
    ]
    AUTO_FOCUS = "#feeds-list"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._done = (0, 0)
        """How many feeds and addresses the fetch under way has done, of how many."""
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        """Status line, the feeds, the keys."""
        yield Static(id="feeds-status")
        yield RowList(id="feeds-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        """List the feeds."""
        self.fill()

    def fill(self) -> None:
        """List the feeds again (after a fetch), keeping the cursor where it was."""
        try:
            feeds = self.library.feeds.all()
        except LibraryError as error:
            self.status(f"The feeds cannot be read: {error}")
            return
        options = self.query_one("#feeds-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(Content.assemble(
            (one_line(feed.name), "bold"), f"  {feed.unread:,} unread  ",
            (one_line(feed.last_result or "not fetched yet"), "dim")), id=str(feed.id))
            for feed in feeds])
        if feeds:
            options.highlighted = min(highlighted or 0, len(feeds) - 1)
        unread = sum(feed.unread for feed in feeds)
        self.status(f"{len(feeds):,} feed(s), {unread:,} unread" if feeds else
                    f"No feeds followed yet: {key_for(self, 'follow', 'a')} follows one.")

    def status(self, text: str) -> None:
        """Show a line above the list (plain text, never markup)."""
        self.query_one("#feeds-status", Static).update(Content.assemble(
            ("Feeds", "bold"), "  ", one_line(text)))

    @on(OptionList.OptionSelected, "#feeds-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        try:
            feed = self.library.feeds.get(int(event.option.id))
        except LibraryError:
            self.fill()  # removed meanwhile
            return
        self.dismiss(feed_search(feed))

    def action_close(self) -> None:
        """Back to the library, as it was."""
        self.dismiss(None)

    def action_follow(self) -> None:
        """Ask for an address, then follow the feed there in a thread (it is fetched over
        the network to find out that it is one)."""
        from newsreader.tui.screens.follow_modal import FollowModal

        def given(address: str | None) -> None:
            if address:
                self.status(f"Looking for a feed at {address}\u2026")
                self.run_worker(partial(self._follow, address), thread=True,
                                group="feeds-follow", exit_on_error=False)

        self.app.push_screen(FollowModal(), given)

    def _follow(self, address: str) -> None:
        """In a worker thread, on a connection of its own: follow, then say how it went."""
        from newsreader.ingest.feeds.model import FeedError
        from newsreader.ingest.feeds.subscribe import follow
        from newsreader.ingest.http import HttpError

        try:
            with self.library.reopen() as own:
                summary = follow(own, address).summary()
        except (FeedError, HttpError, LibraryError) as error:
            self.app.call_from_thread(self._followed, f"Cannot follow {address}: {error}",
                                      failed=True)
            return
        self.app.call_from_thread(self._followed, summary[:1].upper() + summary[1:])

    def _followed(self, message: str, *, failed: bool = False) -> None:
        self.app.notify(message, title="Feeds", severity="error" if failed else "information",
                        markup=False)
        if self.is_attached:
            self.fill()

    def action_unfollow(self) -> None:
        """Stop following the feed under the cursor, once confirmed; its articles stay."""
        from newsreader.tui.screens.confirm import ConfirmModal

        option_list = self.query_one("#feeds-list", OptionList)
        index = option_list.highlighted
        if index is None:
            return
        feed_id = option_list.get_option_at_index(index).id
        if feed_id is None:
            return
        try:
            feed = self.library.feeds.get(int(feed_id))
        except LibraryError:
            self.fill()  # removed meanwhile
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.library.feeds.remove(feed.id)
            except LibraryError as error:
                self.app.notify(f"Cannot unfollow {feed.name}: {error}", severity="error",
                                markup=False)
            self.fill()

        question = Content(f"Stop following {one_line(feed.name)}? Its articles stay in "
                           "the library.")
        self.app.push_screen(ConfirmModal(question, confirm="Unfollow"), answered)

    def action_fetch(self) -> None:
        """Fetch every feed and the pending addresses in a thread of the app's (it goes on
        when this screen is closed); the status line shows the progress."""
        if self._fetching():
            return
        self.status("Fetching\u2026")
        self._done = (0, 0)
        self.app.run_worker(partial(fetch_in_background, self.app, self.library,
                                    self._progress, self._fetched),
                            thread=True, group="feeds-fetch", exit_on_error=False)
        self._tell_progress()
        # The app's timer, not the screen's: the fetch goes on when this screen is closed.
        self._ticker = self.app.set_interval(PROGRESS_EVERY, self._tell_progress)

    def _fetching(self) -> bool:
        return any(worker.group == "feeds-fetch" and not worker.is_finished
                   for worker in self.app.workers)

    def _progress(self, done: int, total: int, name: str) -> None:
        self._done = (done, total)
        if self.is_attached:
            self.status(f"Fetching {done}/{total}: {name}")

    def _tell_progress(self) -> None:
        # Reading goes on elsewhere meanwhile: a short notice, renewed every second while
        # the fetch runs, says how far it got on whatever screen is shown.
        if not self._fetching():  # ended without a word (an unexpected error)
            if self._ticker is not None:
                self._ticker.stop()
            return
        done, total = self._done
        self.app.notify(f"Fetching {done}/{total} feeds and addresses\u2026" if total
                        else "Fetching the feeds\u2026",
                        title="Feeds", timeout=PROGRESS_EVERY, markup=False)

    def _fetched(self, report: FetchReport | None, error: str | None) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if report is None:
            self.app.notify(f"The fetch failed: {error}", severity="error", markup=False)
        else:
            failed = sum(1 for result in report.feeds if result.status == "failed") + sum(
                1 for result in report.pending if result.error)
            self.app.notify(f"{report.added:,} new article(s)"
                            + (f"; {failed} failed (see the feeds' results)" if failed else ""),
                            title="Feeds", severity="warning" if failed else "information",
                            markup=False)
            if report.added:
                # The app may be showing the library by now (the fetch outlives this screen).
                self.app.post_message(FetchEnded(report.added))
        if self.is_attached:
            self.fill()


def fetch_in_background(app: App[object], library: Library,
                        progress: Callable[[int, int, str], None],
                        done: Callable[[FetchReport | None, str | None], None]) -> None:
    """Run in a worker thread: fetch with a connection of its own, telling the UI thread
    how far it got and what came of it."""
    from newsreader.ingest.feeds.fetching import fetch

    try:
        with library.reopen() as own:
            report = fetch(own, own.feeds.all(), pending=own.pending.all(),
                           progress=lambda *step: app.call_from_thread(progress, *step))
    except LibraryError as error:
        app.call_from_thread(done, None, str(error))
        return
    app.call_from_thread(done, report, None)


class Searchable(Protocol):
    """A screen with a search box (the library)."""

    library: Library

    @property
    def search_box(self) -> Input: ...

    def action_search(self) -> None: ...

    def search_now(self) -> None: ...


def show_feeds(app: App[object], screen: Searchable) -> None:
    """Show the feeds; the one chosen becomes the library's search."""
    def chosen(search: str | None) -> None:
        if search:
            screen.action_search()
            screen.search_box.value = search
            screen.search_now()

    app.push_screen(FeedsScreen(screen.library), chosen)


class FeedCommands(Provider):
    """``Feeds`` in the library's command palette."""

    def _callback(self) -> Callable[[], None] | None:
        screen = self.screen
        if not hasattr(screen, "search_now") or not hasattr(screen, "library"):
            return None
        return partial(show_feeds, self.app, screen)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        """Offered with nothing typed."""
        if (callback := self._callback()) is not None:
            yield DiscoveryHit(Content(FEEDS_COMMAND), callback, help=FEEDS_HELP)

    async def search(self, query: str) -> Hits:
        """Offered when what is typed fuzzily matches its name."""
        if (callback := self._callback()) is None:
            return
        score = self.matcher(query).match(FEEDS_COMMAND)
        if score > 0:
            yield Hit(score, Content(FEEDS_COMMAND), callback, help=FEEDS_HELP)
