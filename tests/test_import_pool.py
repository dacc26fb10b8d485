"""A folder imported by a pool of worker processes lands exactly as one process imports it."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from newsreader.ingest.import_pool import prepared_in_order
from newsreader.ingest.importing import ImportReport, import_sources
from newsreader.ingest.preparing import Prepared, prepare
from newsreader.storage import Library

CRASH = "crash-here"


def _page(title: str, words: str) -> str:
    paragraphs = "".join(f"<p>{words} This is paragraph {n} of the story about {title}, "
                         "long enough to be read as the article by any of the cleaners.</p>"
                         for n in range(6))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, title in enumerate(["Harbour barrier", "Orchard frost", "Railway signal"]):
        (folder / f"{n}.html").write_text(_page(title, f"Words {n}."), encoding="utf-8")
    (folder / "2-copy.html").write_text(_page("Railway signal", "Words 2."), encoding="utf-8")
    (folder / "3-broken.html").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "4-empty.html").write_text("<html><body><script>x</script></body></html>")
    return folder


def _summary(report: ImportReport) -> list[tuple[str, str, int | None, str | None, str | None]]:
    return [(Path(r.source).name, r.status, r.article_id, r.title, r.error)
            for r in report.results]


def _stored(library: Library) -> list[tuple[str, str, bytes]]:
    return [(library.articles.get(i).article.title, library.articles.get(i).article.text,
             library.articles.original(i).data) for i in library.articles.ids()]


def test_a_pool_imports_a_folder_as_one_process_does(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    reports, stored, progress = [], [], []
    for workers in (1, 2):
        seen: list[tuple[int, int, str]] = []

        def note(done: int, total: int, item: str, seen: list[tuple[int, int, str]] = seen,
                 ) -> None:
            seen.append((done, total, Path(item).name))

        with Library(tmp_path / f"{workers}.db") as library:
            reports.append(_summary(import_sources(library, [str(folder)], workers=workers,
                                                   progress=note)))
            stored.append(_stored(library))
        progress.append(seen)
    assert reports[0] == reports[1]
    assert stored[0] == stored[1]
    assert progress[0] == progress[1]
    statuses = [status for _, status, *_ in reports[1]]
    assert statuses == ["added", "added", "added", "unchanged", "failed", "failed"]
    assert [done for done, _, _ in progress[1]] == list(range(1, 7))
    errors = [error or "" for *_, error in reports[1]][-2:]
    assert "binary" in errors[0] and errors[1] == "no readable text"


def crash_on_marked(source: str) -> Prepared:
    """A worker's task that dies (as an out-of-memory kill would) on one source."""
    if CRASH in source:
        os._exit(1)
    return prepare(source)


def test_a_worker_that_dies_fails_only_its_source(tmp_path: Path) -> None:
    names = ["a.html", f"{CRASH}.html", "c.html", "d.html"]
    for name in names:
        (tmp_path / name).write_text(_page(name, "Words."), encoding="utf-8")
    results = list(prepared_in_order([str(tmp_path / name) for name in names], 2,
                                     task=crash_on_marked))
    assert [Path(r.source).name for r in results] == names
    assert [r.error is None for r in results] == [True, False, True, True]
    assert "stopped" in (results[1].error or "")
    assert [r.article.title for r in results if r.article is not None] == [
        "a.html", "c.html", "d.html"]


def crash_in_any_worker(source: str) -> Prepared:
    """A worker's task that can never run in a worker (as when none can be started)."""
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return prepare(source)


def test_where_no_worker_can_run_this_process_prepares_the_sources(tmp_path: Path) -> None:
    names = ["a.html", "b.html", "c.html"]
    for name in names:
        (tmp_path / name).write_text(_page(name, "Words."), encoding="utf-8")
    results = list(prepared_in_order([str(tmp_path / name) for name in names], 2,
                                     task=crash_in_any_worker))
    assert [(Path(r.source).name, r.error) for r in results] == [(n, None) for n in names]
