"""The letters typed at once after ``/`` (as tmux sends ``/the``) all reach the search line,
in the reader, the library and the highlights.

``pilot.press`` lets the app go idle after each key, which a terminal does not: the keys
are posted here all at once, before the app handles the first, as they arrive from tmux.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from newsreader.storage import Library
from newsreader.tui.screens.highlights import HighlightsScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import article_id, make_app, wait_until
from .highlights_data import annotate_seed


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


async def test_a_burst_after_slash_reaches_the_highlights_filter(filled: Library) -> None:
    annotate_seed(filled)
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        await wait_until(pilot, lambda: isinstance(app.screen, HighlightsScreen)
                         and app.focused is not None)
        burst(app, "s", "e", "a")
        box = app.screen.query_one("#highlights-filter", Input)
        await wait_until(pilot, lambda: box.value == "sea", timeout=2)
        assert box.has_focus
        await pilot.press("slash")  # typed in the box, a / is part of the filter
        await wait_until(pilot, lambda: box.value == "sea/")
