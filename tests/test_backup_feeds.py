"""Feeds in a backup: the feeds followed and the entries seen in them go out with
`export --format json` and come back with `restore`, checked like every other row."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.exporting import backup
from newsreader.ingest.feeds.fetching import fetch
from newsreader.storage import Library, LibraryError

from .conftest import ROOT
from .feed_server import Server, serving
from .test_backup import _backup
from .test_restore_validation import Records, _assert_refused, _changed, _dump, _records

# The backup of the feeds library: line 1 the header, 2 the feed, 3-4 its entries (the
# second one's article was deleted), 5 the article.
FEED_LINE, ENTRY_LINE, ARTICLE_LINE = 2, 3, 5


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serving() as state:
        yield state


def _feeds_library(library: Library, server: Server) -> None:
    library.feeds.add(server.base + "/rss2.xml")
    report = fetch(library, library.feeds.all())
    assert report.added == 2 and not report.failed
    # Seen, then deleted: its entry stays, without an article, so it does not come back.
    library.articles.delete(max(library.articles.ids()))


@pytest.fixture(scope="module")
def feeds_backup(tmp_path_factory: pytest.TempPathFactory, server: Server) -> str:
    """A backup of a library following one feed, as `export --format json` writes it."""
    with Library(tmp_path_factory.mktemp("feeds") / "lib.db") as library:
        _feeds_library(library, server)
        return _backup(library)


def _seen(library: Library) -> list[tuple[int, str, int | None, str]]:
    return library.db.execute("SELECT feed_id, key, article_id, seen_at FROM feed_entries "
                              "ORDER BY feed_id, key").fetchall()


def test_the_backup_holds_the_feed_and_its_entries(feeds_backup: str) -> None:
    records = _records(feeds_backup)
    assert [record.get("table") for record in records[1:ARTICLE_LINE - 1]] == [
        "feeds", "feed_entries", "feed_entries"]
    assert {record["row"]["article_id"] for record in records[ENTRY_LINE - 1:ARTICLE_LINE - 1]
            } == {1, None}
    assert "article" in records[ARTICLE_LINE - 1]


def test_feeds_survive_a_backup_and_fetching_again_adds_nothing(
        tmp_path: Path, server: Server) -> None:
    with Library(tmp_path / "lib.db") as library:
        _feeds_library(library, server)
        text = _backup(library)
        feeds, seen = library.feeds.all(), _seen(library)
    with Library(tmp_path / "restored.db") as restored:
        assert backup.restore(restored, io.StringIO(text)) == 1
        assert restored.feeds.all() == feeds
        assert _seen(restored) == seen
        assert restored.feeds.article_ids(feeds[0].id) == [1]
        assert restored.integrity.check() == []
        assert _backup(restored) == text
        again = fetch(restored, restored.feeds.all())
        assert again.added == 0 and not again.failed
        assert restored.articles.ids() == [1]


def test_cli_restores_a_backup_of_a_library_that_follows_feeds(
        tmp_path: Path, feeds_backup: str) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(feeds_backup, encoding="utf-8")
    runner = CliRunner()
    restored = runner.invoke(main, ["--db", str(tmp_path / "l2.db"), "restore", str(path)])
    assert restored.exit_code == 0, restored.output
    assert "restored 1 article(s)" in restored.output
    listed = runner.invoke(main, ["--db", str(tmp_path / "l2.db"), "feeds", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [feed["title"] for feed in json.loads(listed.stdout)] == ["RSS Two"]
    checked = runner.invoke(main, ["--db", str(tmp_path / "l2.db"), "check"])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("schema", [1, 6])
def test_an_old_backup_without_feeds_still_restores(tmp_path: Path, feeds_backup: str,
                                                    schema: int) -> None:
    records = [record for record in _records(feeds_backup)
               if record.get("table") not in ("feeds", "feed_entries")]
    records[0]["schema"] = schema
    with Library(tmp_path / "old.db") as library:
        assert backup.restore(library, io.StringIO(_dump(records))) == 1
        assert library.feeds.all() == [] and _seen(library) == []


def test_a_backup_made_by_the_first_schema_still_restores(tmp_path: Path) -> None:
    """tests/data/backup-schema-1.jsonl: made by the hostile corpus script at schema 1, with
    each revision's Markdown, before pending addresses and feeds."""
    with Library(tmp_path / "old.db") as library:
        with (ROOT / "tests" / "data" / "backup-schema-1.jsonl").open(encoding="utf-8") as old:
            assert backup.restore(library, old) == 1
        assert library.tags.of(1) == ["harbour", "news"]
        assert library.feeds.all() == [] and library.integrity.check() == []


@pytest.mark.parametrize("schema", [1, 2])
def test_an_upgraded_library_following_a_feed_restores_exactly(tmp_path: Path,
                                                               schema: int) -> None:
    """tests/data/library-schema-N.db, upgraded, then given every table added since."""
    from newsreader.storage.pending import PendingUrl

    path = tmp_path / "old.db"
    path.write_bytes((ROOT / "tests" / "data" / f"library-schema-{schema}.db").read_bytes())
    with Library(path) as library:
        feed, _ = library.feeds.add("https://feeds.example/a.xml", title="A")
        library.feeds.mark_seen(feed.id, [("a-1", library.articles.ids()[0]), ("a-2", None)])
        library.pending.add(PendingUrl(key="https://later.example/a",
                                       url="https://later.example/a", origin="pocket"))
        text = _backup(library)
    with Library(tmp_path / "restored.db") as restored:
        assert backup.restore(restored, io.StringIO(text)) == 2
        assert _backup(restored) == text
        assert restored.integrity.check() == []


def test_entries_written_after_their_articles_restore_too(tmp_path: Path,
                                                          feeds_backup: str) -> None:
    """The lines' order is not part of the format: references are checked whole."""
    records = _records(feeds_backup)
    entries = [record for record in records if record.get("table") == "feed_entries"]
    reordered = [record for record in records if record not in entries] + entries
    with Library(tmp_path / "reordered.db") as library:
        assert backup.restore(library, io.StringIO(_dump(reordered))) == 1
        assert len(_seen(library)) == 2


def _feed(records: Records) -> dict[str, Any]:
    return records[FEED_LINE - 1]["row"]  # type: ignore[no-any-return]


def _entry(records: Records, number: int = 1) -> dict[str, Any]:
    return records[ENTRY_LINE - 2 + number]["row"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("change", "where"), [
    (lambda r: _feed(r).update(url=5), f"line {FEED_LINE}, feeds.url: must be text"),
    (lambda r: _feed(r).update(url="file:///etc/passwd"), f"line {FEED_LINE}, feeds.url:"),
    (lambda r: _feed(r).update(failed=True), f"line {FEED_LINE}, feeds.failed:"),
    (lambda r: _feed(r).update(failed=2), f"line {FEED_LINE}, feeds.failed: must be <= 1"),
    (lambda r: _feed(r).update(title="lone SURROGATE"), f"line {FEED_LINE}, feeds.title:"),
    (lambda r: _feed(r).pop("added_at"), f"line {FEED_LINE}, feeds.added_at: is missing"),
    (lambda r: _feed(r).update(evil=1), f"line {FEED_LINE}, feeds.evil:"),
    (lambda r: _entry(r).update(feed_id=9), f"line {ENTRY_LINE}, feed_entries.feed_id: names "
                                            "no feed"),
    (lambda r: _entry(r).update(article_id=99), f"line {ENTRY_LINE}, feed_entries.article_id: "
                                                "names no article"),
    (lambda r: _entry(r).update(article_id=0), f"line {ENTRY_LINE}, feed_entries.article_id:"),
    (lambda r: _entry(r).update(key=["a"]), f"line {ENTRY_LINE}, feed_entries.key:"),
    (lambda r: _entry(r).update(seen_at=None), f"line {ENTRY_LINE}, feed_entries.seen_at:"),
    (lambda r: _entry(r, 2).update(key=_entry(r)["key"]),
     f"line {ENTRY_LINE + 1}, feed_entries.key: "),
    (lambda r: r.insert(FEED_LINE, {"table": "feeds", "row": {**_feed(r), "url": "http://x/"}}),
     f"line {FEED_LINE + 1}, feeds.id: 1 is already used (line {FEED_LINE})"),
    (lambda r: r.insert(FEED_LINE, {"table": "feeds", "row": {**_feed(r), "id": 2}}),
     f"line {FEED_LINE + 1}, feeds.url: "),
])
def test_a_bad_feeds_row_is_named(tmp_path: Path, feeds_backup: str,
                                  change: Callable[[Records], object], where: str) -> None:
    # JSON can spell a lone surrogate that UTF-8 cannot: written here as JSON would have it.
    data = _changed(feeds_backup, change).replace(b"SURROGATE", b"\\ud800")
    _assert_refused(tmp_path, data, f"backup.jsonl {where}")
    with Library(tmp_path / "lib.db") as library:
        assert library.feeds.all() == [] and _seen(library) == []


def test_every_table_a_backup_writes_is_one_restore_reads(library: Library) -> None:
    """A schema step that adds a table must give its rows a model in backup_rows.py."""
    from newsreader.exporting import backup_rows

    written = set(library.backup.tables()) - set(backup_rows.ARTICLE_PARTS)
    assert written == set(backup_rows.TABLE_ROWS)


def test_storage_names_an_entry_whose_article_is_missing(library: Library,
                                                        feeds_backup: str) -> None:
    """The storage layer's own net, for records that skipped the check."""
    from newsreader.exporting.backup_check import check_backup

    records = check_backup(io.StringIO(feeds_backup), name="b",
                           known_schema=library.backup.schema_version()).records
    records[ENTRY_LINE - 2]["row"]["article_id"] = 99
    with pytest.raises(LibraryError, match="a row of feed_entries refers to a row of articles"):
        library.backup.restore(records, schema=library.backup.schema_version())
    assert library.articles.is_empty() and library.feeds.all() == []


def test_a_repeated_pending_address_is_named(tmp_path: Path, feeds_backup: str) -> None:
    row = {"id": 1, "key": "https://later.example/a", "url": "https://later.example/a",
           "title": None, "tags": "[]", "note": None, "saved_at": None, "archived": 0,
           "favourite": 0, "origin": "pocket", "added_at": "2026-12-01T00:00:00Z"}

    def change(records: Records) -> None:
        records[1:1] = [{"table": "pending", "row": row},
                        {"table": "pending", "row": {**row, "id": 2}}]

    _assert_refused(tmp_path, _changed(feeds_backup, change),
                    "backup.jsonl line 3, pending.key: 'https://later.example/a' is already "
                    "used (line 2)")


def test_a_restored_feed_title_is_printed_safely(tmp_path: Path, feeds_backup: str) -> None:
    def change(records: Records) -> None:
        _feed(records)["title"] = "Feed \x1b]52;c;ZXZpbA==\x07 \u202e title"

    path = tmp_path / "b.jsonl"
    path.write_bytes(_changed(feeds_backup, change))
    runner = CliRunner()
    db = str(tmp_path / "lib.db")
    assert runner.invoke(main, ["--db", db, "restore", str(path)]).exit_code == 0
    listed = runner.invoke(main, ["--db", db, "feeds", "list"])
    assert listed.exit_code == 0 and "Feed" in listed.output
    assert not {"\x1b", "\x07", "\u202e"} & set(listed.output), listed.output
