"""Snapshot tests: one per screen and visual state (review the SVGs before --snapshot-update).

Fixed terminal sizes, a fixed clock (conftest), a fixed theme, and sources named without
machine paths keep them deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsreader.storage import Library

from .conftest import add_article, article_id, hostile_article, make_app, searched, wait_until
from .highlights_data import annotate_seed


def test_library_empty(snap_compare: Callable[..., Any], library: Library) -> None:
    assert snap_compare(make_app(library), terminal_size=(80, 24))


def test_library_filled(snap_compare: Callable[..., Any], filled: Library) -> None:
    assert snap_compare(make_app(filled), terminal_size=(100, 24))


def test_reader_wide_with_panels(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    assert snap_compare(app, terminal_size=(140, 40))


def test_reader_narrow_with_panels_open(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    assert snap_compare(app, terminal_size=(80, 24), press=["c", "l"])


def test_reader_hostile_text(snap_compare: Callable[..., Any], library: Library) -> None:
    app = make_app(library, add_article(library, hostile_article(), "hostile.txt"))
    assert snap_compare(app, terminal_size=(80, 24))


def test_help(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    assert snap_compare(app, terminal_size=(100, 40), press=["question_mark"])


async def _search_for(pilot: Any, text: str) -> None:
    await wait_until(pilot, lambda: pilot.app.focused is not None)  # / needs the list's focus
    await pilot.press("slash", *text)
    await wait_until(pilot, lambda: searched(pilot.app))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_library_search_results(snap_compare: Callable[..., Any], filled: Library) -> None:
    filled.tags.update(article_id(filled, "A long"), add=["long reads"])

    async def run_before(pilot: Any) -> None:
        await _search_for(pilot, "paragraph word1")

    assert snap_compare(make_app(filled), terminal_size=(100, 24), run_before=run_before)


def test_library_search_error(snap_compare: Callable[..., Any], filled: Library) -> None:
    async def run_before(pilot: Any) -> None:
        await _search_for(pilot, 'ferry "time')

    assert snap_compare(make_app(filled), terminal_size=(100, 24), run_before=run_before)


def test_library_tags_favourite_archived(snap_compare: Callable[..., Any],
                                         filled: Library) -> None:
    filled.tags.update(article_id(filled, "Budget"), add=["council", "[@click=app.quit]"])
    filled.articles.set_favourite(article_id(filled, "Ferry"), True)
    filled.articles.set_archived(article_id(filled, "A long"), True)
    assert snap_compare(make_app(filled), terminal_size=(100, 24), press=["A"])


def test_tag_editor(snap_compare: Callable[..., Any], filled: Library) -> None:
    filled.tags.update(article_id(filled, "Budget"), add=["council", "politics"])
    filled.tags.update(article_id(filled, "Ferry"), add=["transport"])

    async def run_before(pilot: Any) -> None:
        await pilot.press("t", *"tra")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(filled), terminal_size=(100, 24), run_before=run_before)


# -- highlights and notes ----------------------------------------------------------------


def test_reader_highlights_notes_panel(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, annotate_seed(filled))
    assert snap_compare(app, terminal_size=(140, 40))


def test_reader_highlights_visual_mode(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, annotate_seed(filled))
    assert snap_compare(app, terminal_size=(100, 30),
                        press=["right_curly_bracket", "v", "e", "e", "e"])


def test_reader_highlights_no_color(snap_compare: Callable[..., Any], filled: Library,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(filled, annotate_seed(filled))
    assert snap_compare(app, terminal_size=(100, 30))


def test_highlights_screen(snap_compare: Callable[..., Any], filled: Library) -> None:
    annotate_seed(filled)
    assert snap_compare(make_app(filled), terminal_size=(100, 30), press=["H"])


def test_note_editor(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, annotate_seed(filled))
    assert snap_compare(app, terminal_size=(100, 30), press=["n", "enter", *"more"])


# -- the library and highlights at the sizes people use --------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_library_by_published(snap_compare: Callable[..., Any], filled: Library,
                              size: tuple[int, int]) -> None:
    """The Published column, reading times, the unread count, no file name as a site."""
    filled.articles.set_read(article_id(filled, "Budget"), True)
    assert snap_compare(make_app(filled), terminal_size=size, press=["s"])


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_library_unread_only(snap_compare: Callable[..., Any], filled: Library,
                             size: tuple[int, int]) -> None:
    filled.articles.set_read(article_id(filled, "Budget"), True)
    assert snap_compare(make_app(filled), terminal_size=size, press=["U"])


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_highlights_screen_wrapped(snap_compare: Callable[..., Any], filled: Library,
                                   size: tuple[int, int]) -> None:
    """Long quotes and notes wrap under their text; an address breaks after a slash."""
    target = article_id(filled, "A long")
    text = filled.articles.get(target).article.text
    start = text.index("Paragraph 1.2")
    filled.annotations.add_highlight(
        target, start, start + 300,
        note="Compare https://example.org/reports/2025/harbour/ferry-timetable-changes-final"
             "-version.html with the council's own figures before quoting any of this.")
    assert snap_compare(make_app(filled), terminal_size=size, press=["H"])


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_help_library(snap_compare: Callable[..., Any], filled: Library,
                      size: tuple[int, int]) -> None:
    assert snap_compare(make_app(filled), terminal_size=size, press=["question_mark"])


# -- the reader at the sizes people use (issue 17) ----------------------------------------


def test_reader_80x24_links_open(snap_compare: Callable[..., Any], filled: Library) -> None:
    """The header folds to the title's line; the body keeps 12 lines above the panel."""
    app = make_app(filled, article_id(filled, "A long"))
    assert snap_compare(app, terminal_size=(80, 24), press=["l"])


def test_reader_160x50(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, annotate_seed(filled))
    assert snap_compare(app, terminal_size=(160, 50))


async def _search_article(pilot: Any) -> None:
    # / is a priority key of the text's parts: it needs the focus there, as once shown.
    await wait_until(pilot, lambda: pilot.app.focused is not None)
    await pilot.press("slash", *"word1", "enter", "n")
    await pilot.pause()


def test_reader_search_80x24(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_search_article)


def test_reader_search_160x50(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    assert snap_compare(app, terminal_size=(160, 50), run_before=_search_article)
