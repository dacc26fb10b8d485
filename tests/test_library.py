"""The Library: schema, pragmas, transactions, and readable errors."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from newsreader.domain.models import Article, Block
from newsreader.domain.search_query import parse
from newsreader.ingest.cleaning import clean
from newsreader.storage import (
    Library,
    LibraryError,
    NotFoundError,
    Original,
    migrations,
    open_library,
)
from newsreader.storage.identity import APPLICATION_ID
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
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
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


def test_the_library_is_a_facade_over_its_parts(library: Library) -> None:
    public = {name for name in dir(library) if not name.startswith("_")}
    assert public == {"articles", "annotations", "tags", "search", "backup", "settings",
                      "integrity", "deletions", "imports", "pending", "feeds", "path", "db",
                      "reopen", "close"}
    article_id = library.articles.add(_article(text="Harbour story."), _original(),
                                      cleaner_version="1").article_id
    library.tags.update(article_id, add=["Local"])
    # What one part wrote, the others see: the tag filter of search, the annotations' list.
    assert [hit.article.id for hit in library.search.run(parse("tag:local harbour"))] == [
        article_id]
    library.annotations.add_article_note(article_id, "check the date")
    assert [a.id for a in library.annotations.annotated_articles()] == [article_id]


def test_a_refused_write_leaves_the_shared_connection_usable(library: Library) -> None:
    article_id = library.articles.add(_article(), _original(), cleaner_version="1").article_id
    with pytest.raises(LibraryError, match="unknown colour"):
        library.annotations.add_highlight(article_id, 0, 4, color="mauve")
    with pytest.raises(NotFoundError):
        library.tags.update(article_id + 1, add=["x"])
    library.articles.set_read(article_id, True)  # no transaction was left open
    assert library.articles.get(article_id).read


def _in_a_thread(work: Callable[[], None]) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed to the test's thread
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert not thread.is_alive() and not errors, errors


@pytest.mark.parametrize("where", ["file", "memory"])
def test_reopen_gives_a_worker_its_own_connection(where: str, tmp_path: Path) -> None:
    path = tmp_path / "lib.db" if where == "file" else ":memory:"
    with Library(path) as library:
        first = library.articles.add(_article("First"), _original(b"1", "/1"),
                                     cleaner_version="1").article_id
        seen: list[int] = []

        def worker() -> None:
            with library.reopen() as own:
                assert own.path == library.path
                seen.extend(a.id for a in own.articles.page())  # the main thread's commit
                own.articles.add(_article("Second"), _original(b"2", "/2"), cleaner_version="1")

        _in_a_thread(worker)
        assert seen == [first]
        assert [a.title for a in library.articles.page(sort="title")] == ["First", "Second"]
        library.articles.get(first)  # the main connection is still open and working


def test_in_memory_libraries_are_separate_and_live_while_a_connection_is_open() -> None:
    with Library(":memory:") as one, Library(":memory:") as two:
        one.articles.add(_article(), _original(), cleaner_version="1")
        assert (one.articles.count(), two.articles.count()) == (1, 0)
        worker = one.reopen()
    # Closing the library does not take the data from a connection still open on it.
    assert worker.articles.count() == 1
    worker.close()


def test_a_later_schema_step_can_transform_a_referenced_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        article_id = library.articles.add(_article(), _original(), cleaner_version="1").article_id
        library.tags.update(article_id, add=["kept"])

    def add_tag_colour(conn: sqlite3.Connection) -> None:
        db = Database(conn, execute_plugins=False)
        db.table("tags").add_column("colour", str)
        db.table("tags").transform(column_order=["id", "colour", "name"])

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, add_tag_colour))
    with Library(path) as library:
        assert library.backup.schema_version() == len(migrations.MIGRATIONS)
        assert library.db["tags"].columns_dict.keys() == {"id", "colour", "name"}
        # Foreign keys are off while a step runs: rebuilding tags cascaded no delete.
        assert library.tags.of(article_id) == ["kept"]
