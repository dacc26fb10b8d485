"""Snapshot tests: one per screen and visual state (review the SVGs before --snapshot-update).

Fixed terminal sizes, a fixed clock (conftest), a fixed theme, and sources named without
machine paths keep them deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsreader.storage import Library

from .conftest import add_article, article_id, hostile_article, make_app


def test_library_empty(snap_compare: Callable[..., Any], library: Library) -> None:
    assert snap_compare(make_app(library), terminal_size=(80, 24))


def test_library_filled(snap_compare: Callable[..., Any], filled: Library) -> None:
    assert snap_compare(make_app(filled), terminal_size=(100, 24))


def test_reader_wide_with_panels(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    assert snap_compare(app, terminal_size=(140, 40))


def test_reader_narrow_with_panels_open(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "A long"))
    assert snap_compare(app, terminal_size=(80, 24), press=["c", "l"])


def test_reader_hostile_text(snap_compare: Callable[..., Any], library: Library) -> None:
    app = make_app(library, add_article(library, hostile_article(), "hostile.txt"))
    assert snap_compare(app, terminal_size=(80, 24))


def test_help(snap_compare: Callable[..., Any], filled: Library) -> None:
    app = make_app(filled, article_id(filled, "Islamabad"))
    assert snap_compare(app, terminal_size=(100, 40), press=["question_mark"])
