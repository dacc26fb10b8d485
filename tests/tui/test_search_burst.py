"""The letters typed at once after ``/`` (as tmux sends ``/the``) all reach the search line,
in the reader and in the library.

``pilot.press`` lets the app go idle after each key, which a terminal does not: the keys
are posted here all at once, before the app handles the first, as they arrive from tmux.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from newsreader.storage import Library
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import article_id, make_app, wait_until


def burst(app: Any, *keys: str) -> None:
    """Queue ``keys`` as one burst of input, ``/`` first."""
    app.post_message(events.Key("slash", "/"))
    for key in keys:
        app.post_message(events.Key(key, key))


async def test_a_burst_after_slash_reaches_the_reader_search(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.pause()
        burst(app, "t", "h", "e")
        await wait_until(pilot, lambda: bool(app.screen.query("#reader-search")))
        line = app.screen.query_one("#reader-search", Input)
        await wait_until(pilot, lambda: line.value == "the", timeout=2)
        assert line.has_focus
        await pilot.press("escape")
        await pilot.press("slash", "a", "n", "d")  # and the line, once made, again
        await wait_until(pilot, lambda: line.value == "and")


async def test_a_burst_after_slash_reaches_the_library_search(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, ArticleList))
        burst(app, "t", "h", "e")
        box = app.screen.query_one("#search", Input)
        await wait_until(pilot, lambda: box.value == "the", timeout=2)
        assert box.has_focus
