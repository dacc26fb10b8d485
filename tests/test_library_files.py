"""Which files become a library: ours and new ones do; another program's database is left alone.

A library is marked with ``PRAGMA application_id``; a file written before the mark is
recognised by its schema. Anything else that holds data is refused before a byte of it (or
a ``-wal`` beside it) is written. Commands that only read create no folder and no library.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.storage import Library, LibraryError, open_library
from newsreader.storage.identity import APPLICATION_ID
from newsreader.storage.migrations import MIGRATIONS
from newsreader.tui import launch

from .conftest import ROOT, SEED_DIR

SEED = str(SEED_DIR / "islamabad-warns-afghan-taliban.txt")
SCHEMA_1 = ROOT / "tests" / "data" / "library-schema-1.db"
SIDE_FILES = ("-wal", "-shm", "-journal")


def _contacts(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contacts (name) VALUES ('Ada'), ('Grace')")
    conn.commit()
    conn.close()


def _contacts_in_wal_mode(path: Path) -> None:
    _contacts(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _other_application_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


def _versioned_but_not_ours(path: Path) -> None:
    _contacts(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def _our_tables_under_another_id(path: Path) -> None:
    shutil.copy(SCHEMA_1, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


FOREIGN: dict[str, Callable[[Path], None]] = {
    "tables": _contacts,
    "wal-mode": _contacts_in_wal_mode,
    "application-id": _other_application_id,
    "user-version": _versioned_but_not_ours,
    "our-tables-other-id": _our_tables_under_another_id,
}


def _side_files(path: Path) -> list[str]:
    return [suffix for suffix in SIDE_FILES if Path(f"{path}{suffix}").exists()]


def _application_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("make", FOREIGN.values(), ids=FOREIGN.keys())
@pytest.mark.parametrize("create", [True, False], ids=["create", "read"])
def test_a_foreign_database_is_refused_and_left_byte_for_byte(
        make: Callable[[Path], None], create: bool, tmp_path: Path) -> None:
    path = tmp_path / "other-app.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="is not a newsreader library"):
        open_library(path, create=create)
    assert path.read_bytes() == before
    assert _side_files(path) == []


@pytest.mark.parametrize("args", [["list"], ["add", SEED], ["show", "1"], ["tag", "1", "x"],
                                  ["export", "--format", "json", "--out", "-"]])
def test_the_cli_refuses_a_foreign_database_in_one_line(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "other-app.db"
    _contacts(path)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["--db", str(path), *args])
    assert result.exit_code == 1
    assert result.output == (f"Error: {path} is not a newsreader library (it holds another "
                             f"program's data); it was left untouched\n")
    assert path.read_bytes() == before
    assert _side_files(path) == []


def test_a_new_library_is_marked_as_ours(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    Library(path).close()
    assert _application_id(path) == APPLICATION_ID
    with open_library(path, create=False) as library:
        assert library.articles.count() == 0


def test_an_empty_file_becomes_a_library(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with open_library(path) as library:
        assert library.articles.count() == 0
    assert _application_id(path) == APPLICATION_ID


def test_a_database_with_no_tables_becomes_a_library(tmp_path: Path) -> None:
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")  # writes the header: a valid database with nothing in it
    conn.close()
    assert path.stat().st_size > 0
    with open_library(path) as library:
        assert library.articles.count() == 0


@pytest.mark.parametrize("create", [True, False], ids=["create", "read"])
def test_a_library_of_the_first_schema_opens_and_is_marked(create: bool, tmp_path: Path) -> None:
    path = tmp_path / SCHEMA_1.name
    shutil.copy(SCHEMA_1, path)
    assert _application_id(path) == 0
    with open_library(path, create=create) as library:
        assert library.articles.count(include_archived=True) == 2
        assert library.backup.schema_version() == len(MIGRATIONS)
    assert _application_id(path) == APPLICATION_ID
    with open_library(path, create=False) as library:
        assert library.articles.count(include_archived=True) == 2


def test_a_library_interrupted_after_its_first_step_is_still_ours(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert isinstance(MIGRATIONS[0], str)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with open_library(path) as library:
        assert library.articles.count() == 0
    assert _application_id(path) == APPLICATION_ID


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="is a folder"):
        open_library(tmp_path)


@pytest.mark.parametrize("name", ["missing.db", "typo/deeper/lib.db"])
def test_opening_to_read_creates_nothing(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    with pytest.raises(LibraryError, match="there is no library at"):
        open_library(path, create=False)
    assert sorted(tmp_path.iterdir()) == []


def test_opening_an_empty_file_to_read_leaves_it_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(LibraryError, match="there is no library at"):
        open_library(path, create=False)
    assert path.read_bytes() == b"" and _side_files(path) == []


READING_COMMANDS = [
    ["list"], ["list", "--json"], ["show", "1"], ["search", "taliban"], ["notes"],
    ["notes", "1"], ["export", "--out", "OUT"], ["export", "--format", "json", "--out", "-"],
    ["export", "--format", "w3c", "--out", "OUT"],
]


@pytest.mark.parametrize("args", READING_COMMANDS, ids=" ".join)
def test_a_reading_command_on_a_mistyped_path_creates_nothing(
        args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "typo" / "lib.db"
    out = tmp_path / "out"
    args = [str(out) if arg == "OUT" else arg for arg in args]
    result = CliRunner().invoke(main, ["--db", str(path), *args])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: there is no library at {path}")
    assert result.output.count("\n") == 1
    assert sorted(tmp_path.iterdir()) == []


def test_a_reading_command_reads_an_existing_library(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    assert CliRunner().invoke(main, ["--db", str(path), "add", SEED]).exit_code == 0
    result = CliRunner().invoke(main, ["--db", str(path), "list", "--json"])
    assert result.exit_code == 0 and "Islamabad" in result.output


def test_add_still_creates_the_folders_and_the_library(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "lib.db"
    result = CliRunner().invoke(main, ["--db", str(path), "add", SEED])
    assert result.exit_code == 0, result.output
    assert path.is_file() and _application_id(path) == APPLICATION_ID


@pytest.mark.parametrize("args", [["list"], ["add", SEED], ["locate"], []], ids=" ".join)
@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_empty_library_path_is_refused(
        args: list[str], how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(launch, "launch", lambda db_path, open_source=None, **_: 0)
    if how == "option":
        monkeypatch.delenv("NEWSREADER_DB", raising=False)
        result = CliRunner().invoke(main, ["--db", "", *args])
        what = "--db"
    else:
        monkeypatch.setenv("NEWSREADER_DB", "")
        result = CliRunner().invoke(main, args)
        what = "NEWSREADER_DB"
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {what} is empty")
    assert result.output.count("\n") == 1
    assert sorted(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", [b"x", b"\n", b"notes to self\n"])
def test_a_short_file_that_is_not_sqlite_is_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["--db", str(path), "add", str(SEED_DIR)])
    assert result.exit_code == 1
    assert "is not an SQLite database" in result.output
    assert path.read_bytes() == content
    assert _side_files(path) == []
