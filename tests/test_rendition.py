"""The Markdown rendition is made when asked for, from what the library stores: emphasis,
numbered lists and links survive saving; old libraries and backups that stored a
rendition upgrade without it."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsreader.exporting import backup
from newsreader.exporting.rendition import article_markdown
from newsreader.ingest.importing import import_one
from newsreader.storage import Library, LibraryError
from newsreader.storage.migrations import MIGRATIONS

from .conftest import ROOT

SOURCE = """# The archive

A story of *patience*, **one man** and `grep`, told by the [Archives](https://archives.example.org/x).

1. First find the boxes.
2. Then read them.

- A loose note.
"""


def test_emphasis_lists_and_links_survive_saving(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "archive.md"
    path.write_text(SOURCE, encoding="utf-8")
    result = import_one(library, str(path))
    assert result.article_id is not None
    stored = library.articles.get(result.article_id).article
    rendition = article_markdown(stored)
    assert "*patience*" in rendition
    assert "**one man**" in rendition
    assert "`grep`" in rendition
    assert "[Archives][1]" in rendition
    assert "[1]: <https://archives.example.org/x>" in rendition
    assert "1. First find the boxes.\n2. Then read them." in rendition
    assert "- A loose note." in rendition


def test_a_schema_2_library_loses_only_its_stored_rendition(tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "data" / "library-schema-2.db", copy)
    with sqlite3.connect(copy) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(revisions)")]
    assert "markdown" in columns
    with Library(copy) as library:
        columns = [row[1] for row in library.db.conn.execute("PRAGMA table_info(revisions)")]
        assert "markdown" not in columns
        assert library.db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        [seed] = library.articles.page()
        article = library.articles.get(seed.id).article
        assert "## Doha talks" in article_markdown(article)
        assert library.db.conn.execute("PRAGMA foreign_key_check").fetchone() is None


def _lines_of_backup(library: Library) -> list[dict[str, object]]:
    out = io.StringIO()
    backup.write_backup(library, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _restore(lines: list[dict[str, object]], path: Path) -> Library:
    library = Library(path)
    backup.restore(library, io.StringIO("\n".join(json.dumps(line) for line in lines)))
    return library


def test_a_backup_from_schema_2_restores_without_its_rendition(
        library: Library, tmp_path: Path) -> None:
    path = tmp_path / "archive.md"
    path.write_text(SOURCE, encoding="utf-8")
    import_one(library, str(path))
    lines = _lines_of_backup(library)
    lines[0]["schema"] = 2
    for line in lines[1:]:
        for revision in line.get("revisions", []):  # type: ignore[attr-defined]
            revision["markdown"] = "an old rendition"
    with _restore(lines, tmp_path / "restored.db") as restored:
        [summary] = restored.articles.page()
        assert "**one man**" in article_markdown(restored.articles.get(summary.id).article)


def test_a_current_backup_may_not_carry_a_rendition(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "archive.md"
    path.write_text(SOURCE, encoding="utf-8")
    import_one(library, str(path))
    lines = _lines_of_backup(library)
    for line in lines[1:]:
        for revision in line.get("revisions", []):  # type: ignore[attr-defined]
            revision["markdown"] = "smuggled"
    with pytest.raises(LibraryError, match="markdown"):
        _restore(lines, tmp_path / "restored.db")
