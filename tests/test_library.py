"""The Library: schema, pragmas, transactions, and readable errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsreader.domain.models import Article, Block
from newsreader.ingest.cleaning import clean
from newsreader.storage import Library, LibraryError, NotFoundError, Original, open_library
from newsreader.storage.migrations import MIGRATIONS


def _article(title: str = "Title", text: str = "Body.") -> Article:
    return Article(title=title, blocks=(Block("paragraph", text),), site="example.org")


def _original(data: bytes = b"x", source: str = "/tmp/a.txt") -> Original:
    return Original(data, source, "file", "text")


def test_pragmas_and_schema(library: Library) -> None:
    conn = library.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    tables = set(library.db.table_names())
    assert {"articles", "revisions", "highlights", "anchors", "notes", "tags",
            "article_tags", "articles_fts", "highlights_fts"} <= tables


def test_add_get_round_trip_keeps_original_bytes(library: Library, seed_text: str) -> None:
    article = clean(seed_text, kind="text")
    data = seed_text.encode()
    outcome = library.articles.add(article, _original(data, "/seed.txt"), cleaner_version="1")
    stored = library.articles.get(outcome.article_id)
    assert stored.article == article
    assert library.articles.original(outcome.article_id).data == data


def test_list_sort_filter_and_paging(library: Library) -> None:
    for n, title in enumerate(["Banana bread", "apple pie", "Cherry tart"]):
        library.articles.add(_article(title), _original(title.encode(), f"/{n}"),
                             cleaner_version="1")
    titles = [a.title for a in library.articles.page(sort="title")]
    assert titles == ["apple pie", "Banana bread", "Cherry tart"]
    assert [a.title for a in library.articles.page(sort="title", limit=1, offset=1)] == [
        "Banana bread"]
    assert [a.title for a in library.articles.page(filter_text="TART")] == ["Cherry tart"]
    assert library.articles.count(filter_text="example.org") == 3
    assert library.articles.count(filter_text="100%_") == 0


def test_read_state_position_and_delete(library: Library) -> None:
    article_id = library.articles.add(_article(), _original(), cleaner_version="1").article_id
    library.articles.set_read(article_id, True)
    library.articles.set_reading_position(article_id, 42)
    stored = library.articles.get(article_id)
    assert stored.read and stored.reading_position == 42
    library.articles.delete(article_id)
    assert library.articles.is_empty()
    assert library.db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        library.articles.get(article_id)
    with pytest.raises(NotFoundError):
        library.articles.delete(article_id)


def test_failed_write_leaves_nothing_half_saved(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(_article: Article) -> str:
        raise RuntimeError("boom")

    # The article row is inserted before the revision is serialised: both must vanish.
    monkeypatch.setattr("newsreader.storage.articles.article_to_json", explode)
    with pytest.raises(RuntimeError):
        library.articles.add(_article(), _original(), cleaner_version="1")
    assert library.articles.is_empty()
    assert library.db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0


def test_writes_are_visible_to_a_second_connection(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library(path) as one, Library(path) as two:
        one.articles.add(_article(), _original(), cleaner_version="1")
        assert two.articles.count() == 1


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LibraryError, match="damaged or is not a newsreader library"):
        open_library(path)
    assert path.read_bytes() == b"this is not sqlite at all" * 100


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(LibraryError, match="newer newsreader"):
        open_library(path)


def test_settings_round_trip(library: Library) -> None:
    assert library.settings.get("k") is None
    library.settings.set("k", "v1")
    library.settings.set("k", "v2")
    assert library.settings.get("k") == "v2"


def test_counts_follow_adds_archives_and_deletes(library: Library) -> None:
    ids = [library.articles.add(_article(f"T{n}"), _original(str(n).encode(), f"/{n}"),
                                cleaner_version="1").article_id for n in range(3)]
    library.articles.set_archived(ids[0], True)
    assert (library.articles.count(), library.articles.count(include_archived=True)) == (2, 3)
    library.articles.set_archived(ids[0], True)  # archiving twice counts once
    library.articles.delete(ids[0])
    library.articles.delete(ids[1])
    assert (library.articles.count(), library.articles.count(include_archived=True)) == (1, 1)
    assert library.articles.count(filter_text="T2") == 1
