"""Import: files, folders, gzip, stdin, URLs; bad input named, good input kept."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from newsreader.ingest import sources
from newsreader.ingest.importing import import_sources
from newsreader.storage import Library

from .conftest import SEED_DIR

SEED = SEED_DIR / "islamabad-warns-afghan-taliban.txt"
STORY = "A headline for a test\n\nA short dek\n\nThe body of the story is here. It has sentences.\n"


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_seed_file_imports_and_reimport_adds_nothing(library: Library) -> None:
    first = import_sources(library, [str(SEED)])
    again = import_sources(library, [str(SEED)])
    assert [r.status for r in first.results] == ["added"]
    assert [r.status for r in again.results] == ["unchanged"]
    assert library.articles.count() == 1


def test_changed_source_becomes_new_revision_of_same_article(
    library: Library, tmp_path: Path
) -> None:
    path = _write(tmp_path, "story.txt", STORY)
    first = import_sources(library, [str(path)]).results[0]
    path.write_text(STORY.replace("It has sentences.", "It has more sentences now."))
    second = import_sources(library, [str(path)]).results[0]
    assert second.status == "updated"
    assert second.article_id == first.article_id
    assert library.articles.count() == 1
    assert "more sentences now" in library.articles.get(first.article_id or 0).article.text


def test_folder_with_broken_files_keeps_the_good_ones(library: Library, tmp_path: Path) -> None:
    _write(tmp_path, "a/good-one.txt", STORY)
    _write(tmp_path, "a/b/good-two.txt", STORY.replace("headline", "second headline"))
    _write(tmp_path, "a/broken.txt", b"\x89PNG\r\n\x1a\n" + bytes(300))
    _write(tmp_path, "a/empty.txt", b"")
    _write(tmp_path, "a/photo.jpg", b"\xff\xd8\xff")
    report = import_sources(library, [str(tmp_path / "a")])
    by_name = {Path(r.source).name: r for r in report.results}
    assert by_name["good-one.txt"].status == "added"
    assert by_name["good-two.txt"].status == "added"
    assert by_name["broken.txt"].status == "failed"
    assert "binary" in (by_name["broken.txt"].error or "")
    assert by_name["empty.txt"].status == "failed"
    assert "empty" in (by_name["empty.txt"].error or "")
    assert [Path(p).name for p in report.skipped] == ["photo.jpg"]
    assert library.articles.count() == 2


def test_invalid_utf8_is_read_as_cp1252(library: Library, tmp_path: Path) -> None:
    data = "Café society\n\nThe naïve “story” goes on.".encode("cp1252")
    path = _write(tmp_path, "latin.txt", data)
    result = import_sources(library, [str(path)]).results[0]
    assert result.status == "added"
    assert library.articles.get(result.article_id or 0).article.title == "Café society"


def test_fifty_megabyte_file_is_refused_and_nothing_is_saved(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        line = b"word " * 200 + b"\n\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            stream.write(line)
    result = import_sources(library, [str(path)]).results[0]
    assert result.status == "failed"
    assert "too large" in (result.error or "")
    assert library.articles.is_empty()


def test_gzipped_file_and_gzip_bomb(library: Library, tmp_path: Path) -> None:
    good = _write(tmp_path, "story.txt.gz", gzip.compress(STORY.encode()))
    bomb = _write(tmp_path, "bomb.txt.gz", gzip.compress(b"a" * (sources.MAX_SOURCE_BYTES + 10)))
    report = import_sources(library, [str(good), str(bomb)])
    assert [r.status for r in report.results] == ["added", "failed"]
    assert "decompressed" in (report.results[1].error or "")


def test_escape_sequences_are_stripped_before_storing(library: Library, tmp_path: Path) -> None:
    hostile = "Evil\x1b]0;owned\x07 title\n\nBody \x1b[31mred\x1b[0m text."
    path = _write(tmp_path, "evil.txt", hostile)
    result = import_sources(library, [str(path)]).results[0]
    article = library.articles.get(result.article_id or 0).article
    assert article.title == "Evil title"
    assert "\x1b" not in article.text and article.text == "Body red text."


def test_stdin(library: Library) -> None:
    report = import_sources(library, ["-"], stdin=io.BytesIO(STORY.encode()))
    assert report.results[0].status == "added"
    assert library.articles.get(report.results[0].article_id or 0).source == "-"


@pytest.mark.parametrize("source", ["file:///etc/passwd", "ftp://example.org/a.txt",
                                    "javascript:alert(1)"])
def test_non_http_schemes_are_refused(library: Library, source: str) -> None:
    result = import_sources(library, [source]).results[0]
    assert result.status == "failed"
    assert "http" in (result.error or "")


def test_missing_file_is_named(library: Library, tmp_path: Path) -> None:
    result = import_sources(library, [str(tmp_path / "nope.txt")]).results[0]
    assert (result.status, result.error) == ("failed", "no such file")


def test_progress_reports_every_source(library: Library, tmp_path: Path) -> None:
    paths = [str(_write(tmp_path, f"s{i}.txt", STORY.replace("test", f"test {i}")))
             for i in range(3)]
    seen: list[tuple[int, int]] = []
    import_sources(library, paths, progress=lambda done, total, _source: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
