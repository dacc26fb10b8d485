"""Pilot tests of what a daily user of the library reaches for: the site or nothing, the
publication date when sorted by it, reading times, the unread count, one-key filters for
unread and favourite articles, and undo after archive or delete."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from newsreader.domain.models import Article, Block
from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import add_article, article_id, make_app, record_notices, wait_until


def status(app: NewsreaderApp) -> str:
    return str(app.screen.query_one("#library-status", Static).render())


def cells(app: NewsreaderApp, title: str) -> list[str]:
    articles = app.screen.query_one(ArticleList)
    for row, summary in enumerate(articles.rows_shown):
        if summary.title == title:
            return [cell.plain for cell in articles.get_row_at(row)]
    raise LookupError(title)


def header(app: NewsreaderApp) -> list[str]:
    return list(app.screen.query_one(ArticleList).headers)


async def test_a_file_without_a_site_shows_no_site(filled: Library) -> None:
    # An older newsreader stored a file's name as its site: not shown as one either.
    filled.db.execute("UPDATE articles SET site = 'ferry.txt' WHERE title LIKE 'Ferry%'")
    filled.db.conn.commit()
    app = make_app(filled)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert cells(app, "Ferry timetable changes")[2] == ""
        assert cells(app, "Budget vote delayed")[2] == "council.example"
        seed = next(s for s in app.screen.query_one(ArticleList).rows_shown
                    if s.title.startswith("Islamabad"))
        assert cells(app, seed.title)[2] == ""  # a text file: no site, not its file name


async def test_sorting_by_publication_shows_that_date(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert header(app)[3] == "Saved"
        assert cells(app, "Ferry timetable changes")[3] == "2026-01-01"
        await pilot.press("s")  # newest published first
        assert header(app)[3] == "Published"
        assert cells(app, "Ferry timetable changes")[3] == "2024-03-01"
        last = app.screen.query_one(ArticleList).rows_shown[-1]
        assert last.published is None and cells(app, last.title)[3] == ""  # undated: last
        await pilot.press("s")  # by title
        assert header(app)[3] == "Saved"


async def test_reading_time_in_the_list(library: Library) -> None:
    add_article(library, Article(title="Long read", blocks=(
        Block("paragraph", " ".join(["word"] * 1610)),)), "long.txt")
    add_article(library, Article(title="Short", blocks=(Block("paragraph", "Boats."),)),
                "short.txt")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert header(app)[4] == "Time"
        assert cells(app, "Long read")[4] == "7 min"
        assert cells(app, "Short")[4] == "1 min"


async def test_the_header_counts_the_unread(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "4 articles, 4 unread" in status(app)
        await pilot.press("r")
        await wait_until(pilot, lambda: "3 unread" in status(app))


async def test_one_key_filters_for_unread_and_favourites(filled: Library) -> None:
    filled.articles.set_read(article_id(filled, "Budget"), True)
    filled.articles.set_favourite(article_id(filled, "Ferry"), True)
    filled.articles.set_favourite(article_id(filled, "Budget"), True)
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        await pilot.press("U")
        assert articles.total == 3 and all(not s.read for s in articles.rows_shown)
        assert "unread only" in status(app)
        await pilot.press("F")  # both: unread favourites
        assert [s.title for s in articles.rows_shown] == ["Ferry timetable changes"]
        await pilot.press("U")  # favourites only
        assert sorted(s.title for s in articles.rows_shown) == [
            "Budget vote delayed", "Ferry timetable changes"]
        assert "favourites only" in status(app) and "unread only" not in status(app)
        await pilot.press("slash", *"votes")  # a search keeps to the favourites
        await wait_until(pilot, lambda: articles.searching)
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: [s.title for s in articles.rows_shown] == [
            "Budget vote delayed"])
        await pilot.press("escape", "F")
        assert articles.total == 4 and "only" not in status(app)


async def test_undo_an_archive(filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(filled)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        target = articles.rows_shown[1]
        await pilot.press("j", "a")
        assert articles.total == 3 and "u undoes it" in notices[-1]
        await pilot.press("g", "u")
        await wait_until(pilot, lambda: articles.total == 4)
        assert not filled.articles.page(limit=10)[1].archived
        assert articles.current is not None and articles.current.id == target.id


async def test_undo_a_delete_brings_the_article_back_whole(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    target = article_id(filled, "A long")
    highlight = filled.annotations.add_highlight(target, 0, 9, note="keep this")
    filled.tags.update(target, add=["long reads"])
    before = filled.articles.get(target)
    app = make_app(filled)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        articles.show_article(target)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Its highlight and any notes on it will be deleted" in question
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await wait_until(pilot, lambda: articles.total == 3)
        assert "u brings it back" in notices[-1]
        await pilot.press("u")
        await wait_until(pilot, lambda: articles.total == 4)
        assert articles.current is not None and articles.current.id == target
    assert filled.articles.get(target) == before
    assert [h.id for h in filled.annotations.highlights(target)] == [highlight.id]
    assert filled.tags.of(target) == ["long reads"]


async def test_undo_after_deleting_the_last_article(library: Library) -> None:
    add_article(library, Article(title="Only one", blocks=(Block("paragraph", "Boats."),)),
                "one.txt")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen.has_class("-empty"))
        await pilot.press("u")
        await wait_until(pilot, lambda: not app.screen.has_class("-empty"))
        assert [s.title for s in library.articles.page()] == ["Only one"]


@pytest.mark.parametrize(("count", "words"), [
    (0, "It has no highlights."),
    (1, "Its highlight and any notes on it will be deleted with it."),
    (2, "Its 2 highlights and their notes will be deleted with it."),
])
def test_the_delete_question_reads_right(count: int, words: str) -> None:
    from newsreader.tui.screens.library_actions import delete_question

    assert words in delete_question("A title", count).plain


async def test_search_as_you_type_ranks_exact_words_first(library: Library) -> None:
    from newsreader.domain.search_query import parse

    for title, text in [("Ports", "harbours harbours harbours harbourside harbours"),
                        ("Once", "the harbour once, then the sea, the sea, the sea"),
                        ("Often", "harbour harbour and more harbour"),
                        ("Nothing", "nothing here")]:
        add_article(library, Article(title=title, blocks=(Block("paragraph", text),)),
                    f"{title}.txt")
    command_line = [hit.article.title for hit in library.search.run(parse("harbour"))]
    assert command_line == ["Often", "Once"]
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        await pilot.press("slash", *"harbour")
        await wait_until(pilot, lambda: articles.searching and articles.total == 3)
        await app.workers.wait_for_complete()
        # The exact word first, as the command line ranks it; then what the prefix completes.
        assert [s.title for s in articles.rows_shown] == [*command_line, "Ports"]
