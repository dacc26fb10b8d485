"""Pilot tests of ``t``: the tag editor, completion, adding, removing, saving once."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.screens.tag_editor import TagEditorModal, completion
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import article_id, make_app


def editor(app: NewsreaderApp) -> TagEditorModal:
    screen = app.screen
    assert isinstance(screen, TagEditorModal)
    return screen


async def type_tag(app: NewsreaderApp, pilot: Any, *keys: str) -> None:
    await pilot.press(*keys)
    await app.workers.wait_for_complete()  # the suggester runs in a worker
    await pilot.pause()


def test_completion_skips_tags_already_taken() -> None:
    known = ["Politics", "policy", "sport"]
    assert completion("pol", known, []) == "Politics"
    assert completion("POL", known, ["politics"]) == "policy"
    assert completion("x", known, []) is None


async def test_t_adds_with_completion_and_removes_saving_once(filled: Library) -> None:
    budget = article_id(filled, "Budget")
    ferry = article_id(filled, "Ferry")
    filled.tags.update(ferry, add=["Politics", "transport"])
    filled.tags.update(budget, add=["old"])
    calls: list[tuple[Any, ...]] = []
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        current = app.screen.query_one(ArticleList).current
        assert current is not None and current.id == budget
        await pilot.press("t")
        await pilot.pause()
        modal = editor(app)
        assert modal.tags == ["old"] and modal.known == ["old", "Politics", "transport"]
        await type_tag(app, pilot, *"pol")
        box = modal.query_one(Input)
        assert box.value == "pol"
        await type_tag(app, pilot, "tab")  # completes to the tag in use
        assert box.value == "Politics"
        await type_tag(app, pilot, "enter", *"council", "enter")
        await type_tag(app, pilot, *"trans", "right")  # the suggestion, accepted with right
        assert box.value == "transport"
        await type_tag(app, pilot, "enter", *"-old", "enter")
        assert modal.tags == ["Politics", "council", "transport"]
        assert filled.tags.of(budget) == ["old"]  # nothing saved yet
        original = filled.tags.update

        def counted(*args: Any, **kwargs: Any) -> list[str]:
            calls.append(args)
            return original(*args, **kwargs)

        monkey = pytest.MonkeyPatch()
        monkey.setattr(filled.tags, "update", counted)
        await pilot.press("enter")  # enter on the empty box saves
        await pilot.pause()
        monkey.undo()
        assert isinstance(app.screen, LibraryScreen)
        assert filled.tags.of(budget) == ["council", "Politics", "transport"]
        assert len(calls) == 1  # one update: one transaction
        title_cell = app.screen.query_one(ArticleList).get_row_at(0)[1].plain
        assert "#council" in title_cell and "#Politics" in title_cell


async def test_delete_on_the_list_of_tags_removes_one(filled: Library) -> None:
    budget = article_id(filled, "Budget")
    filled.tags.update(budget, add=["alpha", "beta"])
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        modal = editor(app)
        modal.query_one(OptionList).focus()
        await pilot.press("down", "delete")
        assert modal.tags == ["alpha"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert filled.tags.of(budget) == ["alpha"]


async def test_escape_cancels_and_a_bad_tag_is_refused_inline(filled: Library) -> None:
    budget = article_id(filled, "Budget")
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        modal = editor(app)
        modal.query_one("#tag-input", Input).value = "x" * 70  # as if typed (or pasted)
        await type_tag(app, pilot, "enter")
        assert "at most 64" in str(modal.query_one("#tag-message", Static).render())
        assert modal.tags == []
        await type_tag(app, pilot, "ctrl+a", "ctrl+k", *"-missing", "enter")
        assert "no such tag" in str(modal.query_one("#tag-message", Static).render())
        await type_tag(app, pilot, "ctrl+a", "ctrl+k", *"kept", "enter", "escape")
        assert isinstance(app.screen, LibraryScreen)
        assert filled.tags.of(budget) == []


async def test_a_hostile_tag_shows_literally(filled: Library) -> None:
    budget = article_id(filled, "Budget")
    filled.tags.update(budget, add=["[@click=app.quit]", "[/]"])
    app = make_app(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        title_cell = app.screen.query_one(ArticleList).get_row_at(0)[1].plain
        assert "#[@click=app.quit]" in title_cell and "#[/]" in title_cell
        await pilot.press("t")
        await pilot.pause()
        tag_list = editor(app).query_one(OptionList)
        prompts = [str(tag_list.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts == ["#[/]", "#[@click=app.quit]"]
        await pilot.click(OptionList, offset=(3, 0))
        await pilot.pause()
        assert app.is_running
