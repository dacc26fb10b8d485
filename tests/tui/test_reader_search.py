"""Searching in the article: ``/``, the matches marked and counted, ``n``/``N``, ``escape``."""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from textual.screen import Screen
from textual.widgets import Input, Static

from newsreader.domain.models import Article, Block
from newsreader.storage import Library
from newsreader.tui.screens.help import binding_rows
from newsreader.tui.screens.note_editor import NoteEditorModal
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_body import ArticleBody
from newsreader.tui.widgets.notes_panel import NoteList

from .conftest import add_article, make_app, record_notices

PARAGRAPHS = ("The harbour wall.", "A quiet Harbour at dawn.", "No match here.",
              "Boats leave the harbour.")
TEXT = "\n\n".join(PARAGRAPHS)
HITS = [TEXT.index("harbour"), TEXT.index("Harbour"), TEXT.rindex("harbour")]


def searchable() -> Article:
    return Article(title="Harbours", blocks=tuple(Block("paragraph", p) for p in PARAGRAPHS))


def help_sections(screen: Screen[Any]) -> dict[str, dict[str, str]]:
    """The help's sections: {title: {description: keys}}."""
    return {title: {does: keys for keys, does in rows}
            for title, rows in binding_rows(screen, "Reader")}


def status(screen: ReaderScreen) -> str:
    line = screen.query_one("#reader-search-status", Static)
    return str(line.render()) if line.display else ""


def marked(body: ArticleBody, offset: int) -> list[Style]:
    row, column = body.offset_to_location(offset)
    return [span.style for span in body.get_line(row).spans
            if isinstance(span.style, Style) and span.start == column]


async def open_search(library: Library, pilot: Any) -> ReaderScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def test_slash_marks_counts_and_n_and_capital_n_move_between_matches(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(library, add_article(library, searchable(), "harbours.txt"))
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(library, pilot)
        body = screen.body
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"harbour")
        assert body.cursor_offset == HITS[0]  # found as it is typed
        assert "1/3" in status(screen)
        assert all(marked(body, hit) for hit in HITS)  # every match is marked
        await pilot.press("enter")
        assert isinstance(app.focused, ArticleBody) and "1/3" in status(screen)
        await pilot.press("n")
        assert body.cursor_offset == HITS[1] and "2/3" in status(screen)
        await pilot.press("n", "n")
        assert body.cursor_offset == HITS[0] and "1/3" in status(screen)  # wrapped round
        assert "wrapped" in status(screen)
        await pilot.press("N")
        assert body.cursor_offset == HITS[2] and "3/3" in status(screen)
        await pilot.press("escape")  # drops the search, not the article
        assert app.screen is screen and status(screen) == ""
        assert not any(marked(body, hit) for hit in HITS[:2])
        await pilot.press("n")  # n is the note key again
        assert notices[-1].startswith("Put the cursor on a highlight")


async def test_escape_while_typing_cancels_and_goes_back(library: Library) -> None:
    app = make_app(library, add_article(library, searchable(), "harbours.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(library, pilot)
        await pilot.press("slash", *"boats", "escape")
        assert screen.body.cursor_offset == 0 and isinstance(app.focused, ArticleBody)
        assert status(screen) == "" and app.screen is screen


async def test_a_query_with_no_match_says_so(library: Library) -> None:
    app = make_app(library, add_article(library, searchable(), "harbours.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(library, pilot)
        await pilot.press("slash", *"ferry")
        assert "no match" in status(screen)
        await pilot.press("enter")
        assert status(screen) == "" and isinstance(app.focused, ArticleBody)


async def test_the_search_keys_are_in_the_help(library: Library) -> None:
    app = make_app(library, add_article(library, searchable(), "harbours.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(library, pilot)
        sections = help_sections(screen)
        assert sections["Search in the article"]["Search the article"] == "/"
        assert sections["Highlights and notes"]["Note"] == "n"
        await pilot.press("slash", *"harbour", "enter")
        sections = help_sections(screen)
        search = sections["Search in the article"]
        assert search["Next match"] == "n" and search["Previous match"] == "N"
        assert search["Clear the search"] == "esc"


async def test_in_the_notes_list_n_stays_the_note_key_while_a_search_is_kept(
        library: Library) -> None:
    article = add_article(library, searchable(), "harbours.txt")
    library.annotations.add_highlight(article, 0, 3)
    app = make_app(library, article)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_search(library, pilot)
        await pilot.press("slash", *"harbour", "enter")
        await pilot.press("m", "m")  # hidden, then shown again with the focus in its list
        assert isinstance(app.focused, NoteList)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorModal)
        assert "1/3" in status(screen)
