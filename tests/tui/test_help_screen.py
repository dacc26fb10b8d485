"""Pilot tests of the help screen: j/k scroll it, and Textual's own keys are listed apart
from the app's."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.screen import Screen

from newsreader.storage import Library
from newsreader.tui.screens.help import BUILT_IN, HelpScreen, binding_ids

from .conftest import article_id, make_app, wait_until


async def test_j_and_k_scroll_the_help(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = app.screen.query_one("#help-keys", VerticalScroll)
        assert keys.max_scroll_y > 3  # more keys than fit at 80x24
        await pilot.press("j", "j", "j")
        await wait_until(pilot, lambda: keys.scroll_y == 3)
        await pilot.press("k")
        await wait_until(pilot, lambda: keys.scroll_y == 2)
        await pilot.press("G")
        await wait_until(pilot, lambda: keys.scroll_y == keys.max_scroll_y)
        await pilot.press("g")
        await wait_until(pilot, lambda: keys.scroll_y == 0)
        assert isinstance(app.screen, HelpScreen)  # none of them closed it


async def test_textual_keys_are_apart_from_the_apps(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        titles = list(sections)
        assert titles[-1] == BUILT_IN  # after every section of the app's own keys
        built_in = {does for _, does in sections[BUILT_IN]}
        ours = {does for title, rows in sections.items() if title != BUILT_IN
                for _, does in rows}
        assert {"Cursor left", "Cursor word right"} <= built_in  # the body's TextArea keys
        assert not {"Cursor left", "Cursor word right"} & ours
        assert {"Next paragraph", "Highlight the selection", "Help"} <= ours
        assert not {"Next paragraph", "Help", "Quit newsreader"} & built_in
        await pilot.press("escape", "q")
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        ours = {does for title, rows in sections.items() if title != BUILT_IN
                for _, does in rows}
        # The list's own paging keys stay with the list, though Textual's ScrollView has them.
        assert {"Page down", "Undo archive/delete", "Unread only", "Favourites only"} <= ours


def test_the_help_knows_every_key_of_the_app() -> None:
    """Every binding id a class of the TUI declares is in the help's modules (a new screen's
    keys must be listed there too, or the help and the settings check would miss them)."""
    from .test_settings import _WITHOUT_IDS, _our_bindings

    declared = {binding.id for owner, bindings in _our_bindings().items()
                if owner not in _WITHOUT_IDS for binding in bindings if binding.id}
    assert declared and declared == binding_ids()


async def test_a_screen_sharing_the_librarys_id_prefix_is_listed_under_its_title(
        filled: Library) -> None:
    """The feeds view's keys are library.* ids but a screen of their own: the library's
    help lists them under the feeds view's title, not mixed into the library's."""
    from newsreader.tui.screens.help import declared_bindings

    feeds = {owner.TITLE for owner, binding in declared_bindings()
             if binding.id and binding.id.startswith("library.")
             and issubclass(owner, Screen) and isinstance(owner.TITLE, str)
             and owner.TITLE != "Library"}
    app = make_app(filled)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)
        titles = [title for title, _ in app.screen.sections]
        assert titles[0] == "Library" and titles.count("Library") == 1
        assert feeds and feeds <= set(titles)
