"""Pilot tests of the feeds view: listed with unread counts from the library's palette,
enter shows a feed's articles in the library, f fetches in the background."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from newsreader.domain.models import Article, Block
from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.screens.feeds import FeedsScreen
from newsreader.tui.screens.follow_modal import FollowModal
from newsreader.tui.screens.library import LibraryScreen

from ..feed_server import serving
from .conftest import (
    add_article,
    make_app,
    record_notices,
    run_palette,
    searched,
    wait_until,
)


def _article(title: str) -> Article:
    return Article(title=title, blocks=(Block("paragraph", f"{title} body text."),))


def _prompts(screen: FeedsScreen) -> list[str]:
    options = screen.query_one("#feeds-list", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def test_enter_shows_a_feeds_articles_in_the_library(library: Library) -> None:
    tide, _ = library.feeds.add("https://tide.example/feed.xml", title="Tide [bold]news[/]")
    other, _ = library.feeds.add("https://other.example/rss", title="Other")
    for n, title in enumerate(("Tide one", "Tide two")):
        library.feeds.mark_seen(tide.id, [(f"t{n}", add_article(library, _article(title),
                                                                f"/t/{n}"))])
    library.feeds.mark_seen(other.id, [("o", add_article(library, _article("Other one"),
                                                         "/o"))])
    add_article(library, _article("Not from a feed"), "/x")
    app = make_app(library)
    async with app.run_test() as pilot:
        await run_palette(app, pilot, "Feeds")
        await wait_until(pilot, lambda: isinstance(app.screen, FeedsScreen)
                         and bool(app.screen.query("#feeds-list")))
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        prompts = _prompts(screen)
        assert prompts[0].startswith("Other  1 unread")
        assert prompts[1].startswith("Tide [bold]news[/]  2 unread")  # as written, not markup
        screen.query_one("#feeds-list", OptionList).highlighted = 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen) and searched(app)
                         and app.screen.search_text != "")
        library_screen = app.screen
        assert isinstance(library_screen, LibraryScreen)
        assert library_screen.search_box.value == 'feed:"https://tide.example/feed.xml"'
        shown = {summary.title for summary in library_screen.article_list.rows_shown}
        assert shown == {"Tide one", "Tide two"}


async def test_f_fetches_every_feed_in_the_background(library: Library) -> None:
    with serving() as server:
        library.feeds.add(f"{server.base}/rss1.xml")
        library.feeds.add(f"{server.base}/broken.xml")
        app = make_app(library)
        async with app.run_test() as pilot:
            app.push_screen(FeedsScreen(library))
            await wait_until(pilot, lambda: isinstance(app.screen, FeedsScreen)
                             and bool(app.screen.query("#feeds-list")))
            screen = app.screen
            assert isinstance(screen, FeedsScreen)
            assert all("not fetched yet" in prompt for prompt in _prompts(screen))
            await pilot.press("f")
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: any("1 unread" in prompt
                                                for prompt in _prompts(screen)))
            prompts = _prompts(screen)
            assert any("failed: not a feed" in prompt for prompt in prompts)
            assert any("RSS One  1 unread  1 new" in prompt for prompt in prompts)


async def test_f_in_the_library_opens_the_feeds_view(library: Library) -> None:
    library.feeds.add("https://tide.example/feed.xml", title="Tide")
    add_article(library, _article("Not from a feed"), "/x")
    app = make_app(library)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen)
                         and app.screen.article_list.total == 1)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FeedsScreen)
                         and bool(app.screen.query("#feeds-list")))
        assert isinstance(app.screen, FeedsScreen)
        assert _prompts(app.screen)[0].startswith("Tide  0 unread")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_a_fetchs_progress_shows_on_the_library_too(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    with serving() as server:
        library.feeds.add(f"{server.base}/slow.xml")
        app = make_app(library)
        async with app.run_test() as pilot:
            notices = record_notices(app, monkeypatch)
            app.push_screen(FeedsScreen(library))
            await wait_until(pilot, lambda: isinstance(app.screen, FeedsScreen)
                             and bool(app.screen.query("#feeds-list")))
            await pilot.press("f")
            await pilot.press("escape")  # back to reading while it fetches
            await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: any("new article" in notice for notice in notices))
            assert notices[0].startswith("Fetching")
            assert notices[-1] == "8 new article(s)"
            # The list shown meanwhile is read again: the new articles are in it.
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            await wait_until(pilot, lambda: screen.article_list.total == 8)



async def _feeds_screen(app: NewsreaderApp, pilot: Pilot[Any], library: Library) -> FeedsScreen:
    app.push_screen(FeedsScreen(library))
    await wait_until(pilot, lambda: isinstance(app.screen, FeedsScreen)
                     and bool(app.screen.query("#feeds-list")))
    screen = app.screen
    assert isinstance(screen, FeedsScreen)
    return screen


async def _follow(app: NewsreaderApp, pilot: Pilot[Any], address: str) -> None:
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, FollowModal))
    app.screen.query_one("#follow-address", Input).value = address
    await pilot.press("enter")


async def test_a_follows_the_feed_a_page_names_and_says_why_it_cannot(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    with serving() as server:
        app = make_app(library)
        async with app.run_test() as pilot:
            notices = record_notices(app, monkeypatch)
            screen = await _feeds_screen(app, pilot, library)
            assert "a follows one" in str(screen.query_one("#feeds-status").render())
            await _follow(app, pilot, f"{server.base}/page.html")
            await wait_until(pilot, lambda: len(_prompts(screen)) == 1)
            assert _prompts(screen)[0].startswith("Atom & Tide")
            assert any(n.startswith("Following Atom & Tide") for n in notices)
            await _follow(app, pilot, f"{server.base}/broken.xml")
            await wait_until(pilot, lambda: any("Cannot follow" in n for n in notices))
            await _follow(app, pilot, "ftp://example.org/feed")
            await wait_until(pilot, lambda: any("starts with http" in n for n in notices))
    assert [feed.name for feed in library.feeds.all()] == ["Atom & Tide"]


async def test_d_unfollows_the_feed_under_the_cursor_once_confirmed(library: Library) -> None:
    kept, _ = library.feeds.add("https://kept.example/feed.xml", title="Kept")
    library.feeds.add("https://gone.example/feed.xml", title="Gone")
    library.feeds.mark_seen(kept.id, [("k", add_article(library, _article("Kept one"), "/k"))])
    app = make_app(library)
    async with app.run_test() as pilot:
        screen = await _feeds_screen(app, pilot, library)
        options = screen.query_one("#feeds-list", OptionList)
        options.highlighted = [p.startswith("Kept") for p in _prompts(screen)].index(True)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")  # the safe answer changes nothing
        await wait_until(pilot, lambda: app.screen is screen)
        assert len(_prompts(screen)) == 2
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: len(_prompts(screen)) == 1)
    assert [feed.name for feed in library.feeds.all()] == ["Gone"]
    assert [summary.title for summary in library.articles.page(limit=10)] == ["Kept one"]


async def test_j_and_k_move_in_the_feeds_list(library: Library) -> None:
    for name in ("One", "Two", "Three"):
        library.feeds.add(f"https://{name.lower()}.example/feed.xml", title=name)
    app = make_app(library)
    async with app.run_test() as pilot:
        screen = await _feeds_screen(app, pilot, library)
        options = screen.query_one("#feeds-list", OptionList)
        assert options.highlighted == 0
        await pilot.press("j", "j")
        assert options.highlighted == 2
        await pilot.press("k")
        assert options.highlighted == 1
