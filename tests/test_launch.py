"""Starting the TUI: the library opened, samples offered or the source handed to the app."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.ingest.importing import resolve_source
from newsreader.ingest.samples import sample_paths
from newsreader.storage import Library, LibraryError
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.launch import launch

from .conftest import SEED_DIR

SEED = SEED_DIR / "islamabad-warns-afghan-taliban.txt"


class Run:
    """What an app saw when it was run (in place of running it)."""

    def __init__(self, app: NewsreaderApp) -> None:
        self.app = app
        self.collecting = gc.isenabled()
        self.frozen = gc.get_freeze_count()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Run]]:
    """Apps launched, recorded instead of run; garbage collection as before, after."""
    seen: list[Run] = []
    monkeypatch.setattr(NewsreaderApp, "run", lambda self: seen.append(Run(self)))
    try:
        yield seen
    finally:
        gc.unfreeze()
        gc.enable()


def test_resolve_source_imports_a_new_file_once(library: Library) -> None:
    first = resolve_source(library, str(SEED))
    assert resolve_source(library, str(SEED)) == first
    assert resolve_source(library, str(first)) == first
    assert library.articles.count() == 1
    with pytest.raises(LibraryError, match="cannot open"):
        resolve_source(library, "/no/such/file.txt")
    with pytest.raises(LibraryError):
        resolve_source(library, "999")


def test_a_new_library_is_offered_the_samples_once(tmp_path: Path, runs: list[Run]) -> None:
    db = tmp_path / "library.db"
    assert launch(db) == 0
    with Library(db) as library:
        assert library.articles.count() == len(sample_paths())
        for article_id in library.articles.ids():
            library.articles.delete(article_id)
    assert launch(db) == 0
    with Library(db) as library:
        assert library.articles.count() == 0
    assert len(runs) == 2


def test_a_source_is_handed_to_the_app_and_no_samples_are_offered(
        tmp_path: Path, runs: list[Run]) -> None:
    db = tmp_path / "library.db"
    assert launch(db, open_source=str(SEED)) == 0
    [run] = runs
    assert run.app.open_source == str(SEED)
    with Library(db) as library:
        assert library.articles.count() == 0  # the app imports the source, in a worker


def test_a_source_the_app_could_not_open_is_an_error_for_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def run(self: NewsreaderApp) -> None:
        self.open_error = LibraryError("cannot open missing.html: no such file")

    monkeypatch.setattr(NewsreaderApp, "run", run)
    with pytest.raises(LibraryError, match=r"cannot open missing\.html"):
        launch(tmp_path / "library.db", open_source="missing.html")


def test_collection_is_paused_for_start_up_and_resumes_before_the_app_runs(
        tmp_path: Path, runs: list[Run]) -> None:
    before = gc.get_freeze_count()
    assert launch(tmp_path / "library.db") == 0
    [run] = runs
    # What start-up made is frozen: later collections leave it out.
    assert run.collecting and run.frozen > before
    assert gc.isenabled()


def test_collection_resumes_when_start_up_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    with pytest.raises(LibraryError):
        launch(bad)
    assert gc.isenabled()
