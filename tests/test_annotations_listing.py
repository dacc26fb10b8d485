"""The Library queries behind the highlights screen: every article note, annotated articles."""

from __future__ import annotations

import itertools
from pathlib import Path

from newsreader.domain.models import Article, Block
from newsreader.storage import Library, Original


def _add(library: Library, title: str) -> int:
    article = Article(title=title, blocks=(Block("paragraph", f"Text of {title}."),))
    original = Original(title.encode(), f"{title}.txt", "file", "text")
    return library.articles.add(article, original, cleaner_version="test").article_id


def test_article_notes_of_every_article_newest_first(tmp_path: Path) -> None:
    ticks = itertools.count()
    with Library(tmp_path / "l.db", clock=lambda: f"2026-01-01T00:00:{next(ticks):02d}Z") as lib:
        first, second = _add(lib, "b first"), _add(lib, "A second")
        lib.annotations.add_article_note(first, "older")
        lib.annotations.add_article_note(second, "newer")
        lib.annotations.add_highlight(first, 0, 4, note="on a highlight")  # not an article note
        assert [n.body for n in lib.annotations.article_notes()] == ["newer", "older"]
        assert [n.body for n in lib.annotations.article_notes(first)] == ["older"]


def test_annotated_articles_by_title_with_archived_and_without_deleted(tmp_path: Path) -> None:
    with Library(tmp_path / "l.db") as lib:
        plain = _add(lib, "Plain")
        noted, highlighted = _add(lib, "b noted"), _add(lib, "A highlighted")
        gone = _add(lib, "Gone")
        lib.annotations.add_article_note(noted, "note")
        lib.annotations.add_highlight(highlighted, 0, 4)
        lib.articles.set_archived(highlighted, True)
        lib.annotations.delete_highlight(lib.annotations.add_highlight(gone, 0, 4).id)
        assert [a.id for a in lib.annotations.annotated_articles()] == [highlighted, noted]
        assert plain not in {a.id for a in lib.annotations.annotated_articles()}
