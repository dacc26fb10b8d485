"""Help from real bindings, the command palette, import with progress, NO_COLOR, `open`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.binding import Binding
from textual.command import Hit
from textual.content import Content
from textual.widgets import Input

from newsreader.storage import Library, LibraryError
from newsreader.tui import launch as launch_module
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.commands.palette import ArticleCommands
from newsreader.tui.screens import confirm, help, import_modal, library, link_prompt, reader
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.import_modal import ImportModal
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.widgets import article_list

from .conftest import SEED, add_article, article_id, hostile_article, make_app


@pytest.mark.parametrize("owner", [
    NewsreaderApp, library.LibraryScreen, reader.ReaderScreen, help.HelpScreen,
    confirm.ConfirmModal, link_prompt.LinkPromptModal, import_modal.ImportModal,
    article_list.ArticleList,
])
def test_every_binding_has_a_description(owner: Any) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding) and binding.description, (owner, binding)


async def test_help_lists_the_real_bindings_of_each_screen(filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((does, keys) for keys, does in app.screen.rows)
        assert rows["Next paragraph"] == "}" and rows["Library"] == "q, esc"
        assert rows["Page down"].startswith("space")
        assert "Paste text from the clipboard" not in rows  # editing keys do not apply
        await pilot.press("escape", "q")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        rows = dict((does, keys) for keys, does in app.screen.rows)
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
        assert library.count_articles() == 1
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


def test_resolve_source_imports_a_new_file_once(library: Library) -> None:
    first = launch_module.resolve_source(library, str(SEED))
    assert launch_module.resolve_source(library, str(SEED)) == first
    assert launch_module.resolve_source(library, str(first)) == first
    assert library.count_articles() == 1
    with pytest.raises(LibraryError):
        launch_module.resolve_source(library, "/no/such/file.txt")
    with pytest.raises(LibraryError):
        launch_module.resolve_source(library, "999")


def test_open_command_launches_the_reader_on_the_source(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsreader import cli

    calls: list[tuple[Path, str | None]] = []

    def fake_launch(db_path: Path, open_source: str | None = None) -> int:
        calls.append((db_path, open_source))
        return 0

    monkeypatch.setattr(launch_module, "launch", fake_launch)
    result = CliRunner().invoke(cli.main, ["--db", str(tmp_path / "l.db"), "open", str(SEED)])
    assert result.exit_code == 0, result.output
    assert calls == [(tmp_path / "l.db", str(SEED))]
    assert "Open SOURCE in the reader" in CliRunner().invoke(cli.main, ["open", "--help"]).output


def test_launch_opens_a_file_imported_by_a_child_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int | None] = []
    monkeypatch.setattr(NewsreaderApp, "run",
                        lambda self: started.append(self.open_article_id))
    db = tmp_path / "library.db"
    assert launch_module.launch(db, open_source=str(SEED)) == 0
    with Library(db) as library:
        assert started == [library.find_id(str(SEED))] and started[0] is not None
    with pytest.raises(LibraryError, match="cannot open"):
        launch_module.launch(db, open_source=str(tmp_path / "missing.html"))
    assert started == started[:1]


async def test_the_app_resumes_garbage_collection_after_start_up(
        filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from newsreader.startup import pause_collection
    from newsreader.tui import app as app_module

    monkeypatch.setattr(app_module, "START_UP_SECONDS", 0.05)
    pause_collection()
    try:
        app = make_app(filled)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            # Resumed by the app's timer: the start-up objects were frozen on the way.
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


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


def test_open_reports_an_import_child_that_died(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    def crash(db_path: Path, source: str) -> int:
        os.kill(os.getpid(), signal.SIGKILL)  # as a parser crashing on a hostile file would
        return 0

    monkeypatch.setattr(launch_module, "_import_for_reader", crash)
    monkeypatch.setattr(NewsreaderApp, "run", lambda self: pytest.fail("the app started"))
    with pytest.raises(LibraryError, match=r"stopped unexpectedly.*signal 9"):
        launch_module.launch(tmp_path / "library.db", open_source=str(SEED))
