"""JSON Lines backup and restore (issue 6): everything out, and back, byte for byte."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.domain.models import Caption, Link
from newsreader.exporting import backup
from newsreader.storage import Library, LibraryError
from newsreader.storage.originals import pack

from .test_export_markdown import PARAGRAPHS, add_article, highlight, tag


def _full_library(library: Library) -> None:
    source = "/articles/revised.txt"
    first = add_article(library, 'Backup: "all" of it 🚀', source=source, byline="Writer",
                        captions=(Caption("A caption.", "AP"),),
                        links=(Link("More", "https://example.com/more", "related", "Read"),))
    kept = highlight(library, first, "sets the scene", color="green", note="a note")
    highlight(library, first, "quote we will highlight")  # orphaned by the new revision
    gone = highlight(library, first, "closes the story")
    library.annotations.delete_highlight(gone.id)
    library.annotations.add_article_note(first, "article note")
    add_article(library, 'Backup: "all" of it 🚀', source=source,
                paragraphs=(PARAGRAPHS[0], "Different now.", PARAGRAPHS[2]))
    library.annotations.set_highlight_note(kept.id, "an edited note")
    second = add_article(library, "Second", url=None)
    tag(library, first, "world", "🚀 space")
    tag(library, second, "world")
    library.db.execute("UPDATE revisions SET original = ? WHERE article_id = ?",
                       [pack(bytes(range(256))), second])
    library.articles.set_reading_position(second, 12)
    library.db.execute("UPDATE articles SET archived = 1 WHERE id = ?", [second])
    library.settings.set("samples-offered", "yes")


def _backup(library: Library) -> str:
    out = io.StringIO()
    backup.write_backup(library, out)
    return out.getvalue()


def test_restore_then_backup_is_identical(library: Library, tmp_path: Path) -> None:
    _full_library(library)
    first = _backup(library)
    with Library(tmp_path / "restored.db") as restored:
        assert backup.restore(restored, io.StringIO(first)) == 2
        assert _backup(restored) == first
        assert restored.articles.original(2).data == bytes(range(256))
        assert [(h.id, h.uid, h.status, h.color, [n.body for n in h.notes])
                for h in restored.annotations.highlights(1)] == [
            (h.id, h.uid, h.status, h.color, [n.body for n in h.notes])
            for h in library.annotations.highlights(1)]
        assert restored.tags.of(1) == ["world", "🚀 space"]
        assert restored.articles.get(1).article.captions == library.articles.get(1).article.captions
        for archived in (False, True):
            assert restored.articles.count(include_archived=archived) == (
                library.articles.count(include_archived=archived))
        fts = restored.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == 2
        hl_fts = restored.db.execute("SELECT count(*) FROM highlights_fts").fetchone()[0]
        assert hl_fts == 2  # the deleted highlight stays out of the index


def test_backup_lines_hold_articles_with_their_parts(library: Library) -> None:
    _full_library(library)
    lines = [json.loads(line) for line in _backup(library).splitlines()]
    assert lines[0]["format"] == "newsreader-backup" and lines[0]["version"] == 1
    assert {line["table"] for line in lines if "table" in line} >= {"tags", "settings"}
    article = next(line for line in lines if "article" in line)
    assert [len(article[key]) for key in ("revisions", "highlights", "notes", "article_tags")
            ] == [2, 3, 2, 2]
    assert len(article["anchors"]) == 6  # three highlights in two revisions
    revision = article["revisions"][0]
    assert {"text", "structure", "original"} <= set(revision)
    assert set(revision["original"]) == {"$base64"}
    assert json.loads(revision["structure"])["captions"] == [["A caption.", "AP"]]


def test_restore_refuses_a_library_that_is_not_empty(library: Library) -> None:
    _full_library(library)
    text = _backup(library)
    with pytest.raises(LibraryError, match="empty library"):
        backup.restore(library, io.StringIO(text))


def test_restore_refuses_what_is_not_a_backup(library: Library) -> None:
    with pytest.raises(LibraryError, match="not a newsreader backup"):
        backup.restore(library, io.StringIO("hello\n"))
    newer = json.dumps({"format": "newsreader-backup", "version": 1, "schema": 999})
    with pytest.raises(LibraryError, match="newer newsreader"):
        backup.restore(library, io.StringIO(newer + "\n"))


def test_a_damaged_backup_restores_nothing(library: Library, tmp_path: Path) -> None:
    _full_library(library)
    lines = _backup(library).splitlines(keepends=True)
    damaged = "".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2] + "\n"
    with Library(tmp_path / "fresh.db") as fresh:
        with pytest.raises(LibraryError):
            backup.restore(fresh, io.StringIO(damaged))
        assert fresh.articles.is_empty()
        assert fresh.db.execute("SELECT count(*) FROM tags").fetchone()[0] == 0


def test_cli_backup_and_restore(tmp_path: Path) -> None:
    db, copy = tmp_path / "lib.db", tmp_path / "copy.db"
    with Library(db) as library:
        _full_library(library)
    runner = CliRunner()
    made = runner.invoke(main, ["--db", str(db), "export", "--format", "json",
                                "--out", str(tmp_path / "backup.jsonl")])
    assert made.exit_code == 0, made.output
    restored = runner.invoke(main, ["--db", str(copy), "restore",
                                    str(tmp_path / "backup.jsonl")])
    assert restored.exit_code == 0 and "restored 2 article(s)" in restored.output
    again = runner.invoke(main, ["--db", str(copy), "export", "--format", "json", "--out", "-"])
    assert again.stdout_bytes == (tmp_path / "backup.jsonl").read_bytes()
    refused = runner.invoke(main, ["--db", str(copy), "restore", str(tmp_path / "backup.jsonl")])
    assert refused.exit_code == 1 and "empty library" in refused.output
    named = runner.invoke(main, ["--db", str(db), "export", "1", "--format", "json",
                                 "--out", "-"])
    assert named.exit_code == 2 and "whole library" in named.output


def test_pending_addresses_survive_a_backup(library: Library, tmp_path: Path) -> None:
    from newsreader.storage.pending import PendingUrl

    library.pending.add(PendingUrl(key="https://later.example/a", url="https://later.example/a",
                                   origin="pocket", title="Read me later",
                                   tags=("queue", "long reads")))
    first = _backup(library)
    with Library(tmp_path / "restored.db") as restored:
        backup.restore(restored, io.StringIO(first))
        assert restored.pending.all() == library.pending.all()
        assert _backup(restored) == first
