"""The one-line key footer: shows the screen's keys, follows binding changes, clicks press."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from newsreader.storage import Library
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.key_footer import KeyFooter

from .conftest import article_id, make_app


def _line(footer: KeyFooter) -> str:
    return footer.render().plain


async def test_the_footer_shows_the_screens_keys_and_the_palette_key(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        line = _line(app.screen.query_one(KeyFooter))
        for words in ("/ Search", "s Sort", "q Quit", "? Help", "H All highlights"):
            assert words in line
        assert line.rstrip().endswith("^p Commands")
        assert "Open the article" not in line  # a binding with show=False


async def test_a_narrow_footer_cuts_keys_but_keeps_the_palette_key(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        line = _line(app.screen.query_one(KeyFooter))
        assert "…" in line and line.rstrip().endswith("^p Commands")
        assert len(line) <= 60


@pytest.mark.parametrize("width", [70, 100, 119, 140])
async def test_the_palette_key_always_fits_whole(filled: Library, width: int) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        line = _line(app.screen.query_one(KeyFooter))
        assert len(line) == width and line.endswith("▏^p Commands")


async def test_the_footer_follows_the_bindings_of_the_moment(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        before = _line(app.screen.query_one(KeyFooter))
        await pilot.press("v")  # visual mode: other keys apply
        await pilot.pause()
        after = _line(app.screen.query_one(KeyFooter))
        assert after != before


async def test_clicking_a_key_presses_it(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        _line(footer)
        help_key = next(span for span in footer.spans if span.key == "question_mark")
        await pilot.click(KeyFooter, offset=(help_key.start + 1, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


class _OneKeyOff(App[None]):
    """``x`` is shown but disabled (check_action returns None); ``y`` works."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "nothing", "Off"),
                                             Binding("y", "count", "On")]

    def __init__(self) -> None:
        super().__init__()
        self.rings = 0
        self.counted = 0

    def compose(self) -> ComposeResult:
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "nothing" else True

    def action_count(self) -> None:
        self.counted += 1

    def bell(self) -> None:
        self.rings += 1


async def test_a_disabled_key_is_dimmed_and_clicking_it_rings_the_bell() -> None:
    app = _OneKeyOff()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        line = footer.render()
        spans = {span.key: span for span in footer.spans}
        assert not spans["x"].enabled and spans["y"].enabled
        assert any("dim" in str(part.style) for part in line.spans
                   if part.start <= spans["x"].start < part.end)
        await pilot.click(KeyFooter, offset=(spans["x"].start, 0))
        await pilot.click(KeyFooter, offset=(spans["y"].start, 0))
        await pilot.pause()
        assert app.rings == 1 and app.counted == 1


@pytest.mark.parametrize("width", [70, 100])
async def test_the_help_key_stays_in_sight_when_keys_are_cut(filled: Library,
                                                             width: int) -> None:
    app = make_app(filled)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = _line(footer)
        assert "… ? Help" in line and len(line) == width
        help_key = next(span for span in footer.spans if span.key == "question_mark")
        await pilot.click(KeyFooter, offset=(help_key.start, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
