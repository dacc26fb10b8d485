"""Hostile text (ARCHITECTURE.md, "Untrusted text") is shown literally and safely: list,
header, body, panels."""

from __future__ import annotations

import re

import pytest
from rich.text import Text

from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.safe import display_text, one_line, plain_text
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import HOSTILE, add_article, hostile_article, make_app

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def test_display_text_keeps_length_and_drops_every_control() -> None:
    shown = display_text(HOSTILE + "\r\n\t")
    assert len(shown) == len(HOSTILE) + 3
    assert not UNSAFE.search(shown)
    assert "\u241b" in shown  # ESC shown as its control picture
    assert "[@click=app.quit]" in shown
    assert "\n" not in one_line("a\nb\tc") and plain_text("[/]").plain == "[/]"


def screen_text(app: NewsreaderApp) -> str:
    return str(app.export_screenshot())


async def test_hostile_article_in_the_list(library: Library) -> None:
    add_article(library, hostile_article(), "hostile.txt")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = app.screen.query_one(ArticleList).get_row_at(0)
        assert all(isinstance(cell, Text) for cell in row)
        title = row[1].plain
        assert title.startswith("Title [@click=app.quit]click me")
        assert not UNSAFE.search(title) and row[1].cell_len <= 80
        await pilot.click(offset=(10, 2))  # a click on the "link" runs nothing
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]" in screen_text(app).replace("&#160;", " ")


async def test_hostile_article_in_the_reader(library: Library) -> None:
    hostile = hostile_article()
    article_id = add_article(library, hostile, "hostile.txt")
    for size in ((80, 24), (200, 60)):
        app = make_app(library, article_id)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            body = screen.body
            assert len(body.text) == len(hostile.text)  # offsets still line up
            assert not UNSAFE.search(body.text.replace("\n", ""))
            title = str(screen.query_one("#article-title").render())
            assert "[@click=app.quit]click me[/]" in title and not UNSAFE.search(title)
            await pilot.press("l", "c", "G", "g", "space", "right_square_bracket")
            await pilot.pause()
            for y in range(body.size.height):  # every drawn row is free of controls
                line = "".join(segment.text for segment in body.render_line(y))
                assert not UNSAFE.search(line)
            for panel in screen.query(".caption-text, .caption-credit"):
                assert not UNSAFE.search(str(panel.render()))
            svg = screen_text(app)
            assert "\x1b" not in svg and "\u202e" not in svg
            await pilot.click(offset=(5, 1))
            assert app.is_running


async def test_notifications_and_prompts_do_not_parse_markup(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = add_article(library, hostile_article(), "hostile.txt")
    app = make_app(library, article_id)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y", "1")
        await pilot.pause()
        assert copied == ["https://x.test/[@click=app.quit]"]
        assert app.is_running
