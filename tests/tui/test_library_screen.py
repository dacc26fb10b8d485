"""Pilot tests of the library screen: list, sort, read, delete, paging, empty (search: see
test_search_screen.py)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from newsreader.domain.models import Article, ArticleSummary, Block
from newsreader.storage import Library, NotFoundError
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets import article_list
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import add_article, article_id, make_app


def titles(app: NewsreaderApp) -> list[str]:
    return [summary.title for summary in app.screen.query_one(ArticleList).rows_shown]


def library_screen(app: NewsreaderApp) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


def current(articles: ArticleList) -> ArticleSummary:
    summary = articles.current
    assert summary is not None
    return summary


def current_title(articles: ArticleList) -> str:
    return current(articles).title


async def test_empty_library_says_how_to_add_articles(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.has_class("-empty")
        empty = app.screen.query_one("#empty-text")
        assert empty.display and "newsreader add" in str(empty.render())
        assert not app.screen.query_one("#article-actions").display  # the list and its keys
        await pilot.press("slash")  # nothing to search: the box stays hidden
        assert not app.screen.query_one("#search", Input).display


async def test_list_shows_every_article_newest_first(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 4 and articles.row_count == 4
        assert titles(app)[0] == "Budget vote delayed"  # the same clock: newest id first
        assert articles.has_focus
        row = articles.get_row_at(0)
        assert row[0].plain == "● " and row[2].plain == "council.example"
        assert row[3].plain == "2026-01-01"


async def test_enter_opens_the_article_and_q_comes_back(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.stored.article.title == "Ferry timetable changes"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert current(app.screen.query_one(ArticleList)).read  # opening marks it read


async def test_s_cycles_the_sort(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        articles = app.screen.query_one(ArticleList)
        assert articles.sort_key == "saved"
        await pilot.press("s")
        assert str(articles.sort_key) == "published"
        assert titles(app)[:3] == ["A long article", "Budget vote delayed",
                                   "Ferry timetable changes"]
        await pilot.press("s")
        assert str(articles.sort_key) == "title"
        assert titles(app) == sorted(titles(app), key=str.lower)
        await pilot.press("s")
        assert articles.sort_key == "saved"


async def test_r_toggles_read(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        first = current(app.screen.query_one(ArticleList))
        await pilot.press("r")
        assert filled.articles.get(first.id).read
        assert app.screen.query_one(ArticleList).get_row_at(0)[0].plain == "  "
        await pilot.press("r")
        assert not filled.articles.get(first.id).read


async def test_d_asks_naming_the_article_and_its_highlights(filled: Library) -> None:
    target = article_id(filled, "Budget")
    filled.db.execute("UPDATE articles SET highlight_count = 3 WHERE id = ?", [target])
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        question = app.screen.question.plain
        assert "Budget vote delayed" in question and "3 highlights" in question
        await pilot.press("n")
        await pilot.pause()
        assert filled.articles.get(target)  # still there
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        with pytest.raises(NotFoundError):
            filled.articles.get(target)
        assert app.screen.query_one(ArticleList).total == 3


async def test_the_list_pages_from_sqlite(
        library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(article_list, "PAGE", 4)
    monkeypatch.setattr(article_list, "MARGIN", 2)
    with library.articles.importing():  # a batch: no disk sync per article
        for number in range(100):
            add_article(library, Article(title=f"Article {number:03}",
                                         blocks=(Block("paragraph", "x"),)), f"a{number}.txt")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 100 and articles.row_count == 12  # a window, not everything
        await pilot.press(*"j" * 15)
        assert articles.position == 15
        assert current_title(articles) == "Article 084"
        assert articles.window_start > 0 and articles.row_count == 12
        await pilot.press("G")
        assert articles.position == 99 and current_title(articles) == "Article 000"
        await pilot.press("k", "k")
        assert current_title(articles) == "Article 002"
        await pilot.press("g")
        assert articles.position == 0 and current_title(articles) == "Article 099"
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.stored.article.title == "Article 099"


async def test_ctrl_r_shows_what_another_newsreader_saved(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert library_screen(app).article_list.total == 4
        # A second process on the same file (here: a second connection) adds an article.
        with Library(filled.path) as other:
            add_article(other, Article(title="Saved elsewhere",
                                       blocks=(Block("paragraph", "From another window."),)),
                        "/elsewhere.txt")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert library_screen(app).article_list.total == 5
        assert "Saved elsewhere" in titles(app)
