"""Pilot tests of the library-wide highlights screen: listing, grouping, filtering (search,
plain text, a query that cannot be read), orphans, and ``enter`` opening at the passage."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input, OptionList

from newsreader.domain.models import Article, Block, Highlight, Note
from newsreader.storage import Library
from newsreader.storage.search import MATCH_END, MATCH_START
from newsreader.tui.highlight_rows import highlight_prompt
from newsreader.tui.screens.highlights import HighlightsScreen
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_body import ArticleBody
from newsreader.tui.widgets.notes_panel import NoteList

from .conftest import (
    add_article,
    long_article,
    make_app,
    record_notices,
    run_palette,
    wait_until,
)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """A library whose clock ticks a second per change, so "newest first" is well defined."""
    seconds = itertools.count()
    with Library(tmp_path / "library.db",
                 clock=lambda: f"2026-01-01T00:00:{next(seconds):02d}Z") as lib:
        yield lib


def two_articles(library: Library) -> tuple[int, int]:
    """Two articles with highlights and notes; one highlight is orphaned by a re-clean."""
    first = add_article(library, Article(title="Harbour news", blocks=(
        Block("paragraph", "The ferry left at dawn. Gulls followed the boat."),
        Block("paragraph", "A storm came in the afternoon."))), "harbour.txt")
    second = add_article(library, Article(title="Budget vote", blocks=(
        Block("paragraph", "The council delayed the vote again."),)), "budget.txt")
    text = library.articles.get(first).article.text
    library.annotations.add_highlight(first, text.index("Gulls"), text.index("Gulls") + 5,
                                      note="seabirds everywhere")
    library.annotations.add_highlight(first, text.index("storm"), text.index("storm") + 5,
                                      color="blue")
    library.annotations.add_highlight(second, 4, 11, color="green")
    library.annotations.add_article_note(second, "Ask about the delay")
    return first, second


async def open_highlights(pilot: object) -> HighlightsScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("H")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, HighlightsScreen)
    return screen


def rows(screen: HighlightsScreen) -> list[str]:
    """The quote or note of each row (group headings left out)."""
    return [entry.highlight.exact if entry.highlight else entry.note.body if entry.note else ""
            for entry in screen.shown if entry is not None]


async def test_lists_everything_newest_first_and_grouped(library: Library) -> None:
    two_articles(library)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_highlights(pilot)
        assert rows(screen) == ["Ask about the delay", "council", "storm", "Gulls"]
        status = str(screen.query_one("#highlights-status").render())
        assert "3 highlights, 1 article note" in status and "newest first" in status
        await pilot.press("g")
        assert screen.grouped
        assert rows(screen) == ["Ask about the delay", "council", "Gulls", "storm"]
        assert screen.shown[0] is None  # a heading for "Budget vote" first
        highlight_list = screen.query_one(OptionList)
        assert highlight_list.get_option_at_index(0).disabled
        assert "Budget vote" in str(highlight_list.get_option_at_index(0).prompt)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_filter_searches_and_enter_opens_at_the_passage(library: Library) -> None:
    first, _ = two_articles(library)
    text = library.articles.get(first).article.text
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_highlights(pilot)
        await pilot.press("slash", *"seabirds")
        screen.apply_filter()
        assert rows(screen) == ["Gulls"]  # found by its note, through the full-text index
        assert "matching" in str(screen.query_one("#highlights-status").render())
        await pilot.press("enter")  # from the box: opens the row under the cursor
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.stored.id == first
        assert reader.body.cursor_offset == text.index("Gulls")
        assert reader.annotator.highlight_at(reader.body.cursor_offset) is not None


async def test_enter_in_the_filter_opens_before_the_typing_pause(library: Library) -> None:
    _, second = two_articles(library)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_highlights(pilot)
        await pilot.press("slash", *"council", "enter")  # at once: the filter runs first
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert isinstance(app.screen, ReaderScreen) and app.screen.stored.id == second


async def test_q_in_the_reader_returns_to_the_highlights(library: Library) -> None:
    two_articles(library)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_highlights(pilot)
        screen.query_one(OptionList).highlighted = 1
        chosen = screen.shown[1]
        assert chosen is not None and chosen.highlight is not None
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        library.annotations.delete_highlight(chosen.highlight.id)  # as the reader's x does
        await pilot.press("q")
        await wait_until(pilot, lambda: app.screen is screen)
        assert len(rows(screen)) == 3  # read again: the deleted highlight is gone
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_long_rows_wrap_under_their_text_and_break_urls_at_slashes(
        library: Library) -> None:
    url = "https://example.org/" + "/".join(f"section{n}" for n in range(12)) + "/page.html"
    target = add_article(library, Article(title="Links", blocks=(
        Block("paragraph", f"See {url} for the whole story of the harbour."),)), "links.txt")
    text = library.articles.get(target).article.text
    library.annotations.add_highlight(target, 0, len(text), note="word " * 30)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_highlights(pilot)
        prompt = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        lines = prompt.split("\n")
        quote_lines = lines[:next(i for i, line in enumerate(lines) if "\u270e" in line)]
        assert len(quote_lines) > 2
        assert all(line.startswith("   ") for line in quote_lines[1:])  # under the quote
        assert all(len(line) <= 80 for line in lines)
        for line in quote_lines[:-1]:  # each line ends at a space or after a slash
            assert line.endswith("/") or not line.rstrip().endswith("section")
        assert any(line.rstrip().endswith("/") for line in quote_lines)
        note_lines = [line for line in lines if "word" in line]
        assert len(note_lines) > 1 and all(line.startswith("    ") for line in note_lines[1:])


async def test_plain_and_bad_queries(library: Library) -> None:
    two_articles(library)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_highlights(pilot)
        box = screen.query_one("#highlights-filter", Input)
        box.value = "delay"
        screen.apply_filter()
        assert rows(screen) == ["Ask about the delay"]  # article notes match as plain text
        box.value = '"unclosed'
        screen.apply_filter()
        message = screen.query_one("#highlights-message")
        assert message.display and "quotation mark" in str(message.render())
        box.value = "Gul"
        screen.apply_filter()
        assert not message.display
        box.value = "tag:"
        screen.apply_filter()
        assert message.display and "needs a value" in str(message.render())
        await pilot.press("escape")  # clears the filter
        assert box.value == "" and len(rows(screen)) == 4
        await pilot.press("escape")  # closes
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_orphans_listed_and_open_at_the_top(library: Library,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = two_articles(library)
    changed = Article(title="Harbour news", blocks=(Block("paragraph", "Nothing like it."),))
    assert library.articles.reclean(first, changed, cleaner_version="test-2")
    app = make_app(library)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_highlights(pilot)
        assert "orphaned" in str(screen.query_one("#highlights-status").render())
        orphan_rows = [index for index, entry in enumerate(screen.shown)
                       if entry is not None and entry.highlight is not None
                       and entry.highlight.status == "orphan"]
        assert len(orphan_rows) == 2
        prompt = screen.query_one(OptionList).get_option_at_index(orphan_rows[0]).prompt
        assert "orphan" in str(prompt)
        screen.query_one(OptionList).highlighted = orphan_rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.stored.id == first
        assert any("orphan" in notice for notice in notices)


async def test_from_the_reader_and_the_palette(library: Library) -> None:
    first, second = two_articles(library)
    app = make_app(library, first)
    async with app.run_test(size=(100, 30)) as pilot:
        # Held as a plain Screen: the identity check below is against the ReaderScreen.
        screen: Screen[Any] = await open_highlights(pilot)
        await pilot.press("g", "down", "enter")  # grouped: Budget vote's first highlight
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.stored.id == second
        # Opened over the highlights, which q goes back to; no library yet.
        assert [type(s).__name__ for s in app.screen_stack[1:]] == [
            "HighlightsScreen", "ReaderScreen"]
        assert screen is not app.screen
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, HighlightsScreen))
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await run_palette(app, pilot, "highlights")
        assert isinstance(app.screen, HighlightsScreen)


async def test_tab_reaches_the_notes_panel_past_the_other_panels(library: Library) -> None:
    target = add_article(library, long_article(), "long.html")
    library.annotations.add_highlight(target, 0, 9)
    app = make_app(library, target)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # captions, links, notes
        assert isinstance(app.focused, NoteList)


async def test_tab_passes_an_empty_notes_panel_by(library: Library) -> None:
    app = make_app(library, add_article(library, long_article(), "long.html"))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # captions, links, then round to the body
        assert isinstance(app.focused, ArticleBody)
        assert not app.screen.query(NoteList)  # nothing to list: no list is built


def test_a_snippet_from_a_note_does_not_replace_the_quote() -> None:
    note = Note(1, "u", 1, 1, "Key claim here", "t", "t")
    highlight = Highlight(1, "u", 1, "Pakistan has presented", "", "", "yellow", "t", "t",
                          start=0, end=22, notes=(note,))
    from_note = highlight_prompt(highlight, snippet=f"Key {MATCH_START}claim{MATCH_END} here")
    assert "\u201cPakistan has presented\u201d" in str(from_note)
    from_quote = highlight_prompt(highlight, snippet=f"{MATCH_START}Pakistan{MATCH_END} has")
    assert "\u201cPakistan has\u201d" in str(from_quote)
