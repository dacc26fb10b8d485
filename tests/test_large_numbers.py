"""Numbers past SQLite's 64-bit integers: a usage error or a LibraryError, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.storage import Library, LibraryError

from .conftest import SEED_DIR

HUGE = str(2**64)


@pytest.mark.parametrize("args", [
    ["show", HUGE], ["tag", HUGE, "x"], ["note", HUGE, "a note"], ["notes", HUGE],
    ["export", HUGE, "--out", "-"], ["archive", HUGE], ["reclean", HUGE],
    ["highlight", HUGE, "--quote", "x"],
])
def test_an_id_past_sqlite_range_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    db = str(tmp_path / "lib.db")
    assert CliRunner().invoke(main, ["--db", db, "add", str(SEED_DIR)]).exit_code == 0
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "is not in the range" in result.output


def test_the_library_answers_a_huge_number_with_a_library_error() -> None:
    with Library(":memory:") as library:
        with pytest.raises(LibraryError, match="too large"):
            library.articles.get(2**64)
        with pytest.raises(LibraryError, match="too large"):
            library.tags.update(2**64, add=["x"])
