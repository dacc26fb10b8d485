"""An imported article is written in one transaction with its tags, flags, highlights
and notes (a failure part-way leaves nothing of it), and an address kept to fetch stops
waiting when a later import brings its text, handing over its tags, flags and note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.ingest.interchange.importer import import_files
from newsreader.storage import Library, LibraryError, imported
from newsreader.storage.pending import PendingUrl

WALLABAG_ITEM = {
    "url": "https://example.net/tides", "title": "Tides", "tags": ["sea"],
    "is_archived": 0, "is_starred": 0,
    "content": "<div><p>The tide turns twice a day along the whole coast, and the "
               "harbour master writes the times on a slate by the quay.</p></div>",
    "annotations": [{"id": 1, "quote": "writes the times on a slate", "text": "Chalk?",
                     "ranges": []}],
}


def _counts(library: Library) -> dict[str, int]:
    return {table: library.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "revisions", "highlights", "anchors", "notes",
                          "article_tags", "pending")}


def _wallabag(tmp_path: Path, **changes: object) -> Path:
    export = tmp_path / "wallabag.json"
    export.write_text(json.dumps([{**WALLABAG_ITEM, **changes}]), encoding="utf-8")
    return export


def _pocket(tmp_path: Path, line: str) -> Path:
    export = tmp_path / "pocket.csv"
    export.write_text("title,url,time_added,tags,status\n" + line + "\n", encoding="utf-8")
    return export


def test_text_for_a_waiting_address_takes_over_its_tags_flags_and_note(
        library: Library, tmp_path: Path) -> None:
    kept = import_files(library, "pocket", [str(_pocket(
        tmp_path, "Tides,HTTP://Example.NET/tides/,1600000000,almanac|coast,archive"))])
    assert [r.status for r in kept.results] == ["pending"]
    waiting = library.pending.all()
    assert len(waiting) == 1 and waiting[0].archived

    report = import_files(library, "wallabag", [str(_wallabag(tmp_path))])

    [result] = report.results
    assert result.status == "added" and result.article_id is not None
    assert library.pending.count() == 0
    assert sorted(library.tags.of(result.article_id)) == ["almanac", "coast", "sea"]
    stored = library.articles.summary(result.article_id)
    assert stored.archived  # archived in Pocket; wallabag says 0, but that is no mark
    assert stored.saved.startswith("2020-09-13")  # Pocket's time_added
    [highlight] = library.annotations.highlights(result.article_id)
    assert [note.body for note in highlight.notes] == ["Chalk?"]
    again = import_files(library, "wallabag", [str(_wallabag(tmp_path))])
    assert [r.status for r in again.results] == ["unchanged"]
    assert library.pending.count() == 0


def test_a_waiting_address_with_a_note_hands_it_over(library: Library, tmp_path: Path) -> None:
    instapaper = tmp_path / "instapaper.csv"
    instapaper.write_text("URL,Title,Selection,Folder,Timestamp\n"
                          "https://example.net/tides,Tides,Read at low water,Starred,"
                          "1600000100\n", encoding="utf-8")
    import_files(library, "instapaper", [str(instapaper)])
    assert library.pending.count() == 1

    [result] = import_files(library, "wallabag", [str(_wallabag(tmp_path))]).results

    assert result.article_id is not None and library.pending.count() == 0
    notes = [note.body for note in library.annotations.article_notes(result.article_id)]
    assert notes == ["Read at low water"]
    assert library.articles.summary(result.article_id).favourite  # Starred


def test_an_article_already_saved_ends_the_wait_too(library: Library, tmp_path: Path) -> None:
    import_files(library, "wallabag", [str(_wallabag(tmp_path))])
    library.pending.add(PendingUrl(key="https://example.net/tides",
                                   url="https://example.net/tides", origin="pocket",
                                   tags=("later",)))
    [result] = import_files(library, "wallabag", [str(_wallabag(tmp_path))]).results
    assert result.status == "merged" and result.article_id is not None
    assert library.pending.count() == 0 and "later" in library.tags.of(result.article_id)


def test_a_failure_after_the_article_is_written_leaves_nothing_of_it(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import_files(library, "pocket", [str(_pocket(
        tmp_path, "Tides,https://example.net/tides,1600000000,almanac,unread"))])
    before = _counts(library)

    def broken(*args: object) -> int:
        raise LibraryError("the disk went away")

    # The tags are written after the article, its revision and its highlights.
    monkeypatch.setattr(imported, "_add_tags", broken)
    report = import_files(library, "wallabag", [str(_wallabag(tmp_path))])

    [result] = report.results
    assert result.status == "failed" and "the disk went away" in (result.error or "")
    assert _counts(library) == before  # the pending address is still waiting, too
    monkeypatch.undo()
    [again] = import_files(library, "wallabag", [str(_wallabag(tmp_path))]).results
    assert again.status == "added" and library.pending.count() == 0
