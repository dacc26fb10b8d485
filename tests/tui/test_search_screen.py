"""Pilot tests of full-text search in the library: as you type, errors, paging, opening."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Input, Static

from newsreader.domain.models import Article, Block
from newsreader.domain.search_query import Query, QueryError
from newsreader.storage import Library
from newsreader.storage.search import SearchHit
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens import library as library_module
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.library_search import SearchConnection, as_you_type
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets import article_list
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.list_cells import MATCH_STYLE

from .conftest import add_article, make_app, wait_until


def titles(app: NewsreaderApp) -> list[str]:
    return [summary.title for summary in app.screen.query_one(ArticleList).rows_shown]


async def settle(app: NewsreaderApp, pilot: Any) -> None:
    """Wait until the typing pause has passed and the search it started has answered."""
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    await wait_until(pilot, lambda: not screen.search_pending)
    await pilot.pause()


def status(app: NewsreaderApp) -> str:
    return str(app.screen.query_one("#library-status", Static).render())


def styled(text: Text, style: str) -> list[str]:
    return [text.plain[span.start:span.end] for span in text.spans if str(span.style) == style]


def test_the_word_being_typed_is_a_prefix_once_it_has_three_letters() -> None:
    assert as_you_type("tim").match == '"tim"*'
    assert as_you_type("ferry ti").match == '"ferry"'  # too short to search yet
    assert as_you_type("ti").match == '"ti"'  # the only word: searched as it is
    assert as_you_type("ferry ").match == '"ferry"'  # finished: no prefix
    assert as_you_type("tag:news").tags == ("news",) and not as_you_type("tag:news").match
    with pytest.raises(QueryError):
        as_you_type('"unclosed')


async def test_typing_after_slash_narrows_the_list_to_full_text_matches(
        filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"boats")  # only in the ferry article's body
        assert app.screen.query_one("#search", Input).has_focus
        await settle(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.searching and titles(app) == ["Ferry timetable changes"]
        title_cell = articles.get_row_at(0)[1]
        title_line, snippet_line = title_cell.plain.split("\n")
        assert title_line.startswith("Ferry") and "Boats" in snippet_line
        assert styled(title_cell, MATCH_STYLE) == ["Boats"]
        assert "1 result for \u201cboats\u201d" in status(app)
        await pilot.press("ctrl+a", "ctrl+k", *"paragr")  # a prefix as you type
        await settle(app, pilot)
        assert titles(app) == ["A long article"]


async def test_a_match_in_the_title_is_marked_in_the_title(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"budget")
        await settle(app, pilot)
        cell = app.screen.query_one(ArticleList).get_row_at(0)[1]
        assert "\n" not in cell.plain and styled(cell, MATCH_STYLE) == ["Budget"]


async def test_filters_alone_list_newest_first(filled: Library) -> None:
    ferry = next(a.id for a in filled.articles.page() if a.title.startswith("Ferry"))
    filled.tags.update(ferry, add=["boats"])
    filled.articles.set_read(ferry, True)
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"tag:boats")
        await settle(app, pilot)
        assert titles(app) == ["Ferry timetable changes"]
        await pilot.press("ctrl+a", "ctrl+k", *"is:unread")
        await settle(app, pilot)
        assert len(titles(app)) == 3 and "Ferry timetable changes" not in titles(app)


async def test_a_malformed_query_says_why_inline_and_keeps_the_list(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(filled)
    notices: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
        await pilot.press("slash", *"boats")
        await settle(app, pilot)
        await pilot.press(*' "ti')
        await settle(app, pilot)
        message = app.screen.query_one("#search-message", Static)
        assert message.display and "quotation mark" in str(message.render())
        assert titles(app) == ["Ferry timetable changes"]  # the last good results stay
        await pilot.press("enter")  # cannot open from a malformed query
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press('"')
        await settle(app, pilot)
        assert not message.display
        await pilot.press("ctrl+a", "ctrl+k", *"is:zz")
        await settle(app, pilot)
        assert message.display and "is:zz" in str(message.render())
        assert app.is_running and notices == []


async def test_an_empty_query_restores_the_whole_list(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"boats")
        await settle(app, pilot)
        assert len(titles(app)) == 1
        for _ in range(5):
            await pilot.press("backspace")
        await settle(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert not articles.searching and articles.total == 4
        assert "4 articles, 4 unread, newest saved first" in status(app)
        assert app.screen.query_one("#search", Input).has_focus  # still typing


async def test_escape_clears_the_search(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"nothing matches this")
        await settle(app, pilot)
        assert app.screen.query_one(ArticleList).total == 0
        assert "0 results" in status(app)
        await pilot.press("escape")
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 4 and not articles.searching
        assert not app.screen.query_one("#search", Input).display
        assert articles.has_focus


async def test_enter_opens_the_selected_result_and_back_keeps_the_results(
        filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"example")  # the long article's site, and two sites
        await settle(app, pilot)
        assert len(titles(app)) == 3
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        opened = app.screen.stored.article.title
        await pilot.press("q")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        articles = app.screen.query_one(ArticleList)
        assert articles.searching and len(titles(app)) == 3
        current = articles.current
        assert current is not None and current.title == opened and current.read


async def test_enter_straight_after_typing_searches_then_opens(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"votes", "enter")  # before the typing pause is over
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.stored.article.title == "Budget vote delayed"


async def test_results_are_paged_as_the_cursor_nears_their_end(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "SEARCH_PAGE", 5)
    monkeypatch.setattr(article_list, "MORE_MARGIN", 2)
    for number in range(16):
        add_article(library, Article(title=f"Harbour story {number:02}",
                                     blocks=(Block("paragraph", "harbour"),)), f"h{number}.txt")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"harbour", "down")
        await settle(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 5 and articles.more_hits
        assert "5+ results" in status(app)
        for _ in range(18):
            await pilot.press("j")
            await settle(app, pilot)
        assert articles.total == 16 and not articles.more_hits
        assert len({summary.id for summary in articles.rows_shown}) == 16


async def test_a_stale_search_never_replaces_newer_results(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release, answered = threading.Event(), threading.Event(), threading.Event()
    search = SearchConnection.search

    def slow_for_boats(self: SearchConnection, query: Query, **options: Any) -> list[SearchHit]:
        if "boats" in query.match:  # held back until the newer search has answered
            started.set()
            release.wait(timeout=5)
            hits = search(self, query, **options)
            answered.set()
            return hits
        return search(self, query, **options)

    monkeypatch.setattr(SearchConnection, "search", slow_for_boats)
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"boats")
        await wait_until(pilot, started.is_set)
        await pilot.press("ctrl+a", "ctrl+k", *"votes")
        await settle(app, pilot)
        assert titles(app) == ["Budget vote delayed"]
        release.set()  # the older search answers late
        await wait_until(pilot, answered.is_set)
        await pilot.pause()
        await pilot.pause()
        assert titles(app) == ["Budget vote delayed"]
        assert "\u201cvotes\u201d" in status(app)


async def test_a_hostile_title_found_by_search_shows_literally(library: Library) -> None:
    add_article(library, Article(title="Evil [@click=app.quit]quit[/] [/] harbour",
                                 blocks=(Block("paragraph", "harbour [b]x[/b]"),)), "evil.txt")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"harbour")
        await settle(app, pilot)
        cell = app.screen.query_one(ArticleList).get_row_at(0)[1]
        assert cell.plain.startswith("Evil [@click=app.quit]quit[/] [/] harbour")
        await pilot.click(ArticleList, offset=(10, 1))
        await pilot.pause()
        assert app.is_running
