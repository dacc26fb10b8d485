"""The body widget: offsets, painted spans, cursor and selection, read through public API."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style
from textual.app import App, ComposeResult
from textual.strip import Strip

from newsreader.tui.safe import display_text
from newsreader.tui.widgets.article_body import ArticleBody, OffsetIndex

TEXT = "First paragraph here.\n\nSecond one, a little longer than the first.\n\nThird."


@given(st.text(alphabet="ab \n漢😀", max_size=200), st.data())
def test_offset_index_round_trips(text: str, data: st.DataObject) -> None:
    index = OffsetIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    row, column = index.to_location(offset)
    lines = text.split("\n")
    assert sum(len(line) + 1 for line in lines[:row]) + column == offset
    assert column <= len(lines[row])
    assert index.to_offset((row, column)) == offset


class _BodyApp(App[None]):
    # No border or padding: a cell (x, y) of the body is column x of view row y.
    CSS = """
    ArticleBody { border: none; padding: 0; }
    ArticleBody .article-body--heading { text-style: bold; }
    ArticleBody .article-body--hl-yellow { background: yellow 50%; }
    """

    def __init__(self, text: str = TEXT) -> None:
        super().__init__()
        self.body_text = text

    def compose(self) -> ComposeResult:
        yield ArticleBody(self.body_text)


def _cells(strip: Strip, wanted: Style) -> str:
    """The text of a rendered row's cells whose style has every attribute ``wanted`` has."""
    return "".join(segment.text for segment in strip
                   if segment.style is not None and segment.style + wanted == segment.style)


async def test_every_offset_names_the_same_character_in_the_document() -> None:
    text = "Tab\there, a bell \x07 and a CR\r in line one.\n\n漢字 and 😀.\n"
    app = _BodyApp(text)
    async with app.run_test(size=(60, 8)):
        body = app.query_one(ArticleBody)
        shown = display_text(text)
        assert body.text == shown and len(shown) == len(text)
        for offset in range(len(text) + 1):
            location = body.offset_to_location(offset)
            assert body.location_to_offset(location) == offset
            assert body.get_text_range((0, 0), location) == shown[:offset]


async def test_spans_are_painted_in_the_rendered_rows_and_repainted_when_they_change() -> None:
    app = _BodyApp()
    async with app.run_test(size=(60, 10)) as pilot:
        body = app.query_one(ArticleBody)
        underline = Style(underline=True)
        assert _cells(body.render_line(2), underline) == ""
        body.set_spans([(TEXT.index("little"), TEXT.index("Third") + 3, underline),
                        (0, 5, "article-body--heading")])
        await pilot.pause()
        assert _cells(body.render_line(0), Style(bold=True)) == "First"
        assert _cells(body.render_line(2), underline) == "little longer than the first."
        assert _cells(body.render_line(4), underline) == "Thi"
        body.set_spans([])
        await pilot.pause()
        assert _cells(body.render_line(2), underline) == ""
        assert _cells(body.render_line(0), Style(bold=True)) == ""


async def test_a_highlight_is_painted_with_its_colour_blended_over_the_body() -> None:
    app = _BodyApp()
    async with app.run_test(size=(60, 10)) as pilot:
        body = app.query_one(ArticleBody)
        plain = {segment.style.bgcolor for segment in body.render_line(4)
                 if segment.style is not None and segment.text.strip()}
        body.set_spans([(TEXT.index("Third"), len(TEXT), "article-body--hl-yellow")])
        await pilot.pause()
        painted = [segment for segment in body.render_line(4)
                   if segment.text.strip() and segment.style is not None]
        colours = {segment.style.bgcolor for segment in painted if segment.style is not None}
        assert len(colours) == 1 and colours != plain
        (colour,) = colours
        assert colour is not None and colour.triplet is not None
        assert colour.triplet != (255, 255, 0)  # translucent: mixed with the body's background


async def test_offsets_cursor_and_reading_position() -> None:
    text = "\n\n".join(f"Paragraph {n} has a few words that wrap." for n in range(30))
    app = _BodyApp(text)
    async with app.run_test(size=(20, 5)) as pilot:
        body = app.query_one(ArticleBody)
        offset = text.index("Paragraph 10")
        body.move_to_offset(offset, top=True)
        await pilot.pause()
        assert body.cursor_offset == offset
        assert body.top_offset() == offset
        inside = text.index("wrap.", offset)  # on a later wrapped row of the same paragraph
        body.move_to_offset(inside, top=True)
        await pilot.pause()
        assert offset < body.top_offset() <= inside
        assert body.render_line(0).text.strip() in text[body.top_offset():inside + 5]


async def test_shift_arrows_select_and_the_selection_is_given_in_offsets() -> None:
    app = _BodyApp()
    async with app.run_test(size=(60, 10)) as pilot:
        body = app.query_one(ArticleBody)
        body.focus()
        assert body.selected_span is None
        await pilot.press("shift+right", "shift+right", "shift+down")
        assert body.selected_span == (0, TEXT.index("\n") + 1)  # down: the blank row 1
        body.move_to_offset(TEXT.index("Second"))
        await pilot.press(*["shift+right"] * 6)
        assert body.selected_span == (TEXT.index("Second"), TEXT.index("Second") + 6)
        body.extend_to_offset(TEXT.index("Third"))
        assert body.selected_span == (TEXT.index("Second"), TEXT.index("Third"))
        body.clear_selection()
        assert body.selected_span is None
        assert body.cursor_offset == TEXT.index("Third")


async def test_in_visual_mode_every_move_extends_the_selection() -> None:
    app = _BodyApp()
    async with app.run_test(size=(60, 10)) as pilot:
        body = app.query_one(ArticleBody)
        body.focus()
        body.move_to_offset(TEXT.index("Second"))
        body.visual = True
        await pilot.press("right", "right", "right")
        assert body.selected_span == (TEXT.index("Second"), TEXT.index("Second") + 3)
        await pilot.press("left")
        assert body.selected_span == (TEXT.index("Second"), TEXT.index("Second") + 2)
        body.move_to_offset(TEXT.index("Third"))
        assert body.selected_span == (TEXT.index("Second"), TEXT.index("Third"))
        body.visual = False
        await pilot.press("right")
        assert body.selected_span is None


async def test_dragging_the_mouse_selects() -> None:
    app = _BodyApp()
    async with app.run_test(size=(60, 10)) as pilot:
        body = app.query_one(ArticleBody)
        await pilot.mouse_down(body, offset=(7, 2))
        await pilot.hover(body, offset=(13, 2))
        await pilot.mouse_up(body, offset=(13, 2))
        assert body.selected_span is not None
        start, end = body.selected_span
        assert TEXT[start:end] == "one, a"


async def test_the_body_cannot_be_edited_from_the_keyboard() -> None:
    app = _BodyApp()
    async with app.run_test(size=(40, 10)) as pilot:
        body = app.query_one(ArticleBody)
        body.focus()
        await pilot.press("x", "enter", "backspace", "ctrl+v", "ctrl+x", "ctrl+z")
        assert body.text == TEXT
        assert body.check_action("paste", ()) is False


async def test_loading_new_text_drops_the_spans() -> None:
    app = _BodyApp()
    async with app.run_test(size=(60, 10)) as pilot:
        body = app.query_one(ArticleBody)
        body.set_spans([(0, 5, Style(underline=True))])
        body.load_text("Other text.")
        await pilot.pause()
        assert body.text == "Other text."
        assert body.cursor_offset == 0
        assert _cells(body.render_line(0), Style(underline=True)) == ""
