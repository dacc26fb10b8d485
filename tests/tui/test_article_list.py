"""The library list widget itself: header, cursor, page keys, mouse, NO_COLOR, resizing."""

from __future__ import annotations

import pytest
from rich.color import Color
from textual import events

from newsreader.domain.models import Article, Block
from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets import article_list
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import add_article, make_app, searched, wait_until


def the_list(app: NewsreaderApp) -> ArticleList:
    return app.screen.query_one(ArticleList)


def line_text(articles: ArticleList, y: int) -> str:
    """What the list shows on its line ``y`` (0 is the header)."""
    return articles.render_line(y).text


@pytest.fixture
def many(library: Library) -> Library:
    """300 one-line articles, "Article 299" first (newest saved)."""
    for number in range(300):
        add_article(library, Article(title=f"Article {number:03}",
                                     blocks=(Block("paragraph", "x"),)), f"a{number}.txt")
    return library


async def test_a_click_moves_the_cursor_and_a_second_click_opens(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = the_list(app)
        await pilot.click(ArticleList, offset=(10, 0))  # the header: nothing happens
        await pilot.pause()
        assert articles.cursor_row == 0 and isinstance(app.screen, LibraryScreen)
        await pilot.click(ArticleList, offset=(10, 3))  # the third row
        await pilot.pause()
        assert articles.cursor_row == 2 and isinstance(app.screen, LibraryScreen)
        await pilot.click(ArticleList, offset=(10, 20))  # below the last row: nothing
        await pilot.pause()
        assert articles.cursor_row == 2
        await pilot.click(ArticleList, offset=(70, 3))  # the cursor's row, another column
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.stored.article.title == "A long article"


async def test_page_down_and_up_move_the_cursor_a_page(many: Library) -> None:
    app = make_app(many)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = the_list(app)
        page = articles.scrollable_content_region.height - 1  # under the header
        await pilot.press("pagedown")
        assert articles.position == page
        assert articles.scroll_offset.y == page
        assert "Article " + f"{299 - page:03}" in line_text(articles, 1)  # cursor on top
        await pilot.press("pagedown")
        assert articles.position == 2 * page
        await pilot.press("pageup", "pageup")
        assert articles.position == 0 and articles.scroll_offset.y == 0


async def test_the_header_stays_on_top_while_the_rows_scroll(many: Library) -> None:
    app = make_app(many)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        articles = the_list(app)
        header = line_text(articles, 0)
        assert header.split() == ["Title", "Site", "Saved", "Time", "Hl"]
        assert "Article 299" in line_text(articles, 1)
        for _ in range(15):
            await pilot.press("j")
        assert articles.scroll_offset.y > 0
        assert line_text(articles, 0) == header
        assert "Article 299" not in line_text(articles, 1)
        last = articles.size.height - 1  # scrolled just enough: the cursor on the last line
        assert "Article 284" in line_text(articles, last)
        await pilot.press("G")
        assert line_text(articles, 0) == header
        assert "Article 000" in line_text(articles, articles.size.height - 1)


async def test_the_mouse_wheel_scrolls_the_rows_not_the_cursor(many: Library) -> None:
    app = make_app(many)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = the_list(app)
        articles.post_message(events.MouseScrollDown(articles, 10, 5, 0, 1, 0, False, False,
                                                     False))
        await pilot.pause()
        assert articles.scroll_offset.y > 0 and articles.cursor_row == 0


async def test_the_cursor_row_stands_out_focused_or_not(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = the_list(app)

        def background(y: int) -> set[Color | None]:
            return {segment.style.bgcolor for segment in articles.render_line(y)
                    if segment.style is not None}

        focused = background(1)
        assert len(focused) == 1 and focused != background(2)  # the whole row, one colour
        await pilot.press("slash")  # the search box takes the focus
        await pilot.pause()
        assert not articles.has_focus
        blurred = background(1)
        assert len(blurred) == 1 and blurred not in (focused, background(2))


async def test_without_colour_the_cursor_row_is_reversed(
        filled: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        articles = the_list(app)
        assert app.has_class("-no-color")
        assert all(segment.style is not None and segment.style.reverse
                   for segment in articles.render_line(1))
        assert not any(segment.style is not None and segment.style.reverse
                       for segment in articles.render_line(2))


async def test_a_result_with_a_snippet_is_two_lines_and_clicks_as_one(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"paragraph word1")
        await wait_until(pilot, lambda: searched(app))
        articles = the_list(app)
        assert articles.row_count == 1 and "\n" in articles.get_row_at(0)[1].plain
        assert "A long article" in line_text(articles, 1)
        assert "word1" in line_text(articles, 2)
        await pilot.click(ArticleList, offset=(10, 2))  # the snippet line of the cursor's row
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.stored.article.title == "A long article"


async def test_a_narrower_window_cuts_the_rows_again_and_keeps_the_cursor(
        many: Library) -> None:
    app = make_app(many)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        articles = the_list(app)
        for _ in range(5):
            await pilot.press("j")
        wide = line_text(articles, 0).index("Site")
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert line_text(articles, 0).index("Site") < wide
        assert articles.position == 5
        assert len(line_text(articles, 1)) == articles.size.width


async def test_sliding_the_window_leaves_the_cursor_where_it_is_on_screen(
        many: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A window of 15 rows (9 on screen): 18 presses down slide it twice, 14 back up slide
    # it back to the start.
    monkeypatch.setattr(article_list, "PAGE", 5)
    monkeypatch.setattr(article_list, "MARGIN", 2)
    down, up = 18, 14
    app = make_app(many)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        articles = the_list(app)
        last = articles.size.height - 1
        for presses in range(1, down + 1):
            await pilot.press("j")
            title = f"Article {299 - presses:03}"
            assert title in line_text(articles, min(presses + 1, last)), presses
        assert articles.window_start > 0
        for presses in range(1, up + 1):
            await pilot.press("k")
            assert f"Article {299 - down + presses:03}" in line_text(
                articles, max(last - presses, 1)), presses
        assert articles.window_start == 0
