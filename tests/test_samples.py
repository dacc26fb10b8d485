"""The samples ship in the package and fill a new library on its first launch."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.ingest.importing import import_sources
from newsreader.ingest.samples import SAMPLES_SETTING, offer_samples, sample_paths
from newsreader.storage import Library

from .conftest import SAMPLES_DIR, SEED_DIR, SHARED


def test_package_ships_every_sample_article() -> None:
    shipped = sorted(Path(p).name for p in sample_paths())
    in_repo = sorted(p.name for p in SAMPLES_DIR.iterdir() if p.is_file())
    assert shipped == in_repo
    assert "islamabad-warns-afghan-taliban.txt" in shipped
    assert (SAMPLES_DIR / "islamabad-warns-afghan-taliban.txt").read_bytes() == (
        SEED_DIR / "islamabad-warns-afghan-taliban.txt").read_bytes()


def test_the_seed_copies_match_the_shared_specification() -> None:
    shared = SHARED / "seed"
    if not shared.is_dir():
        pytest.skip("no ../shared/seed beside this clone to compare the copies with")
    names = sorted(p.name for p in shared.iterdir())
    assert names == sorted(p.name for p in SEED_DIR.iterdir())
    for name in names:
        assert (SEED_DIR / name).read_bytes() == (shared / name).read_bytes(), name


def test_samples_cover_what_the_product_needs() -> None:
    names = [Path(p).name for p in sample_paths()]
    assert sum(name.endswith(".html") for name in names) >= 3
    assert any(name.endswith(".md") for name in names)
    longest = max(len(Path(p).read_text(encoding="utf-8").split()) for p in sample_paths())
    assert longest >= 10_000
    assert any(any(0x400 <= ord(c) <= 0x4FF or 0x3040 <= ord(c) <= 0x30FF
                   for c in Path(p).read_text(encoding="utf-8")) for p in sample_paths())


def test_every_sample_imports(library: Library) -> None:
    report = import_sources(library, sample_paths())
    assert report.failures == []
    assert library.articles.count() == len(sample_paths())
    for result in report.results:
        stored = library.articles.get(result.article_id or 0)
        assert stored.article.title and len(stored.article.text.split()) > 200


def test_first_launch_offers_samples_once(library: Library) -> None:
    report = offer_samples(library)
    assert report is not None and report.failures == []
    assert library.articles.count() == len(sample_paths())
    for summary in library.articles.page():
        library.articles.delete(summary.id)
    assert offer_samples(library) is None  # the user emptied it: do not refill
    assert library.articles.is_empty()


def test_a_library_that_already_has_articles_gets_no_samples(library: Library) -> None:
    import_sources(library, [str(SEED_DIR / "islamabad-warns-afghan-taliban.txt")])
    assert offer_samples(library) is None
    assert library.articles.count() == 1
    assert library.settings.get(SAMPLES_SETTING) == "yes"
