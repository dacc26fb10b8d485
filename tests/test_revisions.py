"""Revisions: a source added again with earlier content, and re-anchoring outside the lock."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.domain import anchoring
from newsreader.domain.models import Article, Block
from newsreader.ingest.importing import import_sources, reclean
from newsreader.storage import Library, Original

ORIGINAL = ("A headline for the story\n\nA short standfirst\n\n"
            "The first paragraph sets the scene.\n\n"
            "The second paragraph holds the passage we highlight.\n\n"
            "The third paragraph ends it.")
CHANGED = ORIGINAL.replace("holds the passage we highlight", "was rewritten by an editor")


def _add(library: Library, text: str, source: str = "/feeds/story.txt") -> tuple[str, int]:
    article = Article(title="Story", blocks=tuple(
        Block("paragraph", part) for part in text.split("\n\n")))
    outcome = library.articles.add(
        article, Original(text.encode(), source, "file", "text"), cleaner_version="t")
    return outcome.status, outcome.article_id


def _highlight(library: Library, article_id: int, quote: str) -> int:
    text = library.articles.get(article_id).article.text
    start = text.index(quote)
    return library.annotations.add_highlight(article_id, start, start + len(quote)).id


def test_the_original_added_back_becomes_current_again(library: Library) -> None:
    assert _add(library, ORIGINAL)[0] == "added"
    article_id = _add(library, ORIGINAL)[1]
    highlight_id = _highlight(library, article_id, "holds the passage we highlight")
    assert _add(library, CHANGED) == ("updated", article_id)
    assert library.annotations.get_highlight(highlight_id).status == "orphan"

    assert _add(library, ORIGINAL) == ("restored", article_id)
    stored = library.articles.get(article_id)
    assert "holds the passage we highlight" in stored.article.text
    highlight = library.annotations.get_highlight(highlight_id)
    assert highlight.status in ("exact", "moved")
    assert stored.article.text[highlight.start or 0 : highlight.end or 0] == highlight.exact
    assert library.articles.original(article_id).data == ORIGINAL.encode()
    assert library.articles.count() == 1
    # Now it is the current revision: adding it once more changes nothing.
    revision = stored.revision_id
    assert _add(library, ORIGINAL) == ("unchanged", article_id)
    assert library.articles.get(article_id).revision_id == revision


def test_the_changed_version_added_back_is_restored_too(library: Library) -> None:
    article_id = _add(library, ORIGINAL)[1]
    _add(library, CHANGED)
    _add(library, ORIGINAL)
    assert _add(library, CHANGED) == ("restored", article_id)
    assert "rewritten by an editor" in library.articles.get(article_id).article.text


def test_identical_content_from_another_source_is_already_in_the_library(
    library: Library,
) -> None:
    article_id = _add(library, ORIGINAL)[1]
    assert _add(library, ORIGINAL, "/elsewhere/copy.txt") == ("unchanged", article_id)
    assert library.articles.count() == 1


def test_cli_add_restores_the_original(tmp_path: Path) -> None:
    db, path = str(tmp_path / "lib.db"), tmp_path / "story.txt"
    runner = CliRunner()
    path.write_text(ORIGINAL)
    assert runner.invoke(main, ["--db", db, "add", str(path)]).exit_code == 0
    assert runner.invoke(main, ["--db", db, "highlight", "1", "--quote",
                                "holds the passage"]).exit_code == 0
    path.write_text(CHANGED)
    assert "updated" in runner.invoke(main, ["--db", db, "add", str(path)]).output
    path.write_text(ORIGINAL)

    result = runner.invoke(main, ["--db", db, "add", str(path)])
    assert result.exit_code == 0, result.output
    assert "restored" in result.output and "already in library" not in result.output
    shown = runner.invoke(main, ["--db", db, "show", "1"]).output
    assert "holds the passage we highlight" in shown
    notes = json.loads(runner.invoke(main, ["--db", db, "notes", "1", "--json"]).output)
    assert [h["status"] for h in notes["highlights"]] in (["exact"], ["moved"])
    again = runner.invoke(main, ["--db", db, "add", str(path)])
    assert "already in library" in again.output


def test_import_reports_restored(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    statuses = []
    for text in (ORIGINAL, CHANGED, ORIGINAL):
        path.write_text(text)
        statuses.append(import_sources(library, [str(path)]).results[0].status)
    assert statuses == ["added", "updated", "restored"]


def _other_writer(path: Path) -> sqlite3.Connection:
    # timeout=0: a write lock held by the library makes BEGIN IMMEDIATE fail at once.
    return sqlite3.connect(path, timeout=0, isolation_level=None)


@pytest.mark.parametrize("how", ["add", "reclean"])
def test_highlights_are_placed_before_the_write_lock_is_taken(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL)
    article_id = import_sources(library, [str(path)]).results[0].article_id or 0
    _highlight(library, article_id, "holds the passage we highlight")
    other = _other_writer(tmp_path / "library.db")
    locked_while_placing: list[bool] = []
    place = anchoring.anchor

    def anchor_and_probe(selector: anchoring.Selector, text: str) -> anchoring.Placement:
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            locked_while_placing.append(False)
        except sqlite3.OperationalError:
            locked_while_placing.append(True)
        return place(selector, text)

    monkeypatch.setattr(anchoring, "anchor", anchor_and_probe)
    if how == "add":
        path.write_text(CHANGED)
        assert import_sources(library, [str(path)]).results[0].status == "updated"
    else:
        stored = library.articles.get(article_id).article
        recleaned = Article(title=stored.title, blocks=(*stored.blocks, Block("paragraph", "+")))
        assert library.articles.reclean(article_id, recleaned, cleaner_version="t2")
    other.close()
    assert locked_while_placing == [False]
    assert library.annotations.get_highlight(1).status in ("exact", "moved", "orphan")


def test_a_highlight_made_while_placing_is_placed_too(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL)
    article_id = import_sources(library, [str(path)]).results[0].article_id or 0
    first = _highlight(library, article_id, "holds the passage")
    second_reader = library.reopen()
    place = anchoring.anchor
    made: list[int] = []

    def anchor_and_highlight(selector: anchoring.Selector, text: str) -> anchoring.Placement:
        if not made:  # another process highlights between the placing and the writing
            made.append(_highlight(second_reader, article_id, "sets the scene"))
        return place(selector, text)

    monkeypatch.setattr(anchoring, "anchor", anchor_and_highlight)
    path.write_text("An update on top.\n\n" + ORIGINAL)
    assert import_sources(library, [str(path)]).results[0].status == "updated"
    second_reader.close()
    text = library.articles.get(article_id).article.text
    for highlight_id in (first, made[0]):
        highlight = library.annotations.get_highlight(highlight_id)
        assert highlight.status == "moved"
        assert text[highlight.start or 0 : highlight.end or 0] == highlight.exact


def test_reclean_of_a_restored_article_keeps_its_highlights(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    for text in (ORIGINAL, CHANGED, ORIGINAL):
        path.write_text(text)
        import_sources(library, [str(path)])
    highlight_id = _highlight(library, 1, "holds the passage")
    reclean(library, [1])
    assert library.annotations.get_highlight(highlight_id).status in ("exact", "moved")
