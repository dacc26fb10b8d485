"""The reader's header: a readable date, the site, the reading time and progress; folded to
one line when the screen is short of lines, so that the body keeps at least 12."""

from __future__ import annotations

import pytest

from newsreader.domain.models import Article, Block, StoredArticle
from newsreader.storage import Library
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_header import ArticleHeader, readable_date, site_of
from newsreader.tui.widgets.list_cells import shown_site

from .conftest import add_article, article_id, make_app, wait_until


@pytest.mark.parametrize(("value", "shown"), [
    ("2026-02-27T17:45:00-08:00", "27 Feb 2026, 17:45"),
    ("2025-12-24", "24 Dec 2025"),
    ("2024-03-01T08:05:00Z", "1 Mar 2024, 08:05"),
    ("Spring 2024", "Spring 2024"),
    (None, ""),
])
def test_dates_read_as_people_write_them(value: str | None, shown: str) -> None:
    assert readable_date(value) == shown


async def test_the_meta_line_has_a_readable_date_the_site_and_the_reading_time(
        library: Library) -> None:
    words = " ".join(["word"] * 1600)  # seven minutes at an ordinary pace
    article = Article(title="Timed", blocks=(Block("paragraph", words),), byline="By Ann",
                      published="2026-02-27T17:45:00-08:00",
                      url="https://www.example.net/news/timed")
    app = make_app(library, add_article(library, article, "timed.html"))
    async with app.run_test(size=(100, 30)) as pilot:
        line = app.screen.query_one("#article-meta")
        await wait_until(pilot, lambda: str(line.render()).endswith(" min"))
        meta = str(line.render())
        assert meta == "By Ann · 27 Feb 2026, 17:45 · example.net · 7 min"
        assert "T17:45" not in meta


async def test_progress_follows_the_scrolling(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(ArticleHeader)
        await wait_until(pilot, lambda: str(header.border_subtitle).startswith("0%"))
        assert "min left" in str(header.border_subtitle)
        await pilot.press("G")
        await wait_until(pilot, lambda: str(header.border_subtitle).startswith("100%"))


@pytest.mark.parametrize("panel_key", ["c", "l", "m"])
async def test_a_panel_at_80x24_folds_the_header_and_leaves_the_body_12_lines(
        filled: Library, panel_key: str) -> None:
    reading = article_id(filled, "A long")
    for start in range(0, 400, 20):
        filled.annotations.add_highlight(reading, start, start + 10, note="a note " * 20)
    app = make_app(filled, reading)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        header = screen.header
        assert not header.has_class("-folded")
        await pilot.press(panel_key)
        await wait_until(pilot, lambda: screen.panel_shown(
            {"c": "captions", "l": "links", "m": "notes"}[panel_key]))
        await pilot.pause()
        assert header.has_class("-folded") and header.outer_size.height == 2
        assert screen.body.size.height >= 12
        await pilot.press(panel_key)
        await pilot.pause()
        assert not header.has_class("-folded")


async def test_two_panels_open_at_80x24_still_leave_12_lines(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("c", "l")
        await wait_until(pilot, lambda: screen.panel_shown("links"))
        await pilot.pause()
        assert screen.body.size.height >= 12


@pytest.mark.parametrize(("site", "source", "url", "shown"), [
    ("The Courier", "/saved/page.html", None, "The Courier"),
    ("page.html", "/saved/page.html", None, ""),  # a file name an older version stored
    ("page.html", "/saved/page.html", "https://www.courier.example/a", "courier.example"),
    (None, "https://news.example/story", None, "news.example"),
    (None, "/saved/notes.md", "javascript:alert(1)", ""),
])
def test_the_list_and_the_header_show_one_site(site: str | None, source: str,
                                                url: str | None, shown: str) -> None:
    stored = StoredArticle(id=1, source=source, saved="2026-01-01T00:00:00", read=False,
                           reading_position=0, revision_id=1,
                           article=Article(title="T", site=site, url=url))
    assert shown_site(site, source, url) == site_of(stored) == shown
