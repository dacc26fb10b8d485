"""The library: every saved article in a paged list, with full-text search as you type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker

from newsreader.domain.search_query import Query, QueryError
from newsreader.storage import Library, LibraryError, SortKey
from newsreader.storage.search import SearchHit
from newsreader.tui.key_names import key_for
from newsreader.tui.safe import one_line
from newsreader.tui.screens.library_actions import ONLY_WORDS, ArticleActions, plural
from newsreader.tui.screens.library_search import (
    SearchConnection,
    as_you_type,
    asks_for_pending,
    exact_part,
)
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.key_footer import KeyFooter

SORT_WORDS: dict[SortKey, str] = {
    "saved": "newest saved first", "published": "newest published first", "title": "by title"}
EMPTY_TEXT = (
    "Your library is empty.\n\n"
    "Add articles from a terminal:\n\n"
    "    newsreader add page.html notes.txt https://example.com/story\n"
    "    newsreader open saved-page.html    (add one and read it now)\n\n"
    "or press ctrl+p here and choose \u201cImport a file or URL\u201d."
)
SEARCH_PLACEHOLDER = ('Search: words, "a phrase", prefix*, tag:x, site:x, is:unread, '
                      "has:notes \u2026 (enter opens, escape clears)")
SEARCH_DELAY = 0.15  # seconds of quiet typing before the search runs
SEARCH_PAGE = 50  # results fetched at a time; more as the cursor nears the end


def _feed_commands() -> type[Provider]:
    # Loaded when the palette opens, not with the first screen.
    from newsreader.tui.screens.feeds import FeedCommands

    return FeedCommands


class LibraryScreen(Screen[None]):
    """The list of saved articles; ``/`` searches them, ``enter`` opens one in the reader.

    The keys that act on the list and the article under the cursor are the list's own
    (``ArticleActions``); the screen searches, and shows the list again when they ask.
    """

    TITLE = "Library"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_search", "Clear the search", show=False,
                id="library.clear_search"),
        Binding("ctrl+r", "reload", "Reload (see changes made elsewhere)", show=False,
                id="library.reload"),
        # The screen's, not the list's: deleting the last article hides the list.
        Binding("u", "undo", "Undo archive/delete", show=False, id="library.undo"),
        Binding("f", "feeds", "Feeds", show=False, id="library.feeds"),
        Binding("q", "app.quit", "Quit", id="library.quit"),
    ]

    AUTO_FOCUS = "#article-list"
    # The feeds view is offered here, where the feed chosen becomes the search.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        _feed_commands}

    def __init__(self, library: Library, *, sort: SortKey = "saved",
                 show_archived: bool = False) -> None:
        super().__init__()
        self.library = library
        self.start_sort: SortKey = sort
        self.start_archived = show_archived
        """The list's order, and whether it shows archived articles, when first shown
        (the settings file's)."""
        self.searching = False
        self.search_text = ""
        """The text whose results the list shows ("" for the whole library)."""
        self.search_error = ""
        self._query = Query()
        self._generation = 0
        self._search_timer: Timer | None = None
        self._worker: Worker[None] | None = None
        self._searcher = SearchConnection(library)

    def compose(self) -> ComposeResult:
        """Status line, search box (hidden until ``/``), the list or the empty message."""
        with Vertical(id="library-body"):
            yield Static(id="library-status")
            yield Input(placeholder=SEARCH_PLACEHOLDER, id="search")
            yield Static(id="search-message")
            yield ArticleActions(self.library, id="article-actions")
            with Center(id="empty-library"):
                yield Static(Content(EMPTY_TEXT), id="empty-text")
        yield KeyFooter()

    def on_unmount(self) -> None:
        """Close the search connection."""
        self._searcher.close()

    @property
    def article_actions(self) -> ArticleActions:
        """The list with its keys."""
        return self.query_one(ArticleActions)

    @property
    def article_list(self) -> ArticleList:
        """The list widget."""
        return self.query_one(ArticleList)

    @property
    def search_box(self) -> Input:
        """The search input."""
        return self.query_one("#search", Input)

    def refresh_list(self, *, position: int | None = None) -> None:
        """Show the list again (the library, or the search results), keeping the cursor."""
        articles = self.article_list
        if self.search_text:
            self.start_search(position=articles.position if position is None else position)
            return
        articles.reload(position=position)
        empty = articles.total == 0 and self.library.articles.is_empty()
        if empty != self.has_class("-empty"):
            self.set_class(empty, "-empty")
            self.article_actions.library_empty = empty
            self.refresh_bindings()
        self.search_box.display = not empty and self.searching
        if not empty and not self.search_box.has_focus:
            articles.focus()
        self.update_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no article at all there is nothing to search (and ``/`` is out of the
        footer)."""
        return not (action == "search" and self.has_class("-empty"))

    def on_article_actions_changed(self, message: ArticleActions.Changed) -> None:
        """A key changed the list (its order, what it holds): show it again."""
        if message.reload:
            self.refresh_list(position=message.position)
        if message.show_id is not None:
            self.article_list.show_article(message.show_id)
        self.update_status()

    def update_status(self) -> None:
        """Say what the list shows: how many, in what order, and whether archived ones."""
        articles = self.article_list
        if articles.searching:
            count = f"{articles.total:,}{'+' if articles.more_hits else ''} result" + (
                "" if articles.total == 1 and not articles.more_hits else "s")
            count += f" for \u201c{one_line(self.search_text)}\u201d, best first"
        else:
            count = plural(articles.total, "article")
            if not articles.only and articles.total:
                try:
                    unread = self.library.articles.unread_count(
                        include_archived=articles.include_archived)
                except LibraryError:
                    unread = None
                count += "" if unread is None else f", {unread:,} unread"
            count += f", {SORT_WORDS[articles.sort_key]}"
        status = Content.assemble(("Library", "bold"), f"  {count}")
        for flag in articles.only:
            key = key_for(self, f"toggle_only('{flag}')", "U" if flag == "unread" else "F")
            status += Content.assemble(
                "  ", (f"[{ONLY_WORDS[flag]} only: {key} shows all]", "reverse"))
        if articles.include_archived:
            key = key_for(self, "show_archived", "A")
            status += Content.assemble("  ", (f"[archived shown: {key} hides]", "reverse"))
        self.query_one("#library-status", Static).update(status)

    def action_undo(self) -> None:
        """Undo the last archive or delete."""
        self.article_actions.undo()

    def action_feeds(self) -> None:
        """Show the feeds followed; the one chosen becomes the search."""
        from newsreader.tui.screens.feeds import show_feeds

        show_feeds(self.app, self)

    def on_mount(self) -> None:
        """Start the list in the order, and with the archived articles, the settings chose."""
        self.article_list.sort_key = self.start_sort
        self.article_list.include_archived = self.start_archived

    def on_screen_resume(self) -> None:
        """Fill the list when first shown; back from the reader (or a modal), the article
        may now be read, or gone."""
        self.refresh_list()

    # -- searching ----------------------------------------------------------------------------

    def action_reload(self) -> None:
        """Read the library again: another newsreader may have changed it."""
        self.refresh_list()

    def action_search(self) -> None:
        """Show the search box and type into it."""
        if self.has_class("-empty"):
            return
        self.searching = True
        self.search_box.display = True
        box = self.search_box
        if self.is_active:
            # At once, not after the keys queued: the letters typed after / are the query.
            self.set_focus(box)
        # And once what runs the action is done: the palette, closing, gives back the focus.
        box.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._typing_paused)

    @property
    def search_pending(self) -> bool:
        """A search is waiting for the typing to pause, or running: what the list shows
        will change when it is done."""
        return self._search_timer is not None or (
            self._worker is not None and not self._worker.is_finished)

    def _typing_paused(self) -> None:
        self._search_timer = None
        self.start_search()

    def _stop_timer(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None

    def _parse(self) -> Query | None:
        """The query in the box, or None (with its message shown) if it is malformed."""
        text = self.search_box.value
        if asks_for_pending(text):
            self._show_message("is:pending: enter lists the addresses waiting to be fetched")
            return None
        try:
            query = as_you_type(text)
        except QueryError as error:
            self._show_message(str(error))
            return None
        self._show_message("")
        return query

    def _new_search(self) -> Query | None:
        """Stop the search under way and read the box: the query to run, or None when there
        is none (a malformed query, whose message is shown; or an empty box, which brings
        the whole list back)."""
        self._generation += 1
        self._searcher.interrupt()
        query = self._parse()
        if query is None:
            return None
        if query.is_empty:
            self._show_library()
            return None
        self._query = query
        return query

    def start_search(self, *, position: int = 0) -> None:
        """Search for what the box holds now, in a worker (the empty box: the whole list)."""
        query = self._new_search()
        if query is None:
            return
        self._worker = self._search(self._generation, self.search_box.value, query, 0,
                                    position)

    def search_now(self) -> None:
        """Search for what the box holds, here and now (enter was pressed before the worker)."""
        self._stop_timer()
        query = self._new_search()
        if query is None:
            return
        try:
            hits = self._run(query, 0, self.search_box.value)
        except LibraryError as error:
            self._show_message(f"The search failed: {error}")
            return
        self._show_hits(self._generation, self.search_box.value, hits, 0, 0)

    def _run(self, query: Query, offset: int, text: str) -> list[SearchHit]:
        """One page of results for ``query`` (made of ``text``), ranked as ``newsreader
        search`` ranks ``text``: its exact words before what a prefix completes."""
        articles = self.article_list
        flags = tuple(flag for flag in articles.only if flag not in query.flags)
        return self._searcher.search(replace(query, flags=query.flags + flags),
                                     limit=SEARCH_PAGE + 1, offset=offset,
                                     include_archived=articles.include_archived,
                                     exact_first=exact_part(text, query))

    @work(thread=True, exclusive=True, group="search")
    def _search(self, generation: int, text: str, query: Query, offset: int,
                position: int) -> None:
        """Run one search in a thread and hand its results to the UI if still wanted."""
        try:
            hits = self._run(query, offset, text)
        except LibraryError as error:
            if generation == self._generation:  # else: interrupted by a newer keystroke
                self.app.call_from_thread(self._show_message, f"The search failed: {error}")
            return
        if generation == self._generation:
            self.app.call_from_thread(self._show_hits, generation, text, hits, offset, position)

    def _show_hits(self, generation: int, text: str, hits: list[SearchHit], offset: int,
                   position: int) -> None:
        if generation != self._generation:
            return
        more = len(hits) > SEARCH_PAGE
        articles = self.article_list
        if offset == 0:
            self.search_text = text
            articles.show_hits(hits[:SEARCH_PAGE], more=more, position=position)
            self.refresh_bindings()
        else:
            articles.add_hits(hits[:SEARCH_PAGE], more=more)
        self.update_status()

    def on_article_list_more_wanted(self, message: ArticleList.MoreWanted) -> None:
        """The cursor nears the end of the results: fetch the next page in the background."""
        hits = self.article_list.hits
        if hits is not None and self.search_text:
            self._worker = self._search(self._generation, self.search_text, self._query,
                                        len(hits), 0)

    def _show_message(self, message: str) -> None:
        self.search_error = message
        box = self.query_one("#search-message", Static)
        box.update(Content(message))
        box.display = bool(message)

    def _show_library(self) -> None:
        if self.search_text or self.article_list.searching:
            self.search_text = ""
            self.refresh_list(position=0)
            self.refresh_bindings()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if asks_for_pending(self.search_box.value):
            from newsreader.tui.screens.pending import PendingScreen

            self.app.push_screen(PendingScreen(self.library))
            return
        if self.search_error:
            return
        if self.search_box.value != self.search_text or self._search_timer is not None:
            self.search_now()
        self.article_list.focus()
        if self.article_list.current is not None:
            self.post_message(ArticleList.Opened(self.article_list.current.id))

    def action_clear_search(self) -> None:
        """Clear the search and go back to the whole list."""
        self._stop_timer()
        self._generation += 1
        self._searcher.interrupt()
        self.search_box.value = ""
        self.searching = False
        self._show_message("")
        self.search_box.display = False
        self._show_library()
        self.article_list.focus()
        self.update_status()

    def on_key(self, event: events.Key) -> None:
        """``down`` in the search box moves into the list."""
        if event.key == "down" and self.search_box.has_focus:
            self.article_list.focus()
