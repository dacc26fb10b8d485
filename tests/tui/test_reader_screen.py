"""Pilot tests of the reader: header, body, movement keys, panels, links, position."""

from __future__ import annotations

import webbrowser
from typing import Any

import pytest
from rich.style import Style
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from newsreader.storage import Library
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.screens.help import binding_rows
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.link_prompt import LinkPromptModal
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.screens.reader.annotator import Annotator
from newsreader.tui.screens.reader.screen import SidePanels
from newsreader.tui.screens.reader.search import ArticleSearch
from newsreader.tui.screens.reader.visual_mode import VisualMode
from newsreader.tui.widgets.article_body import ArticleBody

from .conftest import article_id, make_app, record_notices, wait_until


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
        line = screen.query_one("#article-meta")
        await wait_until(pilot, lambda: str(line.render()).endswith(" min"))  # reading time
        assert "islamabad-warns-afghan-taliban.txt" not in str(line.render())  # no site
        body = screen.query_one(ArticleBody)
        assert body.text == article.text  # only the canonical text, offsets unchanged
        assert body.read_only and not body.highlight_cursor_line and body.has_focus
        assert "Leave a Comment" not in body.text
        assert filled.articles.get(seed).read


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
        saved = filled.articles.get(long_id).reading_position
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
    def browser(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinkPromptModal)
        await pilot.press("1")  # four links: one digit is unambiguous
        await app.workers.wait_for_complete()
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
    def browser(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_reader(pilot)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
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


@pytest.mark.parametrize("owner", [ReaderScreen, VisualMode, Annotator, ArticleSearch,
                                   SidePanels])
def test_every_key_of_the_reader_is_described(owner: Any) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding) and binding.description, (owner, binding)
        assert binding.id and binding.id.startswith("reader."), (owner, binding)


async def test_help_lists_the_new_reader_keys(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reader(pilot)
        sections = _help(app.screen)
        reading, notes = sections["Reader"], sections["Highlights and notes"]
        assert reading["Next article"] == "J" and reading["Previous article"] == "K"
        assert reading["Open the original"] == "O"
        assert reading["Copy the original's address"] == "L"
        assert reading["Fetch the original again"] == "R"
        assert notes["Copy as a Markdown quote"] == "Y"
        assert sections["Search in the article"]["Search the article"] == "/"
        await pilot.press("l")
        assert _help(app.screen)["In a side panel"]["Back to the text"] == "esc"


def _help(screen: Screen[Any]) -> dict[str, dict[str, str]]:
    """The help's sections: {title: {description: keys}}."""
    return {title: {does: keys for keys, does in rows}
            for title, rows in binding_rows(screen, "Reader")}


async def test_help_lists_reading_keys_apart_from_highlights_and_notes(
        filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reader(pilot)
        sections = _help(app.screen)
        reading, notes = sections["Reader"], sections["Highlights and notes"]
        assert reading["Next paragraph"] == "}" and reading["Page up"].startswith("b")
        assert reading["Library"] == "q, esc"
        assert notes["Select"] == "v" and notes["Next word"] == "w"
        assert notes["Highlight the selection"].startswith("h")
        assert notes["Export to Markdown"] == "E" and notes["Next highlight"] == ">"
        # b, { and } are reading keys until visual mode is on; escape leaves the reader.
        assert "Previous word" not in notes and "Leave visual mode" not in notes
        await pilot.press("v")
        sections = _help(app.screen)
        reading, notes = sections["Reader"], sections["Highlights and notes"]
        assert notes["Previous word"] == "b" and notes["Next paragraph"] == "}"
        assert notes["Leave visual mode"] == "esc"
        assert "Library" not in reading and "Next paragraph" not in reading


async def test_q_leaves_only_when_nothing_is_selected(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("v", "e", "q")
        assert app.screen is screen and screen.body.selected_span is not None
        await pilot.press("escape")
        assert app.screen is screen and screen.body.selected_span is None
        await pilot.press("shift+right", "escape")  # a selection without visual mode
        assert app.screen is screen and screen.body.selected_span is None
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


@pytest.mark.parametrize("panel_key", ["l", "m"])
async def test_hiding_the_focused_panel_gives_the_focus_back_to_the_body(
        filled: Library, panel_key: str) -> None:
    reading = article_id(filled, "A long")
    filled.annotations.add_highlight(reading, 0, 10, note="listed in the notes panel")
    app = make_app(filled, reading)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot)
        await pilot.press(panel_key)
        assert isinstance(app.focused, OptionList)  # the panel's list has the focus
        await pilot.press(panel_key)
        assert isinstance(app.focused, ArticleBody)
        await pilot.press("v", "w")  # the highlight keys act again at once
        assert app.focused.selected_span is not None


async def test_when_no_browser_starts_it_says_so_and_offers_to_copy(
        filled: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    copied: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **kw: False)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("o", "1")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = str(app.screen.query_one("#confirm-question").render())
        assert "No browser could be started" in question and "example.org/one" in question
        assert not any(notice.startswith("Open") for notice in notices)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and copied == ["https://example.org/one"]
        assert notices[-1] == "Copied the address of link 1."



async def test_link_rows_fit_the_list_once_its_scrollbar_shows(library: Library) -> None:
    from rich.cells import cell_len

    from newsreader.ingest.importing import import_sources
    from newsreader.tui.widgets.side_panels import LinkList

    from ..conftest import SAMPLES_DIR

    # A sample whose links fill more than the panel at this size.
    import_sources(library, [str(SAMPLES_DIR / "riverside-library-reopens-after-flood-"
                                               "restoration.md")])
    app = make_app(library, article_id(library, "Riverside"))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        link_list = app.screen.query_one(LinkList)

        def rows_fit() -> bool:
            width = link_list.scrollable_content_region.width
            return all(cell_len(line) <= width
                       for index in range(link_list.option_count)
                       for line in str(link_list.get_option_at_index(index).prompt).split("\n"))

        await wait_until(pilot, lambda: link_list.max_scroll_y > 0)
        await wait_until(pilot, rows_fit)


async def test_note_rows_fit_the_list_once_its_scrollbar_shows(library: Library) -> None:
    from rich.cells import cell_len

    from newsreader.domain.models import Article, Block
    from newsreader.tui.widgets.notes_panel import NoteList, NotesPanel

    from .conftest import add_article

    sentences = [f"Sentence {n} of the article, long enough to be worth a highlight."
                 for n in range(12)]
    saved = add_article(library, Article(title="Notes", blocks=(
        Block("paragraph", " ".join(sentences)),)), "notes.txt")
    text = library.articles.get(saved).article.text

    def note_on(sentence: str) -> None:
        start = text.index(sentence)
        library.annotations.add_highlight(
            saved, start, start + len(sentence),
            note="https://archive.ashfordlibraries.example.org.uk/notes/and/more")

    note_on(sentences[0])
    app = make_app(library, saved)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        panel = app.screen.query_one(NotesPanel)

        def rows_fit() -> bool:
            note_list = panel.note_list
            if note_list is None:
                return False
            width = note_list.scrollable_content_region.width
            return all(cell_len(line) <= width
                       for index in range(note_list.option_count)
                       for line in str(note_list.get_option_at_index(index).prompt).split("\n"))

        await wait_until(pilot, rows_fit)  # one row, wrapped to the list's width
        for sentence in sentences[1:]:  # more notes than the panel holds: it scrolls
            note_on(sentence)
        panel.show(library.annotations.highlights(saved), [], text)
        note_list = app.screen.query_one(NoteList)
        await wait_until(pilot, lambda: note_list.max_scroll_y > 0)
        await wait_until(pilot, rows_fit)
