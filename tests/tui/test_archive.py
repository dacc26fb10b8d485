"""Pilot tests of ``a`` (archive), ``A`` (show archived), ``*`` (favourite) and the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import article_id, make_app, record_notices, run_palette, searched, wait_until


def titles(app: NewsreaderApp) -> list[str]:
    return [summary.title for summary in app.screen.query_one(ArticleList).rows_shown]


def status(app: NewsreaderApp) -> str:
    return str(app.screen.query_one("#library-status", Static).render())


async def test_a_archives_and_capital_a_shows_archived(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    budget = article_id(filled, "Budget")
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app, monkeypatch)
        await pilot.pause()
        await pilot.press("a")
        assert "Budget vote delayed" not in titles(app) and len(titles(app)) == 3
        assert any("Archived \u201cBudget vote delayed\u201d" in n for n in notices)
        assert "3 articles" in status(app) and "archived shown" not in status(app)
        await pilot.press("A")
        assert "Budget vote delayed" in titles(app) and "archived shown" in status(app)
        articles = app.screen.query_one(ArticleList)
        row = titles(app).index("Budget vote delayed")
        assert "(archived)" in articles.get_row_at(row)[1].plain
        articles.move_cursor(row=row)
        await pilot.press("a")  # unarchive
        assert not next(a for a in filled.articles.page() if a.id == budget).archived
        assert "(archived)" not in articles.get_row_at(row)[1].plain
        await pilot.press("A")
        assert len(titles(app)) == 4 and "archived shown" not in status(app)


async def test_archiving_a_search_result_drops_it(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"example", "down")
        await wait_until(pilot, lambda: searched(app))
        articles = app.screen.query_one(ArticleList)
        assert articles.searching and articles.total == 3
        first = articles.current
        assert first is not None
        await pilot.press("a")
        assert articles.total == 2 and first.id not in [s.id for s in articles.rows_shown]
        await pilot.press("A")  # archived results come back with a search run again
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert articles.total == 3


async def test_star_toggles_favourite(filled: Library) -> None:
    budget = article_id(filled, "Budget")
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("asterisk")
        assert next(a for a in filled.articles.page() if a.id == budget).favourite
        articles = app.screen.query_one(ArticleList)
        assert articles.get_row_at(0)[0].plain == "●★"
        await pilot.press("asterisk")
        assert not next(a for a in filled.articles.page() if a.id == budget).favourite
        assert articles.get_row_at(0)[0].plain == "● "


async def test_palette_exports_all_notes_and_says_where(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "exported [notes]"
    monkeypatch.setenv("NEWSREADER_EXPORT_DIR", str(out_dir))
    budget = article_id(filled, "Budget")
    filled.annotations.add_highlight(budget, 0, 5, color="yellow", note="A note")
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app, monkeypatch)
        await pilot.pause()
        await run_palette(app, pilot, "export all notes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        files = list(out_dir.glob("*.md"))
        assert len(files) == 1 and "A note" in files[0].read_text(encoding="utf-8")
        assert any(str(out_dir) in n and "1 written" in n for n in notices)


async def test_palette_export_failure_is_a_message(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSREADER_EXPORT_DIR", str(blocker / "sub"))
    filled.annotations.add_highlight(article_id(filled, "Budget"), 0, 5, color="yellow")
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app, monkeypatch)
        await run_palette(app, pilot, "export all notes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and any("The export failed" in n for n in notices)


async def test_palette_shows_archived_and_focuses_search(filled: Library) -> None:
    filled.articles.set_archived(article_id(filled, "Budget"), True)
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(titles(app)) == 3
        await run_palette(app, pilot, "show archived")
        assert isinstance(app.screen, LibraryScreen)
        assert len(titles(app)) == 4 and "archived shown" in status(app)
        await run_palette(app, pilot, "search the library")
        search = app.screen.query_one("#search", Input)
        assert search.display and search.has_focus
