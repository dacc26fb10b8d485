"""Pilot tests of the settings file in the app: keys remapped through Textual's keymap,
the theme, the library's first order and archived articles, and mistakes shown, not fatal."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import Static

from newsreader.storage import Library
from newsreader.storage.config import load_config
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.reader.screen import ReaderScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import article_id, wait_until


def _app(library: Library, tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch,
         notices: list[str] | None = None) -> NewsreaderApp:
    """The app with this settings file, its notifications recorded from the start."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    app = NewsreaderApp(library, settings=load_config(path))
    if notices is not None:
        original = app.notify

        def notify(message: str, **kwargs: Any) -> None:
            assert kwargs.get("markup") is False
            notices.append(message)
            original(message, **kwargs)

        monkeypatch.setattr(app, "notify", notify)
    return app


def _list(app: NewsreaderApp) -> ArticleList:
    return app.screen.query_one(ArticleList)


async def _open_reader(app: NewsreaderApp, pilot: Pilot[int], library: Library,
                       title: str) -> None:
    """Wait for the library list, open the article whose title starts with ``title`` and
    wait for the reader."""
    await wait_until(pilot, lambda: _list(app).total == 4)
    app.open_article(article_id(library, title))
    await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))


async def test_a_remapped_library_key_acts_and_the_old_one_does_not(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _app(filled, tmp_path, '[keys]\n"library.archive" = "z"\n', monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        first = _list(app).current
        assert first is not None
        await pilot.press("a")
        assert not filled.articles.summary(first.id).archived
        await pilot.press("z")
        assert filled.articles.summary(first.id).archived
        assert _list(app).total == 3


async def test_remapped_keys_reach_the_reader_and_the_help(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\nreader.notes = "ctrl+n"\napp.help = "f1"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_reader(app, pilot, filled, "Budget")
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert [keys for keys, text in help_screen.rows if text == "Notes"] == ["^n"]
        assert [keys for keys, text in help_screen.rows if text == "Help"] == ["f1"]
        await pilot.press("escape")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("m")
        assert not reader.has_class("-toggled-notes")
        await pilot.press("ctrl+n")
        assert reader.has_class("-toggled-notes")


async def test_the_empty_notes_panel_names_the_keys_as_remapped(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\nreader.select = "s"\nreader.note = "a"\nreader.article_note = "A"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    async with app.run_test(size=(160, 40)) as pilot:
        await _open_reader(app, pilot, filled, "Budget")
        await wait_until(pilot, lambda: bool(app.screen.query("#notes-empty")))
        empty = app.screen.query_one("#notes-empty", Static)
        assert str(empty.render()) == (
            "No highlights or notes yet: s selects, h highlights, a adds a note, "
            "A notes the article.")


async def test_theme_sort_and_archived_come_from_the_settings(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    filled.articles.set_archived(article_id(filled, "Ferry"), True)
    text = 'theme = "nord"\nsort = "title"\nshow_archived = true\n'
    notices: list[str] = []
    app = _app(filled, tmp_path, text, monkeypatch, notices)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        assert app.theme == "nord"
        titles = [row.title for row in _list(app).rows_shown]
        assert titles == sorted(titles, key=str.lower) and "Ferry timetable changes" in titles
        assert notices == []


async def test_mistakes_in_the_file_are_shown_and_the_app_starts_with_defaults(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'theme = "no-such-theme"\nsort = "date"\n[keys]\n"library.archive" = "z"\n'
    notices: list[str] = []
    app = _app(filled, tmp_path, text, monkeypatch, notices)
    path = tmp_path / "config.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        assert isinstance(app.screen, LibraryScreen)
        assert _list(app).sort_key == "saved" and app.theme == "textual-dark"
        assert notices == [
            f"{path}, line 2: sort must be one of 'saved', 'published', 'title', not 'date'; "
            "ignored",
            f"{path}, line 1: there is no theme 'no-such-theme' (ctrl+p, \u201cChange "
            "theme\u201d, lists them); using the default",
        ]
        first = _list(app).current
        assert first is not None
        await pilot.press("z")  # what was right in the file still holds
        assert filled.articles.summary(first.id).archived


async def test_a_file_that_does_not_parse_is_shown_and_the_defaults_used(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notices: list[str] = []
    app = _app(filled, tmp_path, 'sort = "title"\n[keys\n', monkeypatch, notices)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        assert _list(app).sort_key == "saved"
        assert len(notices) == 1
        assert notices[0].startswith(f"{tmp_path / 'config.toml'}, line 2: ")
        assert notices[0].endswith("; using the defaults")


def _our_bindings() -> dict[str, list[Binding]]:
    """Every binding declared by a class of the TUI, by class name (modules imported)."""
    found: dict[str, list[Binding]] = {}
    package = importlib.import_module("newsreader.tui")
    for module_info in pkgutil.walk_packages(package.__path__, "newsreader.tui."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and value.__module__ == module.__name__
                    and issubclass(value, DOMNode)):
                own = value.__dict__.get("BINDINGS", [])
                found[name] = [b for b in own if isinstance(b, Binding)]
    return found


# Dialogs of one or two keys, which nobody needs to remap.
_WITHOUT_IDS = {"ConfirmModal", "LinkPromptModal", "ImportModal", "FollowModal"}


def test_every_key_of_the_app_can_be_remapped_and_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    settings = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    prefixes = "app|library|reader|highlights|help|note|tags|lists"
    documented = set(re.findall(rf"`((?:{prefixes})\.[a-z_.]+)`", settings))
    missing_ids = [f"{owner}: {b.key}" for owner, bindings in _our_bindings().items()
                   if owner not in _WITHOUT_IDS for b in bindings if b.id is None]
    assert missing_ids == []
    ids = {b.id for bindings in _our_bindings().values() for b in bindings if b.id}
    assert ids - documented == set()
    assert documented - ids == set()


async def test_a_theme_chosen_in_the_app_is_kept_in_the_file(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '# my settings\ntheme = "nord"\n\n[keys]\n"library.archive" = "z"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    path = tmp_path / "config.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        assert app.theme == "nord"
        assert path.read_text(encoding="utf-8") == text  # applying it wrote nothing
        app.theme = "gruvbox"  # what ctrl+p, "Change theme" does
        await wait_until(pilot, lambda: 'theme = "gruvbox"' in path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8") == text.replace("nord", "gruvbox")


async def test_a_theme_is_not_written_into_a_file_that_does_not_parse(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notices: list[str] = []
    app = _app(filled, tmp_path, "theme = \n", monkeypatch, notices)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        app.theme = "gruvbox"
        await wait_until(pilot, lambda: len(notices) == 2)
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "theme = \n"
    assert notices[1] == (f"The theme is not kept: {tmp_path / 'config.toml'} has a mistake "
                          "to mend first.")


async def test_the_order_and_archived_shown_chosen_in_the_app_are_kept(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '# mine\ntheme = "nord"\n\n[keys]\n"library.archive" = "z"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    path = tmp_path / "config.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        await pilot.press("s")
        await wait_until(pilot, lambda: 'sort = "published"' in path.read_text(encoding="utf-8"))
        await pilot.press("A")
        await wait_until(pilot, lambda: "show_archived = true" in path.read_text(encoding="utf-8"))
        await pilot.press("s", "A")
        await wait_until(pilot, lambda: "show_archived = false" in path.read_text(encoding="utf-8"))
    kept = load_config(path)
    assert kept.problems == () and kept.config.sort == "title"
    assert not kept.config.show_archived and kept.config.keys == {"library.archive": "z"}
    assert path.read_text(encoding="utf-8").endswith(text)  # the rest as it was written


async def test_the_order_is_not_written_into_a_file_that_does_not_parse(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notices: list[str] = []
    app = _app(filled, tmp_path, "sort = \n", monkeypatch, notices)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        await pilot.press("s")
        await wait_until(pilot, lambda: len(notices) == 2)
        assert _list(app).sort_key == "published"  # chosen, only not kept
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "sort = \n"
    assert notices[1] == (f"The order is not kept: {tmp_path / 'config.toml'} has a mistake "
                          "to mend first.")


async def test_an_unknown_binding_id_is_reported_with_its_line(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\n"library.archive" = "z"\n"reader.hilight" = "h"\n'
    notices: list[str] = []
    app = _app(filled, tmp_path, text, monkeypatch, notices)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        await wait_until(pilot, lambda: len(notices) == 1)
    assert notices == [f"{tmp_path / 'config.toml'}, line 3: [keys] names no binding "
                       "'reader.hilight' (the README's Settings lists the ids); ignored"]


async def test_notices_name_the_keys_as_remapped(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\n"library.undo" = "ctrl+z"\n"library.show_archived" = "V"\n'
    notices: list[str] = []
    app = _app(filled, tmp_path, text, monkeypatch, notices)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        await pilot.press("a")
        await wait_until(pilot, lambda: len(notices) == 1)
        assert notices[0].endswith(": ^z undoes it, V shows archived articles.")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: _list(app).total == 4)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert isinstance(app.screen, ConfirmModal)
        assert "(^z undoes it afterwards.)" in app.screen.question.plain


async def test_the_help_lists_every_screen_with_its_remapped_keys(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\n"library.archive" = "z"\n"highlights.grouping" = "ctrl+g"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_reader(app, pilot, filled, "Budget")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        titles = [title for title, _ in help_screen.sections]
        assert titles[0] == "Reader"  # the screen it was opened from first
        screens = [t for t in titles if t in ("Reader", "Library", "Highlights", "Note editor",
                                             "Tag editor", "Help", "Everywhere")]
        assert screens == ["Reader", "Library", "Highlights", "Note editor", "Tag editor",
                           "Help", "Everywhere"]
        assert titles[-1].startswith("Textual's own keys")
        sections: dict[str, dict[str, str]] = {}  # a screen's parts under the screen
        for title, rows in help_screen.sections:
            sections.setdefault(title.partition(" \u00b7 ")[0], {}).update(
                (does, keys) for keys, does in rows)
        assert sections["Library"]["Archive"] == "z"  # remapped, though not on screen
        assert sections["Library"]["Sort"] == "s" and sections["Library"]["Search"] == "/"
        assert sections["Highlights"]["Group/newest"] == "^g"
        assert sections["Everywhere"]["Help"] == "?"
        assert "Next paragraph" not in sections["Library"]
        await pilot.press("escape")
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        titles = [title for title, _ in help_screen.sections]
        assert titles[0] == "Library" and "Reader" in titles
        reader = {does: keys for title, rows in help_screen.sections
                  if title.startswith("Reader") for keys, does in rows}
        assert reader["Next paragraph"] == "}" and reader["Search the article"] == "/"
        assert "Reader \u00b7 Search in the article" in titles


async def test_the_library_status_names_the_filter_keys_as_remapped(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\n"library.unread_filter" = "ctrl+u"\n"library.show_archived" = "V"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: _list(app).total == 4)
        await pilot.press("ctrl+u", "V")
        status = str(app.screen.query_one("#library-status").render())
        assert "[unread only: ^u shows all]" in status
        assert "[archived shown: V hides]" in status


async def test_the_article_search_names_its_keys_as_remapped(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\n"reader.search_next" = "ctrl+n"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_reader(app, pilot, filled, "A long")
        await wait_until(pilot, lambda: app.focused is not None)
        await pilot.press("slash", *"word1", "enter")
        status = app.screen.query_one("#reader-search-status")
        await wait_until(pilot, lambda: "^n next · N previous · esc clears" in str(
            status.render()))


async def test_the_visual_mode_line_names_its_keys_as_remapped(
        filled: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[keys]\n"reader.highlight" = "ctrl+h"\n"reader.note" = "ctrl+n"\n'
    app = _app(filled, tmp_path, text, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_reader(app, pilot, filled, "A long")
        await wait_until(pilot, lambda: app.focused is not None)
        await pilot.press("v", "w")
        line = app.screen.query_one("#reader-mode")
        await wait_until(pilot, lambda: "^h highlight (yellow) · ^n note · esc leaves" in str(
            line.render()))
