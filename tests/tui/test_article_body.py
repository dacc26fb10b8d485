"""The body widget: its offset index, spans and caches (the base the highlights build on)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style
from textual.app import App, ComposeResult
from textual.widgets.text_area import Edit

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
    def __init__(self, text: str = TEXT) -> None:
        super().__init__()
        self.body_text = text

    def compose(self) -> ComposeResult:
        yield ArticleBody(self.body_text)


async def test_spans_paint_rows_and_follow_offsets() -> None:
    app = _BodyApp()
    async with app.run_test(size=(40, 10)) as pilot:
        body = app.query_one(ArticleBody)
        start = TEXT.index("little")
        end = TEXT.index("Third") + 3
        body.set_spans([(start, end, Style(underline=True))])
        await pilot.pause()
        second = body.get_line(2)
        assert [(s.start, s.end) for s in second.spans] == [(TEXT.index("little") - 23,
                                                              len(second.plain))]
        assert body.get_line(3).plain == ""  # nothing to paint on the blank line between
        third = body.get_line(4)
        assert [(s.start, s.end) for s in third.spans] == [(0, 3)]
        assert body.get_line(4) is not body.get_line(4)  # a copy each time: TextArea mutates
        body.set_spans([])
        assert not body.get_line(4).spans


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
        assert body.location_to_offset(body.offset_to_location(offset)) == offset
        assert body.wrapped_document.height == len(body.wrapped_document._offset_to_line_info)


async def test_the_body_cannot_be_edited_from_the_keyboard() -> None:
    app = _BodyApp()
    async with app.run_test(size=(40, 10)) as pilot:
        body = app.query_one(ArticleBody)
        body.focus()
        await pilot.press("x", "enter", "backspace", "ctrl+v", "ctrl+x", "ctrl+z")
        assert body.text == TEXT
        assert body.check_action("paste", ()) is False


async def test_the_text_is_wrapped_again_only_when_the_width_changes() -> None:
    long_text = "\n\n".join(f"Paragraph {n}: " + "word " * 60 for n in range(30))
    app = _BodyApp(long_text)
    async with app.run_test(size=(60, 12)) as pilot:
        body = app.query_one(ArticleBody)
        wrapped = body.wrapped_document
        rows = wrapped._offset_to_line_info  # the wrap's result, rebuilt by each full wrap
        assert body.scrollbars_enabled[0]  # the scrollbar came after the first wrap
        body.wrapped_document.wrap(body.wrap_width)
        body.refresh()
        await pilot.pause()
        assert wrapped._offset_to_line_info is rows
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        narrower = wrapped._offset_to_line_info
        assert narrower is not rows and len(narrower) > len(rows)
        first_line = body.document.get_line(0)
        body.edit(Edit("More ", (0, 0), (0, 0), maintain_selection_offset=False))
        wrapped.wrap(body.wrap_width)  # after an edit, a full wrap is done again
        assert wrapped._offset_to_line_info is not narrower
        assert body.document.get_line(0) == "More " + first_line
