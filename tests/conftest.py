"""Shared fixtures: paths to the seed and samples, and a throwaway library."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# Verbatim copies of ../shared/seed (the article the product was specified with, and the
# exact result its cleaning must produce), so that a clone anywhere runs every test;
# test_samples.py checks them against ../shared/seed wherever that is beside the clone.
SEED_DIR = ROOT / "tests" / "data" / "seed"
SAMPLES_DIR = ROOT / "sample_articles"


@pytest.fixture(autouse=True)
def no_settings_file(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the settings file of whoever runs the tests (a test that wants one
    points NEWSREADER_CONFIG at its own)."""
    monkeypatch.setenv("NEWSREADER_CONFIG",
                       str(tmp_path_factory.getbasetemp() / "no-settings.toml"))


@pytest.fixture
def seed_text() -> str:
    """The seed article, as copied from its web page."""
    return (SEED_DIR / "islamabad-warns-afghan-taliban.txt").read_text(encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty library in a temporary file, closed after the test."""
    from newsreader.storage import Library

    lib = Library(tmp_path / "library.db")
    yield lib
    lib.close()
