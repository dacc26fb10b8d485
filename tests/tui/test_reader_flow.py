"""From one article to the next inside the reader: ``J``/``K`` follow the library's list as
it is shown (its order, its search), and the library's cursor follows them."""

from __future__ import annotations

from typing import Any

import pytest

from newsreader.storage import Library
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import article_id, make_app, record_notices, searched, wait_until


def titles_in_list(app: Any) -> list[str]:
    return [summary.title for summary in app.screen.query_one(ArticleList).rows_shown]


async def reading(pilot: Any, title: str) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen)
                     and pilot.app.screen.stored.article.title.startswith(title))


async def test_capital_j_and_k_follow_the_library_order(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(filled)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: bool(titles_in_list(app)))
        order = titles_in_list(app)
        await pilot.press("enter")
        await reading(pilot, order[0])
        await pilot.press("J")
        await reading(pilot, order[1])
        await pilot.press("J")
        await reading(pilot, order[2])
        await pilot.press("K")
        await reading(pilot, order[1])
        await pilot.press("K", "K")
        await reading(pilot, order[0])
        assert notices[-1] == "This is the first article in the library's list."
        await pilot.press("J", "q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        current = app.screen.query_one(ArticleList).current
        assert current is not None and current.title == order[1]  # the cursor followed


async def test_capital_j_keeps_to_the_search_results(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(filled)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: bool(titles_in_list(app)))
        everything = titles_in_list(app)
        await pilot.press("slash", *"example")
        await wait_until(pilot, lambda: searched(app))
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = titles_in_list(app)
        assert 1 < len(results) < len(everything) and results != everything[:len(results)]
        await pilot.press("enter")
        await reading(pilot, results[0])
        for title in results[1:]:
            await pilot.press("J")
            await reading(pilot, title)
        await pilot.press("J")  # the end of the results, not the next article in the library
        await pilot.pause()
        assert notices[-1] == "This is the last article in the library's list."
        await reading(pilot, results[-1])


async def test_without_the_library_screen_the_library_order_is_used(filled: Library) -> None:
    newest = filled.articles.page(limit=2)
    app = make_app(filled, newest[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await reading(pilot, newest[0].title)
        await pilot.press("J")
        await reading(pilot, newest[1].title)
        await pilot.press("K")
        await reading(pilot, newest[0].title)
        assert article_id(filled, newest[0].title) == newest[0].id
