"""A damaged article in the TUI (issue 16, item 6): a clear message, and the library stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.ingest.importing import import_sources
from newsreader.storage import Library
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import article_id, make_app, record_notices, wait_until


def _damage(library: Library, target: int) -> None:
    library.db.conn.execute(
        "UPDATE revisions SET structure = '{not json' WHERE id = (SELECT current_revision_id "
        "FROM articles WHERE id = ?)", [target])


async def test_opening_a_damaged_article_says_so_and_stays_in_the_library(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = article_id(filled, "Budget vote")  # the newest: the list's first row
    _damage(filled, damaged)
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app, monkeypatch)
        await pilot.pause()
        assert app.screen.query_one(ArticleList).current.id == damaged  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert len(notices) == 1
        assert f"article {damaged} is damaged" in notices[0].lower()
        assert "newsreader check --repair" in notices[0]
        await pilot.press("down", "enter")  # the others still open
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.stored.article.title == "Ferry timetable changes"


async def test_starting_on_a_damaged_article_shows_the_library_and_why(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = article_id(filled, "A long")
    _damage(filled, damaged)
    app = make_app(filled, damaged)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any(f"article {damaged} is damaged" in notice.lower() for notice in notices)


async def test_opening_a_file_whose_article_is_damaged_ends_with_that_reason(
        library: Library, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nSome words.\n\nMore words.\n", encoding="utf-8")
    report = import_sources(library, [str(page)])
    damaged = report.results[0].article_id
    assert damaged is not None
    _damage(library, damaged)
    app = make_app(library, open_source=str(page))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.open_error is not None)
    assert app.return_code == 1
    assert str(app.open_error).startswith(f"article {damaged} is damaged: ")
