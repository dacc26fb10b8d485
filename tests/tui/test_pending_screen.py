"""Pilot tests of the addresses waiting to be fetched: ``is:pending`` in the library's
search lists them; enter fetches one and opens the article it becomes."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from newsreader.storage import Library
from newsreader.storage.pending import PendingUrl
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.pending import PendingScreen
from newsreader.tui.screens.reader.screen import ReaderScreen

from ..feed_server import serving
from .conftest import add_article, make_app, record_notices, seed_article, wait_until


def _prompts(screen: PendingScreen) -> list[str]:
    options = screen.query_one("#pending-list", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]




async def test_is_pending_lists_the_addresses_and_enter_fetches_and_opens_one(
        library: Library) -> None:
    add_article(library, seed_article(), "seed.txt")
    with serving() as server:
        url = f"{server.base}/later/tides.html"
        library.pending.add(PendingUrl(key=url, url=url, origin="pocket",
                                       title="Tides [b]later[/b]", saved="2026-10-01T09:00:00Z"))
        missing = f"{server.base}/missing.html"
        library.pending.add(PendingUrl(key=missing, url=missing, origin="pocket"))
        added = (library.pending.all()[1].added or "")[:10]
        app = make_app(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen)
                             and app.screen.article_list.total == 1)
            await pilot.press("slash", *"is:pending", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, PendingScreen)
                             and bool(app.screen.query("#pending-list")))
            screen = app.screen
            assert isinstance(screen, PendingScreen)
            assert _prompts(screen) == [
                "Tides [b]later[/b]  127.0.0.1  saved 2026-10-01",  # as written, not markup
                f"{missing}  127.0.0.1  saved {added}"]
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
            assert isinstance(app.screen, ReaderScreen)
            assert app.screen.stored.source == url
            assert [item.url for item in library.pending.all()] == [missing]


async def test_an_address_that_cannot_be_fetched_is_named_and_stays(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    add_article(library, seed_article(), "seed.txt")
    with serving() as server:
        missing = f"{server.base}/missing.html"
        library.pending.add(PendingUrl(key=missing, url=missing, origin="pocket"))
        app = make_app(library)
        async with app.run_test(size=(80, 24)) as pilot:
            notices = record_notices(app, monkeypatch)
            app.push_screen(PendingScreen(library))
            await wait_until(pilot, lambda: isinstance(app.screen, PendingScreen)
                             and bool(app.screen.query("#pending-list")))
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: bool(notices))
            assert notices[0].startswith("The address could not be fetched: ")
            assert isinstance(app.screen, PendingScreen)
            assert [item.url for item in library.pending.all()] == [missing]
