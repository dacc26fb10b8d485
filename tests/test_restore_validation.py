"""A backup is checked whole before `restore` writes a row (issue 16, item 5).

Each bad backup is refused with one line naming the line and field, exit status 1, and
the library it was restored into stays empty.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsreader.cli import main
from newsreader.exporting import backup
from newsreader.storage import Library

from .test_backup import _backup, _full_library

Records = list[dict[str, Any]]

# The backup of _full_library: line 1 the header, 2-3 tags, 4 a setting, 5-6 the articles.
ARTICLE_LINE = 5


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A backup of a library with every kind of row, as `export --format json` writes it."""
    with Library(tmp_path_factory.mktemp("source") / "lib.db") as library:
        _full_library(library)
        return _backup(library)


def _records(text: str) -> Records:
    return [json.loads(line) for line in text.splitlines()]


def _dump(records: Records) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def _changed(text: str, change: Callable[[Records], object]) -> bytes:
    records = _records(text)
    change(records)
    return _dump(records).encode("utf-8")


def _restore(tmp_path: Path, data: bytes) -> Result:
    path = tmp_path / "backup.jsonl"
    path.write_bytes(data)
    return CliRunner().invoke(main, ["--db", str(tmp_path / "lib.db"), "restore", str(path)])


def _assert_refused(tmp_path: Path, data: bytes, *expected: str) -> str:
    """Restore ``data``: one line, status 1, no traceback, every ``expected`` said, nothing
    loaded. Returns what was printed."""
    result = _restore(tmp_path, data)
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "FOREIGN KEY" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for words in expected:
        assert words in lines[0], lines[0]
    with Library(tmp_path / "lib.db") as library:
        assert library.articles.is_empty()
        for table in ("tags", "revisions", "highlights", "notes"):
            assert library.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    return lines[0]


def _article(records: Records, number: int = 1) -> dict[str, Any]:
    return [record for record in records if "article" in record][number - 1]


# -- the six that gave tracebacks ----------------------------------------------------------


def test_a_binary_file_is_not_a_backup(tmp_path: Path) -> None:
    _assert_refused(tmp_path, bytes(range(256)) * 8, "backup.jsonl line 1",
                    "not a newsreader backup")


def test_a_line_that_is_not_utf8_is_named(tmp_path: Path, good_backup: str) -> None:
    lines = good_backup.encode("utf-8").splitlines(keepends=True)
    lines[ARTICLE_LINE - 1] = lines[ARTICLE_LINE - 1].replace(b"Backup:", b"Caf\xe9:")
    _assert_refused(tmp_path, b"".join(lines), f"line {ARTICLE_LINE}", "UTF-8")


def test_an_integer_past_sqlites_range(tmp_path: Path, good_backup: str) -> None:
    def change(records: Records) -> None:
        _article(records)["article"]["reading_position"] = 2**63

    _assert_refused(tmp_path, _changed(good_backup, change),
                    f"backup.jsonl line {ARTICLE_LINE}, article.reading_position:")


@pytest.mark.parametrize("schema", ["1", [1], "1e400"])
def test_a_schema_number_that_is_not_one(tmp_path: Path, good_backup: str,
                                         schema: object) -> None:
    header = '{"format": "newsreader-backup", "version": 1, "schema": %s}' % (
        schema if schema == "1e400" else json.dumps(schema))
    data = (header + "\n" + good_backup.split("\n", 1)[1]).encode("utf-8")
    _assert_refused(tmp_path, data, "backup.jsonl line 1, schema:")


# -- the four that were accepted and then broke `show` ---------------------------------------


@pytest.mark.parametrize(("structure", "why"), [
    ("{not json", "revisions.structure"),
    (json.dumps({"title": "No blocks"}), "revisions.structure"),
    (json.dumps({"title": "t", "dek": None, "byline": None, "published": None, "url": None,
                 "site": None, "blocks": [["paragraph", 0]], "captions": [], "links": []}),
     "revisions.structure"),  # one block for a text of three
])
def test_a_revision_structure_that_is_not_an_article(tmp_path: Path, good_backup: str,
                                                     structure: str, why: str) -> None:
    def change(records: Records) -> None:
        _article(records)["revisions"][1]["structure"] = structure

    _assert_refused(tmp_path, _changed(good_backup, change), f"line {ARTICLE_LINE}, {why}")


def test_revision_text_that_is_a_number(tmp_path: Path, good_backup: str) -> None:
    def change(records: Records) -> None:
        _article(records, 2)["revisions"][0]["text"] = 42

    _assert_refused(tmp_path, _changed(good_backup, change),
                    f"line {ARTICLE_LINE + 1}, revisions.text:")


# -- what went in unchecked ----------------------------------------------------------------


def test_a_title_that_is_a_list(tmp_path: Path, good_backup: str) -> None:
    def change(records: Records) -> None:
        _article(records)["article"]["title"] = ["a", "list"]

    _assert_refused(tmp_path, _changed(good_backup, change),
                    f"line {ARTICLE_LINE}, article.title:")


def test_a_negative_offset(tmp_path: Path, good_backup: str) -> None:
    def change(records: Records) -> None:
        _article(records)["highlights"][0]["start"] = -5

    line = _assert_refused(tmp_path, _changed(good_backup, change),
                           f"backup.jsonl line {ARTICLE_LINE}, highlights.start:")
    assert "must be >= 0" in line


@pytest.mark.parametrize(("where", "value", "field"), [
    ("end", 10_000, "highlights.end"),  # past the end of its revision's text
    ("end", 3, "highlights.end"),  # before its start
])
def test_a_highlight_outside_its_text(tmp_path: Path, good_backup: str, where: str,
                                      value: int, field: str) -> None:
    def change(records: Records) -> None:
        _article(records)["highlights"][0][where] = value

    _assert_refused(tmp_path, _changed(good_backup, change), f"line {ARTICLE_LINE}, {field}")


def test_a_count_that_does_not_match(tmp_path: Path, good_backup: str) -> None:
    def change(records: Records) -> None:
        _article(records)["article"]["highlight_count"] = 7

    _assert_refused(tmp_path, _changed(good_backup, change),
                    f"line {ARTICLE_LINE}, article.highlight_count:")


def test_an_unknown_field(tmp_path: Path, good_backup: str) -> None:
    def change(records: Records) -> None:
        _article(records)["notes"][0]["mood"] = "cheerful"

    _assert_refused(tmp_path, _changed(good_backup, change), f"line {ARTICLE_LINE}, notes.mood")


# -- references between records --------------------------------------------------------------


@pytest.mark.parametrize(("change", "field"), [
    (lambda r: _article(r)["notes"][0].update(highlight_id=999), "notes.highlight_id"),
    (lambda r: _article(r)["highlights"][0].update(revision_id=3), "highlights.revision_id"),
    (lambda r: _article(r)["revisions"][0].update(article_id=2), "revisions.article_id"),
    (lambda r: _article(r)["article"].update(current_revision_id=3),
     "article.current_revision_id"),
    (lambda r: _article(r)["anchors"][0].update(highlight_id=999), "anchors.highlight_id"),
    (lambda r: _article(r)["article_tags"][0].update(tag_id=999), "article_tags.tag_id"),
    (lambda r: _article(r, 2)["article"].update(id=1), "article.id"),
])
def test_a_dangling_or_repeated_reference(tmp_path: Path, good_backup: str,
                                          change: Callable[[Records], object],
                                          field: str) -> None:
    _assert_refused(tmp_path, _changed(good_backup, change), field)


def test_the_first_problems_are_named(tmp_path: Path, good_backup: str) -> None:
    def change(records: Records) -> None:
        _article(records)["highlights"][0]["start"] = -5
        _article(records, 2)["article"]["title"] = 3

    line = _assert_refused(tmp_path, _changed(good_backup, change),
                           f"line {ARTICLE_LINE}, highlights.start", "1 more")
    assert f"line {ARTICLE_LINE + 1}, article.title" in line


# -- what must still work ----------------------------------------------------------------------


def test_every_valid_backup_still_restores_exactly(tmp_path: Path, good_backup: str) -> None:
    path = tmp_path / "backup.jsonl"
    path.write_text(good_backup, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(tmp_path / "lib.db"), "restore", str(path)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["--db", str(tmp_path / "lib.db"), "export", "--format",
                                 "json", "--out", "-"])
    assert again.stdout_bytes == good_backup.encode("utf-8")


def test_an_empty_library_backs_up_and_restores(tmp_path: Path) -> None:
    with Library(tmp_path / "empty.db") as empty:
        text = _backup(empty)
    with Library(tmp_path / "copy.db") as copy:
        assert backup.restore(copy, io.StringIO(text)) == 0


def test_restore_from_standard_input(tmp_path: Path, good_backup: str) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "lib.db"), "restore", "-"],
                                input=b"\xff\xfe binary")
    assert result.exit_code == 1 and "standard input line 1" in result.output


def test_start_up_does_not_load_the_validator() -> None:
    code = ("import sys, newsreader.cli, newsreader.exporting.backup; "
            "print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_the_row_models_are_the_tables(library: Library) -> None:
    """A schema step that changes a table must change its model in backup_rows.py."""
    from newsreader.exporting import backup_check, backup_rows

    models = {**backup_rows.ARTICLE_PARTS, **backup_rows.TABLE_ROWS}
    for table, model in models.items():
        columns = [row[1] for row in library.db.execute(f"PRAGMA table_info({table})")]
        assert list(model.model_fields) == columns, table
    assert (backup_check.FORMAT, backup_check.VERSION) == (backup.FORMAT, backup.VERSION)


def test_storage_names_a_dangling_reference_it_is_handed(library: Library,
                                                         good_backup: str) -> None:
    """The storage layer's own net, for records that skipped the check."""
    from newsreader.exporting.backup_check import check_backup
    from newsreader.storage import LibraryError

    records = check_backup(io.StringIO(good_backup), name="b",
                           known_schema=library.backup.schema_version()).records
    records[3]["notes"][0]["highlight_id"] = 99
    with pytest.raises(LibraryError, match="a row of notes refers to a row of highlights"):
        library.backup.restore(records, schema=library.backup.schema_version())
    assert library.articles.is_empty()
