"""Pilot tests of highlighting in the reader: visual mode and its motions, colours, delete and
undo, jumps between highlights, NO_COLOR, commits a second connection sees, and ``E`` export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.app import App
from textual.pilot import Pilot

from newsreader.domain.models import Article, Block
from newsreader.storage import Library
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.screens.reader.spans import highlight_spans

from .conftest import add_article, make_app

PARAGRAPHS = (
    "One two, three. Four five! Six seven.",
    "Second para here. Another sentence follows it.",
    "Third para at the end.",
)


def small_article() -> Article:
    """Three short paragraphs: every motion lands somewhere known."""
    return Article(title="Motions", blocks=tuple(Block("paragraph", p) for p in PARAGRAPHS))


TEXT = small_article().text


async def reader(pilot: Pilot[int]) -> ReaderScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def notifications(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the app shows from now on (its public ``notify``, recorded)."""
    messages: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(message)
        notify(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", recording)
    return messages


def selected(screen: ReaderScreen) -> str:
    span = screen.body.selected_span
    return "" if span is None else screen.body.text[span[0]:span[1]]


async def test_visual_mode_motions_extend_the_selection(library: Library) -> None:
    app = make_app(library, add_article(library, small_article(), "motions.txt"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        await pilot.press("v")
        assert screen.visual_mode.visual
        mode_line = screen.query_one("#reader-mode")
        assert mode_line.display and "-- VISUAL --" in str(mode_line.render())
        await pilot.press("e")
        assert selected(screen) == "One"
        await pilot.press("w", "w")
        assert selected(screen) == "One two"  # "," is a word of its own, as in vim
        await pilot.press("w")
        assert selected(screen) == "One two, "
        await pilot.press("b")  # in visual mode b is a word back, not a page up
        assert selected(screen) == "One two"
        await pilot.press("right_parenthesis")
        assert selected(screen) == "One two, three. "
        await pilot.press("right_parenthesis", "left_parenthesis")
        assert selected(screen) == "One two, three. "
        await pilot.press("right_curly_bracket")
        assert selected(screen) == PARAGRAPHS[0]
        await pilot.press("right_curly_bracket")
        assert selected(screen) == TEXT[: TEXT.index("\n\nThird")]
        await pilot.press("left_curly_bracket")
        assert selected(screen) == TEXT[: TEXT.index("Second")]
        await pilot.press("dollar_sign")
        assert selected(screen) == TEXT[: TEXT.index("\n\nThird")]
        await pilot.press("0")
        assert selected(screen) == TEXT[: TEXT.index("Second")]
        await pilot.press("escape")
        assert not screen.visual_mode.visual and screen.body.selected_span is None
        assert not screen.query_one("#reader-mode").display
        assert isinstance(app.screen, ReaderScreen)  # escape left visual mode, not the reader


async def test_arrows_j_k_and_shift_arrows_select(library: Library) -> None:
    app = make_app(library, add_article(library, small_article(), "motions.txt"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        await pilot.press("v", "right", "right", "right")
        assert selected(screen) == "One"
        await pilot.press("j")
        span = screen.body.selected_span
        assert span is not None and span[1] > len(PARAGRAPHS[0])
        await pilot.press("k", "left")
        assert selected(screen) == "On"
        await pilot.press("escape", "0")
        assert screen.body.cursor_offset == 0
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+right")
        assert selected(screen) == "One "
        await pilot.press("h")  # outside visual mode too; blanks at the edges are left out
        assert [(h.exact, h.color) for h in library.annotations.highlights()] == [("One", "yellow")]


async def test_h_enter_and_colours_save_highlights(library: Library, tmp_path: Path) -> None:
    article = add_article(library, small_article(), "motions.txt")
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        await pilot.press("v", "e", "h")
        # Committed when shown: a second connection to the same file sees it.
        with Library(tmp_path / "library.db") as other:
            assert [h.exact for h in other.annotations.highlights(article)] == ["One"]
        assert not screen.visual_mode.visual
        assert screen.annotator.highlight_at(screen.body.cursor_offset) is not None
        for key, color in zip("12345", ("yellow", "green", "blue", "pink", "purple"),
                              strict=True):
            await pilot.press(key)  # on the highlight under the cursor: recolour it
            assert library.annotations.highlights(article)[0].color == color
        await pilot.press("w", "v", "e", "2")  # a selection and a colour: highlight it
        assert [(h.exact, h.color) for h in library.annotations.highlights(article)] == [
            ("One", "purple"), ("two", "green")]
        await pilot.press("w", "w", "v", "e", "enter")  # enter highlights, in the last colour
        marks = library.annotations.highlights(article)
        assert [(h.exact, h.color) for h in marks][-1] == ("three", "green")
        row = screen.body.offset_to_location(0)[0]
        assert any(isinstance(span.style, Style) and span.style.bgcolor is not None
                   for span in screen.body.get_line(row).spans)


async def test_h_with_nothing_selected_only_explains(
        library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(library, add_article(library, small_article(), "motions.txt"))
    said = notifications(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot)
        await pilot.press("h", "v", "h")
        assert library.annotations.highlights() == []
        assert len([m for m in said if "Select some text first" in m]) == 2


async def test_x_deletes_and_u_restores(library: Library) -> None:
    article = add_article(library, small_article(), "motions.txt")
    made = library.annotations.add_highlight(article, 4, 7)
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        await pilot.press("x")  # the cursor is not on it: nothing happens
        assert len(library.annotations.highlights(article)) == 1
        await pilot.press("w", "x")
        assert library.annotations.highlights(article) == []
        assert screen.annotator.highlights == []
        await pilot.press("u")
        assert [h.id for h in library.annotations.highlights(article)] == [made.id]
        assert screen.body.cursor_offset == 4


async def test_greater_and_less_than_jump_between_highlights(library: Library) -> None:
    article = add_article(library, small_article(), "motions.txt")
    first = TEXT.index("Four")
    second = TEXT.index("Another")
    library.annotations.add_highlight(article, second, second + 7)
    library.annotations.add_highlight(article, first, first + 4)
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        await pilot.press("greater_than_sign")
        assert screen.body.cursor_offset == first
        await pilot.press("greater_than_sign")
        assert screen.body.cursor_offset == second
        await pilot.press("greater_than_sign")
        assert screen.body.cursor_offset == second
        await pilot.press("less_than_sign")
        assert screen.body.cursor_offset == first


async def test_reading_keys_unchanged_outside_visual_mode(library: Library) -> None:
    article = add_article(library, small_article(), "motions.txt")
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        await pilot.press("right_curly_bracket")
        assert screen.body.cursor_offset == TEXT.index("Second")  # a jump, not a selection
        assert screen.body.selected_span is None
        await pilot.press("w")
        assert screen.body.cursor_offset == TEXT.index("para")


def test_overlapping_and_adjacent_highlights_paint_in_order(library: Library) -> None:
    article = add_article(library, small_article(), "motions.txt")
    outer = library.annotations.add_highlight(article, 0, 20, color="blue")
    inner = library.annotations.add_highlight(article, 4, 7, color="pink")
    touching = library.annotations.add_highlight(article, 20, 26, color="blue")
    spans = highlight_spans(library.annotations.highlights(article))
    assert spans.index((0, 20, "article-body--hl-blue")) < spans.index(
        (4, 7, "article-body--hl-pink"))  # the inner one is painted last, so it shows
    assert (4, 7, "article-body--hl-alt") in spans  # overlapping: marked apart
    assert (20, 26, "article-body--hl-alt") in spans  # touching: marked apart too
    assert outer.id != inner.id != touching.id


async def test_no_color_highlights_stay_visible(
        library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    article = add_article(library, small_article(), "motions.txt")
    library.annotations.add_highlight(article, 0, 3)
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        assert app.no_color and app.has_class("-no-color")
        line = screen.body.get_line(0)
        styles = [span.style for span in line.spans if span.start == 0 and span.end == 3]
        assert any(isinstance(s, Style) and (s.reverse or s.underline) for s in styles)


async def test_opening_at_a_passage(library: Library) -> None:
    article = add_article(library, small_article(), "motions.txt")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_article(article, at=TEXT.index("Third"))
        screen = await reader(pilot)
        await pilot.pause()
        assert screen.body.cursor_offset == TEXT.index("Third")


async def test_e_exports_the_open_article(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "exports"
    monkeypatch.setenv("NEWSREADER_EXPORT_DIR", str(out))
    article = add_article(library, small_article(), "motions.txt")
    library.annotations.add_highlight(article, 0, 3, note="the start")
    app = make_app(library, article)
    said = notifications(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot)
        await pilot.press("E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        files = list(out.glob("*.md"))
        assert len(files) == 1
        text = files[0].read_text(encoding="utf-8")
        assert "One" in text and "the start" in text
        assert said == ["Exporting\u2026", f"Exported to {files[0]}"]


async def test_e_with_nothing_to_export_says_so(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEWSREADER_EXPORT_DIR", str(tmp_path / "exports"))
    app = make_app(library, add_article(library, small_article(), "motions.txt"))
    said = notifications(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot)
        await pilot.press("E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(message.startswith("Not exported") for message in said)


async def test_a_mouse_drag_selects_and_h_highlights(library: Library) -> None:
    article = add_article(library, small_article(), "motions.txt")
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        body = screen.body
        left = body.gutter.left  # the body's padding: column 0 of the text is past it
        await pilot.mouse_down(body, offset=(left + 4, 0))
        await pilot.hover(body, offset=(left + 14, 0))
        await pilot.mouse_up(body, offset=(left + 14, 0))
        assert selected(screen) == "two, three"
        await pilot.press("h")
        assert [h.exact for h in library.annotations.highlights(article)] == ["two, three"]


async def test_highlight_colours_resolve_in_a_light_theme(library: Library) -> None:
    article = add_article(library, small_article(), "motions.txt")
    library.annotations.add_highlight(article, 0, 3, color="purple")
    app = make_app(library, article)
    app.theme = "textual-light"
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        styles = [span.style for span in screen.body.get_line(0).spans if span.end == 3]
        assert any(isinstance(s, Style) and s.bgcolor is not None for s in styles)


async def test_no_color_keeps_the_five_colours_apart(
        library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    article = add_article(library, small_article(), "motions.txt")
    words = [(0, 3), (4, 7), (9, 14), (16, 20), (21, 25)]
    colors = ["yellow", "green", "blue", "pink", "purple"]
    for (start, end), color in zip(words, colors, strict=True):
        library.annotations.add_highlight(article, start, end, color=color)
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot)
        line = screen.body.get_line(0)
        looks = set()
        for start, end in words:
            style = Style.combine(span.style for span in line.spans  # type: ignore[misc]
                                  if span.start == start and span.end == end)
            # The terminal shows no colour (Textual drops it on output): the look must do.
            assert style.reverse or style.underline  # and still plainly marked
            looks.add((style.reverse, style.underline, style.italic, style.bold))
        assert len(looks) == len(colors)
