"""Shared fixtures: paths to the seed and samples, and a throwaway library."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seed"
SAMPLES_DIR = ROOT / "sample_articles"


@pytest.fixture
def seed_text() -> str:
    """The seed article, as copied from its web page."""
    return (SEED_DIR / "islamabad-warns-afghan-taliban.txt").read_text(encoding="utf-8")
