"""Help from real bindings, the command palette, import with progress, NO_COLOR, first screens."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import Hit
from textual.content import Content
from textual.widgets import Input

from newsreader.ingest import importing
from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.commands.palette import ArticleCommands
from newsreader.tui.screens import (
    confirm,
    feeds,
    follow_modal,
    help,
    import_modal,
    library,
    link_prompt,
    reader,
)
from newsreader.tui.screens.help import SCREENS, HelpScreen
from newsreader.tui.screens.import_modal import ImportModal
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.opening import OpeningScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets import article_list
from newsreader.tui.widgets.article_body import ArticleBody

from .conftest import (
    SEED,
    add_article,
    article_id,
    hostile_article,
    make_app,
    record_notices,
    wait_until,
)


@pytest.mark.parametrize("owner", [
    NewsreaderApp, library.LibraryScreen, reader.ReaderScreen, help.HelpScreen,
    confirm.ConfirmModal, link_prompt.LinkPromptModal, import_modal.ImportModal,
    article_list.ArticleList, feeds.FeedsScreen, follow_modal.FollowModal,
])
def test_every_binding_has_a_description(owner: Any) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding) and binding.description, (owner, binding)


def _current_screen_rows(shown: HelpScreen) -> dict[str, str]:
    """{description: keys} of the help's first sections: those of the screen it was opened
    from (the other screens' follow, from the next screen's heading on)."""
    rows: dict[str, str] = {}
    for number, (title, section) in enumerate(shown.sections):
        if number and title in SCREENS.values():
            break
        rows.update((does, keys) for keys, does in section)
    return rows


async def test_help_lists_the_real_bindings_of_each_screen(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = _current_screen_rows(app.screen)
        assert rows["Next paragraph"] == "}" and rows["Library"] == "q, esc"
        assert rows["Page down"].startswith("space")
        assert "Paste text from the clipboard" not in rows  # editing keys do not apply
        await pilot.press("escape", "q")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = _current_screen_rows(app.screen)
        assert rows["Search"] == "/" and rows["Sort"] == "s" and "Delete" in rows
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_palette_opens_articles_by_title_without_markup(library: Library) -> None:
    hostile = add_article(library, hostile_article(), "hostile.txt")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        provider = ArticleCommands(app.screen)
        hits = [hit async for hit in provider.search("open click")]
        assert len(hits) == 1
        hit = hits[0]
        assert isinstance(hit, Hit)
        display = hit.match_display
        assert isinstance(display, Content) and "[@click=app.quit]" in display.plain
        hit.command()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.stored.id == hostile
        found = [hit async for hit in provider.discover()]
        assert len(found) == 1
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Import a file or URL" in titles and "Theme" in titles


async def test_import_runs_in_a_worker_and_refreshes_the_list(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_import()
        await pilot.pause()
        assert isinstance(app.screen, ImportModal)
        app.screen.query_one(Input).value = str(SEED)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert library.articles.count() == 1
        assert app.screen.query_one(article_list.ArticleList).total == 1


async def test_no_color_keeps_cursors_visible(
        filled: Library, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(filled, article_id(filled, "Islamabad"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color and app.has_class("-no-color")
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        body = screen.body
        assert body.get_component_rich_style("text-area--cursor").reverse


async def test_the_first_screen_is_the_reader_and_can_be_left_for_another(
        filled: Library) -> None:
    first, second = article_id(filled, "A long"), article_id(filled, "Islamabad")
    app = make_app(filled, first)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and len(app.screen_stack) == 1
        assert app.open_article(second)  # e.g. chosen on the highlights screen
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.stored.id == second
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_without_an_article_the_first_screen_is_the_library(filled: Library) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and len(app.screen_stack) == 1


async def test_opening_a_source_shows_it_is_opening_then_the_article(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    resolve = importing.resolve_source

    def held(library: Library, source: str) -> int:
        release.wait(timeout=5)
        return resolve(library, source)

    monkeypatch.setattr(importing, "resolve_source", held)
    app = make_app(library, open_source=str(SEED))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen)  # at once, while the import runs
        assert f"Opening {SEED}" in str(app.screen.query_one("#opening-text").render())
        release.set()
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.stored.article.title.startswith("Islamabad")
        assert library.articles.count() == 1  # imported, on the worker's own connection
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.screen.query_one(article_list.ArticleList).total == 1
        await pilot.press("q")
    assert app.return_code == 0 and app.open_error is None


@pytest.mark.parametrize(("failure", "says"), [
    (None, "cannot open"),  # no such file: the importer's own message
    (OSError("disk on fire"), "the import stopped unexpectedly: disk on fire"),
])
async def test_a_source_that_cannot_be_opened_ends_the_app_with_status_1(
        library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        failure: Exception | None, says: str) -> None:
    if failure is not None:
        def broken(library: Library, source: str) -> int:
            raise failure

        monkeypatch.setattr(importing, "resolve_source", broken)
    missing = str(tmp_path / "nowhere.md")
    app = make_app(library, open_source=missing)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.open_error is not None)
    assert app.return_code == 1
    assert app.open_error is not None
    assert says in str(app.open_error) and "nowhere.md" in str(app.open_error)
    assert library.articles.count() == 0


async def test_open_at_a_highlight_an_export_names(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsreader.exporting.highlight_links import block_ids

    source = tmp_path / "story.md"
    source.write_text("# Story\n\nFirst paragraph here.\n\nThe second one, highlighted.\n",
                      encoding="utf-8")
    article_id = importing.resolve_source(library, str(source))
    text = library.articles.get(article_id).article.text
    start = text.index("second one")
    made = library.annotations.add_highlight(article_id, start, start + 10)
    block_id = block_ids((made,))[made.id]
    uid = library.articles.uid(article_id)
    app = make_app(library, open_source=uid, open_highlight=block_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen)

        def at_the_highlight() -> bool:
            bodies = reader.query(ArticleBody)  # the reader may still be composing
            return bool(bodies) and bodies.first().cursor_offset == start

        await wait_until(pilot, at_the_highlight)
    app = make_app(library, open_source=uid, open_highlight="hl-00000000")
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await wait_until(pilot, lambda: any("no highlight hl-00000000" in n for n in notices))
