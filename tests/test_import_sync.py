"""A batch of imports commits without syncing each article to the disk; every other write,
and the library after the batch, syncs each commit (storage rules in ARCHITECTURE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.ingest.importing import import_sources
from newsreader.storage import Library

NORMAL, FULL = 1, 2
STORY = ("Tides\n\nThe tide turns twice a day along the whole coast, and the harbour "
         "master writes the times on a slate by the quay.\n")


def _synchronous(library: Library) -> int:
    return int(library.db.execute("PRAGMA synchronous").fetchone()[0])


def _files(tmp_path: Path) -> list[str]:
    paths = []
    for number in range(3):
        path = tmp_path / f"story-{number}.txt"
        path.write_text(STORY.replace("Tides", f"Tides {number}"), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_an_import_batch_does_not_sync_each_commit(library: Library, tmp_path: Path) -> None:
    assert _synchronous(library) == FULL
    during: list[int] = []
    report = import_sources(library, _files(tmp_path),
                            progress=lambda *_: during.append(_synchronous(library)))
    assert [result.status for result in report.results] == ["added"] * 3
    assert during == [NORMAL] * 3
    assert _synchronous(library) == FULL
    # what the batch saved is committed: another connection reads it
    with library.reopen() as other:
        assert len(other.articles.ids()) == 3


def test_a_batch_that_stops_part_way_leaves_commits_synced(library: Library,
                                                            tmp_path: Path) -> None:
    def interrupt(done: int, total: int, source: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_sources(library, _files(tmp_path), progress=interrupt)
    assert _synchronous(library) == FULL
    assert len(library.articles.ids()) == 1
