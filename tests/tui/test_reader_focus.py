"""Pilot tests of where the focus goes in the reader when panels show and hide."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from newsreader.storage import Library
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_body import ArticleBody

from .conftest import article_id, make_app, wait_until


@pytest.mark.parametrize("panel_key", ["c", "l", "m"])
async def test_a_quick_double_toggle_leaves_the_focus_on_the_body(
        filled: Library, panel_key: str) -> None:
    reading = article_id(filled, "A long")
    filled.annotations.add_highlight(reading, 0, 10, note="listed in the notes panel")
    app = make_app(filled, reading)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        panel = {"c": "captions", "l": "links", "m": "notes"}[panel_key]
        await wait_until(pilot, lambda: screen.query(f"#{panel}-panel"))
        # Two presses before the app is idle, as when typed quickly in a terminal.
        app.simulate_key(panel_key)
        app.simulate_key(panel_key)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.focused, ArticleBody)
        before = screen.body.cursor_location
        await pilot.press("j", "j")
        assert screen.body.cursor_location[0] > before[0]


@pytest.mark.parametrize("panel_key", ["c", "l", "m"])
async def test_escape_in_a_panel_goes_back_to_the_text(filled: Library, panel_key: str) -> None:
    reading = article_id(filled, "A long")
    filled.annotations.add_highlight(reading, 0, 10, note="listed in the notes panel")
    app = make_app(filled, reading)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(panel_key)
        assert app.focused is not None and not isinstance(app.focused, ArticleBody)
        await pilot.press("escape")
        assert app.screen is screen and isinstance(app.focused, ArticleBody)
        await pilot.press("escape")  # from the text, escape still leaves the article
        await pilot.pause()
        assert app.screen is not screen


async def test_a_panel_shown_takes_the_focus(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        assert isinstance(app.focused, OptionList)
