"""Pilot tests of notes: the editor (ctrl+s, escape and its question), ``n`` and ``N``, and the
notes panel (contents in reading order, orphans marked, ``enter`` to jump or edit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from newsreader.domain.models import Article, Block
from newsreader.storage import Library
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.screens.note_editor import NoteEditorModal
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets.notes_panel import NoteList, NotesPanel

from .conftest import add_article, make_app, wait_until
from .test_highlights_reader import TEXT, notifications, small_article

WIDE = (160, 40)


async def reader(pilot: Pilot[int]) -> ReaderScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def editor(pilot: Pilot[int]) -> NoteEditorModal:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NoteEditorModal)
    return screen


async def test_n_on_a_highlight_adds_then_edits_its_note(library: Library, tmp_path: Path) -> None:
    article = add_article(library, small_article(), "notes.txt")
    made = library.annotations.add_highlight(article, 0, 3)
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot)
        await pilot.press("n")
        await editor(pilot)
        await pilot.press(*"first", "enter", *"line two", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        with Library(tmp_path / "library.db") as other:  # committed when it says saved
            notes = other.annotations.get_highlight(made.id).notes
            assert [n.body for n in notes] == ["first\nline two"]
        await pilot.press("n")
        modal = await editor(pilot)
        assert modal.editor.text == "first\nline two"
        modal.editor.text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        # emptied: the note is removed
        assert library.annotations.get_highlight(made.id).notes == ()


async def test_n_with_a_selection_makes_a_highlight_with_its_note(library: Library) -> None:
    article = add_article(library, small_article(), "notes.txt")
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot)
        await pilot.press("v", "e", "e", "n")
        await editor(pilot)
        await pilot.press(*"why", "ctrl+s")
        await pilot.pause()
        [made] = library.annotations.highlights(article)
        assert made.exact == "One two" and [n.body for n in made.notes] == ["why"]


async def test_escape_asks_before_throwing_typed_text_away(library: Library) -> None:
    article = add_article(library, small_article(), "notes.txt")
    made = library.annotations.add_highlight(article, 0, 3)
    app = make_app(library, article)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot)
        await pilot.press("n", "escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("n")
        await editor(pilot)
        await pilot.press(*"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # no: back to the text, still there
        modal = await editor(pilot)
        assert modal.editor.text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert library.annotations.get_highlight(made.id).notes == ()


async def test_n_with_nothing_under_the_cursor_explains(
        library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(library, add_article(library, small_article(), "notes.txt"))
    said = notifications(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert any("N notes the whole article" in message for message in said)


async def test_capital_n_adds_an_article_note(library: Library) -> None:
    article = add_article(library, small_article(), "notes.txt")
    app = make_app(library, article)
    async with app.run_test(size=WIDE) as pilot:
        screen = await reader(pilot)
        await pilot.press("N")
        await editor(pilot)
        await pilot.press(*"about it all", "ctrl+s")
        await pilot.pause()
        assert [n.body for n in library.annotations.article_notes(article)] == ["about it all"]
        note_id = library.annotations.article_notes(article)[0].id
        assert screen.query_one(NotesPanel).option_ids == [f"n:{note_id}"]


async def test_notes_panel_lists_in_reading_order_and_enter_jumps(library: Library) -> None:
    article = add_article(library, small_article(), "notes.txt")
    later = library.annotations.add_highlight(
        article, TEXT.index("Another"), TEXT.index("Another") + 7, note="later one")
    earlier = library.annotations.add_highlight(article, TEXT.index("Four"), TEXT.index("Four") + 4)
    app = make_app(library, article)
    async with app.run_test(size=WIDE) as pilot:
        screen = await reader(pilot)
        panel = screen.query_one(NotesPanel)
        assert screen.panel_shown("notes")
        assert panel.option_ids == [f"h:{earlier.id}", f"h:{later.id}"]
        assert panel.note_list is not None
        assert "later one" in str(panel.note_list.get_option_at_index(1).prompt)
        await pilot.press("shift+tab")  # the last panel: one key back from the body
        assert isinstance(app.focused, NoteList)
        await pilot.press("down", "enter")
        assert screen.body.has_focus
        assert screen.body.cursor_offset == TEXT.index("Another")
        await pilot.press("m")
        assert not screen.panel_shown("notes")


async def test_notes_panel_enter_on_an_article_note_edits_it(library: Library) -> None:
    article = add_article(library, small_article(), "notes.txt")
    note = library.annotations.add_article_note(article, "old")
    app = make_app(library, article)
    async with app.run_test(size=WIDE) as pilot:
        await reader(pilot)
        await pilot.press("m", "m")  # hide and show again: focus lands on the list
        assert isinstance(app.focused, NoteList)
        await pilot.press("enter")
        modal = await editor(pilot)
        assert modal.editor.text == "old"
        modal.query_one(TextArea).text = "new"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n.body for n in library.annotations.article_notes(article)] == ["new"]
        assert library.annotations.get_note(note.id).body == "new"


async def test_orphans_are_listed_marked_and_kept(
        library: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = add_article(library, small_article(), "notes.txt")
    orphan = library.annotations.add_highlight(
        article, TEXT.index("Third"), TEXT.index("Third") + 10, note="kept")
    changed = Article(title="Motions", blocks=(Block("paragraph", "Entirely different words."),))
    assert library.articles.reclean(article, changed, cleaner_version="test-2")
    app = make_app(library, article)
    said = notifications(app, monkeypatch)
    async with app.run_test(size=WIDE) as pilot:
        screen = await reader(pilot)
        panel = screen.query_one(NotesPanel)
        assert panel.option_ids == [f"h:{orphan.id}"]
        assert panel.note_list is not None
        assert "orphan" in str(panel.note_list.get_option_at_index(0).prompt)
        assert "orphaned" in str(panel.border_title)
        await pilot.press("shift+tab", "enter")
        assert any("orphan" in message for message in said)
        assert library.annotations.get_highlight(orphan.id).status == "orphan"


async def test_x_in_the_notes_panel_deletes_the_chosen_highlight(library: Library) -> None:
    article = add_article(library, small_article(), "notes.txt")
    first = library.annotations.add_highlight(article, 0, 3)  # under the body's cursor at the start
    later = library.annotations.add_highlight(
        article, TEXT.index("Another"), TEXT.index("Another") + 7)
    app = make_app(library, article)
    async with app.run_test(size=WIDE) as pilot:
        screen = await reader(pilot)
        assert screen.body.cursor_offset == 0
        await pilot.press("shift+tab", "down")  # the notes list, its second row
        assert isinstance(app.focused, NoteList)
        await pilot.press("x")
        await pilot.pause()
        assert [h.id for h in library.annotations.highlights(article)] == [first.id]
        assert later.id not in [h.id for h in screen.annotator.highlights]


async def test_an_orphan_can_be_noted_and_deleted_from_the_panel(library: Library) -> None:
    article = add_article(library, small_article(), "notes.txt")
    orphan = library.annotations.add_highlight(
        article, TEXT.index("Third"), TEXT.index("Third") + 10)
    changed = Article(title="Motions", blocks=(Block("paragraph", "Entirely different words."),))
    assert library.articles.reclean(article, changed, cleaner_version="test-2")
    app = make_app(library, article)
    async with app.run_test(size=WIDE) as pilot:
        await reader(pilot)
        await pilot.press("shift+tab", "n")
        modal = await editor(pilot)
        modal.query_one(TextArea).text = "still worth keeping"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n.body for n in library.annotations.get_highlight(orphan.id).notes] == [
            "still worth keeping"]
        await pilot.press("x")
        await pilot.pause()
        assert orphan.id not in [h.id for h in library.annotations.highlights(article)]


async def test_a_fuzzy_placed_highlight_shows_its_passage_now_and_what_it_was(
        library: Library) -> None:
    first = Article(title="Moved", blocks=(
        Block("paragraph", "Opening words here. The harbour council voted for a barrier."),))
    article = add_article(library, first, "moved.txt")
    start = first.text.index("harbour council voted")
    library.annotations.add_highlight(article, start, start + len("harbour council voted"))
    second = Article(title="Moved", blocks=(
        Block("paragraph", "Opening words here. The harbor council voted for a barrier."),))
    library.articles.reclean(article, second, cleaner_version="test")
    [placed] = library.annotations.highlights(article)
    assert placed.status == "fuzzy"
    app = make_app(library, article)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(NotesPanel)
        await wait_until(pilot, lambda: panel.note_list is not None)
        note_list = panel.note_list
        assert note_list is not None
        row = str(note_list.get_option_at_index(0).prompt)
        assert "\u201charbor council voted\u201d" in row  # the passage it covers now
        assert "was: \u201charbour council voted\u201d" in row  # the quote as made
