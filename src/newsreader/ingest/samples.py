"""The sample articles that ship inside the package, offered to a new library."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from newsreader.ingest.importing import ImportReport, import_sources
from newsreader.storage import Library

SAMPLES_SETTING = "samples_offered"


def sample_paths() -> list[str]:
    """The sample articles that ship inside the package."""
    folder = resources.files("newsreader") / "samples"
    return sorted(str(Path(str(item))) for item in folder.iterdir() if item.is_file())


def offer_samples(library: Library) -> ImportReport | None:
    """Import the samples into a library the first time it is opened empty; else do nothing."""
    if library.settings.get(SAMPLES_SETTING) is not None:
        return None
    report = import_sources(library, sample_paths()) if library.articles.is_empty() else None
    library.settings.set(SAMPLES_SETTING, "yes")
    return report
