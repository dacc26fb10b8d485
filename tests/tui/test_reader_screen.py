"""Pilot tests of the reader: header, body, movement keys, panels, links, position."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from rich.style import Style
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import OptionList

from newsreader.storage import Library
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.link_prompt import LinkPromptModal
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.article_body import ArticleBody

from .conftest import article_id, make_app


async def open_reader(pilot: Pilot[int]) -> ReaderScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def test_header_and_body_show_the_article(filled: Library) -> None:
    seed = article_id(filled, "Islamabad")
    app = make_app(filled, seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        article = screen.stored.article
        assert str(screen.query_one("#article-title").render()) == article.title
        assert article.dek and article.dek in str(screen.query_one("#article-dek").render())
        assert "islamabad-warns-afghan-taliban.txt" in str(
            screen.query_one("#article-meta").render())
        body = screen.query_one(ArticleBody)
        assert body.text == article.text  # only the canonical text, offsets unchanged
        assert body.read_only and not body.highlight_cursor_line and body.has_focus
        assert "Leave a Comment" not in body.text
        assert filled.get(seed).read


async def test_headings_bold_and_inline_links_underlined(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        body = screen.body
        article = screen.stored.article
        heading_row = body.offset_to_location(article.text.index("Section 2"))[0]
        styles = [span.style for span in body.get_line(heading_row).spans]
        assert any(isinstance(s, Style) and s.bold for s in styles)
        link = article.links[0]
        assert link.start is not None
        row, column = body.offset_to_location(link.start)
        line = body.get_line(row)
        assert any(isinstance(span.style, Style) and span.style.underline
                   and span.start == column and span.end == column + len(link.text)
                   for span in line.spans)


async def test_moving_through_the_article(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_reader(pilot)
        body = screen.body
        text = screen.stored.article.text
        await pilot.press("j", "j")
        assert body.cursor_location[0] > 0 or body.cursor_location[1] > 0
        await pilot.press("k", "k")
        assert body.cursor_offset == 0
        await pilot.press("space")
        assert body.scroll_y > 0
        await pilot.press("b")
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        assert body.scroll_y > 0
        await pilot.press("pageup", "G")
        assert body.cursor_offset == len(text) and body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.cursor_offset == 0 and body.scroll_y == 0
        await pilot.press("right_curly_bracket")
        assert body.cursor_offset == text.index("Paragraph 1.1")
        await pilot.press("right_curly_bracket")
        assert body.cursor_offset == text.index("Paragraph 1.2")
        await pilot.press("left_curly_bracket")
        assert body.cursor_offset == text.index("Paragraph 1.1")
        await pilot.press("right_square_bracket")
        assert body.cursor_offset == text.index("Section 2")
        await pilot.press("right_square_bracket")
        assert body.cursor_offset == text.index("Section 3")
        assert body.top_offset() == text.index("Section 3")  # the heading at the top
        await pilot.press("left_square_bracket")
        assert body.cursor_offset == text.index("Section 2")


async def test_reading_position_is_remembered(filled: Library) -> None:
    long_id = article_id(filled, "A long")
    app = make_app(filled, long_id)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_reader(pilot)
        text = screen.stored.article.text
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        saved = filled.get(long_id).reading_position
        assert saved == text.index("Section 3")
        app.open_article(long_id)
        await pilot.pause()
        await pilot.pause()
        reopened = app.screen
        assert isinstance(reopened, ReaderScreen)
        assert reopened.body.top_offset() == saved
        assert reopened.body.cursor_offset == saved


async def test_panels_beside_the_body_when_wide(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_reader(pilot)
        assert screen.has_class("-wide")
        assert screen.panel_shown("captions") and screen.panel_shown("links")
        assert "Reuters" in str(screen.query(".caption-credit").first().render())
        await pilot.press("c")
        assert not screen.panel_shown("captions")
        await pilot.press("c")
        assert screen.panel_shown("captions")


async def test_the_reader_is_styled_once_when_shown_and_again_when_back_in_view(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    restyled: list[set[DOMNode]] = []
    update_nodes = Stylesheet.update_nodes

    def recording(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.append(set(nodes))
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", recording)
    app = make_app(filled, article_id(filled, "Islamabad"))
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_reader(pilot)
        assert screen.body.has_focus and screen.body.styles.background is not None
        assert not any(screen in nodes for nodes in restyled)  # styled at mount, only
        screen.post_message(events.ScreenResume())  # as when it comes back into view
        await pilot.pause()
        assert any({screen, screen.body} <= nodes for nodes in restyled)


async def test_moving_focus_restyles_only_the_panel_it_enters_or_leaves(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_reader(pilot)
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def recording(nodes: Iterable[DOMNode], animate: bool = False) -> None:
            nodes = list(nodes)
            restyled.extend(nodes)
            update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", recording)
        captions = screen.query_one("#captions-panel")
        await pilot.press("tab")
        assert app.focused is captions
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleBody)
        assert captions in restyled  # its border shows where the focus is
        assert screen not in restyled
        assert not any(node in restyled for node in screen.query("#article-header *"))


async def test_panels_toggle_when_narrow_and_tab_moves_focus(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(pilot)
        assert screen.has_class("-narrow")
        assert not screen.panel_shown("captions") and not screen.panel_shown("links")
        await pilot.press("l")
        assert screen.panel_shown("links")
        assert isinstance(app.focused, OptionList)  # the list of links, ready for enter
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleBody)
        await pilot.press("c")
        assert screen.panel_shown("captions") and app.focused.id == "captions-panel"
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleBody)
        await pilot.press("c", "l")
        assert not screen.panel_shown("captions") and not screen.panel_shown("links")
        assert isinstance(app.focused, ArticleBody)


async def test_o_and_a_number_opens_only_web_links(
        filled: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinkPromptModal)
        await pilot.press("1")  # four links: one digit is unambiguous
        await pilot.pause()
        assert opened == ["https://example.org/one"]
        for number in "234":  # file:, javascript:, no address
            await pilot.press("o", number)
            await pilot.pause()
        assert opened == ["https://example.org/one"]
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("o", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and len(opened) == 1


async def test_links_panel_enter_opens_and_y_copies(
        filled: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_reader(pilot)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")
        assert opened == ["https://example.org/one"]
        await pilot.press("down", "y")
        assert copied == ["file:///etc/passwd"]  # copying is harmless; opening is not
        await pilot.press("enter")
        assert opened == ["https://example.org/one"]
        await pilot.press("shift+tab", "shift+tab", "y", "1")
        await pilot.pause()
        assert copied[-1] == "https://example.org/one"


async def test_q_and_escape_go_back_to_the_library(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
