"""Originals are stored compressed and come back byte for byte: read, reclean, backup, upgrade."""

from __future__ import annotations

import base64
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import zstandard

from newsreader.domain.models import Article, Block
from newsreader.exporting import backup
from newsreader.storage import DamagedArticleError, Library, Original
from newsreader.storage.originals import DamagedOriginalError, pack, unpack

from .conftest import ROOT

PAGE = ("<!doctype html><html><body>"
        + "<p>The harbour council met again to discuss the tidal barrier.</p>" * 200
        + "</body></html>").encode()
ODD_BYTES = bytes(range(256)) * 3


def _add(library: Library, data: bytes, source: str, text: str = "Body text.") -> int:
    article = Article(title="A title", blocks=(Block(kind="paragraph", text=text),))
    outcome = library.articles.add(article, Original(data, source, "file", "html"),
                                   cleaner_version="1")
    return outcome.article_id


def _stored(library: Library, article_id: int) -> bytes:
    row = library.db.execute("SELECT r.original FROM articles a JOIN revisions r "
                             "ON r.id = a.current_revision_id WHERE a.id = ?",
                             [article_id]).fetchone()
    return bytes(row[0])


def test_an_original_is_stored_compressed_and_read_back_exactly(library: Library) -> None:
    page = _add(library, PAGE, "/page.html")
    odd = _add(library, ODD_BYTES, "/odd.html")
    assert len(_stored(library, page)) < len(PAGE) / 10
    assert zstandard.ZstdDecompressor().decompress(_stored(library, page)) == PAGE
    assert library.articles.original(page).data == PAGE
    assert library.articles.original(odd).data == ODD_BYTES


def test_a_new_cleaning_keeps_the_same_original(library: Library) -> None:
    article_id = _add(library, PAGE, "/page.html")
    fresh = Article(title="A title", blocks=(Block(kind="paragraph", text="Cleaned again."),))
    assert library.articles.reclean(article_id, fresh, cleaner_version="2") is not None
    assert library.articles.get(article_id).article.text == "Cleaned again."
    assert library.articles.original(article_id).data == PAGE


def test_a_damaged_original_is_that_article_s_problem(library: Library) -> None:
    article_id = _add(library, PAGE, "/page.html")
    library.db.execute("UPDATE revisions SET original = ? WHERE article_id = ?",
                       [_stored(library, article_id)[:40], article_id])
    with pytest.raises(DamagedArticleError, match="original"):
        library.articles.original(article_id)
    assert library.articles.get(article_id).article.text == "Body text."


def test_check_names_a_revision_whose_original_does_not_unpack(library: Library) -> None:
    kept = _add(library, PAGE, "/page.html")
    damaged = _add(library, ODD_BYTES, "/odd.html", text="Other text.")
    assert library.integrity.check() == []
    library.db.execute("UPDATE revisions SET original = ? WHERE article_id = ?",
                       [b"not compressed", damaged])
    [problem] = library.integrity.check()
    assert (problem.kind, problem.article_id, problem.repairable) == ("original", damaged, False)
    assert f"of article {damaged}" in problem.message
    assert library.articles.original(kept).data == PAGE


def test_unpack_refuses_what_is_not_a_whole_stream() -> None:
    unsized = zstandard.ZstdCompressor(write_content_size=False).compress(PAGE)
    for blob in (b"", PAGE, pack(PAGE)[:-3], pack(PAGE) + b"trailing", unsized):
        with pytest.raises(DamagedOriginalError):
            unpack(blob)
    assert unpack(pack("text from an old column")) == b"text from an old column"
    assert unpack(pack(b"")) == b""


def test_a_backup_holds_the_bytes_as_imported_and_restores_them(
        library: Library, tmp_path: Path) -> None:
    _add(library, PAGE, "/page.html")
    _add(library, ODD_BYTES, "/odd.html", text="Other text.")
    out = io.StringIO()
    backup.write_backup(library, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()[1:]]
    originals = [base64.b64decode(revision["original"]["$base64"])
                 for record in records if "article" in record
                 for revision in record["revisions"]]
    assert originals == [PAGE, ODD_BYTES]
    with Library(tmp_path / "restored.db") as restored:
        assert backup.restore(restored, io.StringIO(out.getvalue())) == 2
        assert [restored.articles.original(i).data for i in (1, 2)] == [PAGE, ODD_BYTES]
        assert unpack(_stored(restored, 1)) == PAGE
        again = io.StringIO()
        backup.write_backup(restored, again)
        assert again.getvalue() == out.getvalue()


def test_upgrading_compresses_the_originals_a_library_already_holds(tmp_path: Path) -> None:
    fixture = ROOT / "tests" / "data" / "library-schema-2.db"
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    with sqlite3.connect(copy) as conn:
        before = dict(conn.execute("SELECT id, original FROM revisions").fetchall())
    conn.close()
    assert before and all(not _is_packed(blob) for blob in before.values())
    with Library(copy) as library:
        after = dict(library.db.execute("SELECT id, original FROM revisions").fetchall())
        assert {key: unpack(blob) for key, blob in after.items()} == before
        for (article_id,) in library.db.execute("SELECT id FROM articles").fetchall():
            assert library.articles.original(article_id).data in before.values()


def _is_packed(blob: bytes) -> bool:
    try:
        unpack(blob)
    except DamagedOriginalError:
        return False
    return True
