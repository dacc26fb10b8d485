"""A library made by the first released schema opens, upgrades and keeps everything."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from newsreader.domain.search_query import parse
from newsreader.storage import Library, LibraryError, migrations
from newsreader.storage.identity import APPLICATION_ID
from newsreader.storage.migrations import MIGRATIONS

from .conftest import ROOT

FIXTURES = sorted((ROOT / "tests" / "data").glob("library-schema-*.db"))


def test_there_is_a_fixture_for_the_first_schema() -> None:
    assert [path.name for path in FIXTURES][:1] == ["library-schema-1.db"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_released_library_upgrades_without_loss(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    with Library(copy) as library:
        assert library.db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert library.db.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert library.articles.count() == 1
        assert library.articles.count(include_archived=True) == 2
        [seed] = library.articles.page()
        stored = library.articles.get(seed.id)
        assert stored.article.title.startswith("Islamabad warns Afghan Taliban")
        assert stored.read and stored.reading_position == 1200
        assert [c.credit for c in stored.article.captions] == ["Reuters"]
        [mark] = library.annotations.highlights(seed.id)
        assert (mark.exact, mark.color, mark.status) == (
            "concrete and verifiable steps", "green", "exact")
        assert stored.article.text[mark.start or 0 : mark.end or 0] == mark.exact
        assert [n.body for n in mark.notes] == ["the core demand"]
        assert [n.body for n in library.annotations.article_notes(seed.id)] == [
            "Follow up after the Istanbul round."]
        assert library.tags.of(seed.id) == ["diplomacy", "south-asia"]
        assert [h.article.id for h in library.search.run(parse("Istanbul round"))] == [seed.id]
        assert [h.highlight_id for h in library.search.run(parse("core demand"),
                                                           scope="highlights")] == [mark.id]
        archived = [h.article for h in library.search.run(parse("is:archived is:favourite"))]
        assert [a.title for a in archived] == [
            "Harbour council votes to fund tidal barrier after a decade of flooding"]
        assert library.articles.original(archived[0].id).data.startswith(b"<!")
        assert library.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_command_line_says_it_is_upgrading_a_library_once(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsreader.cli import main

    copy = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "data" / "library-schema-2.db", copy)
    first = CliRunner().invoke(main, ["--db", str(copy), "list"])
    assert first.exit_code == 0, first.output
    assert f"Upgrading {copy}" in first.stderr
    second = CliRunner().invoke(main, ["--db", str(copy), "list"])
    assert "Upgrading" not in second.stderr
    fresh = CliRunner().invoke(main, ["--db", str(tmp_path / "new.db"), "add", "-"],
                               input="A title\n\nSome words of a body.\n")
    assert "Upgrading" not in fresh.stderr


def test_a_new_library_is_made_whole_or_not_at_all(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every step of a new library shares one transaction: a step that fails leaves an
    empty file (no table of the earlier steps, schema version 0), not half a schema."""

    def failing_step(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, failing_step))
    conn = sqlite3.connect(tmp_path / "new.db", isolation_level=None)
    with pytest.raises(LibraryError, match="disk I/O error"):
        migrations.upgrade(conn, tmp_path / "new.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
