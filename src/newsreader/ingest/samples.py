"""The sample articles that ship inside the package, offered to a new library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.storage import Library

if TYPE_CHECKING:
    from newsreader.ingest.importing import ImportReport

SAMPLES_SETTING = "samples_offered"


def sample_paths() -> list[str]:
    """The sample articles that ship inside the package."""
    from importlib import resources

    folder = resources.files("newsreader") / "samples"
    return sorted(str(Path(str(item))) for item in folder.iterdir() if item.is_file())


def offer_samples(library: Library) -> ImportReport | None:
    """Import the samples into a library the first time it is opened empty; else do nothing.

    Every start of the library asks, so the importer and the package's resources are
    loaded only when the samples are offered, not on each start.
    """
    if library.settings.get(SAMPLES_SETTING) is not None:
        return None
    from newsreader.ingest.importing import import_sources

    report = import_sources(library, sample_paths()) if library.articles.is_empty() else None
    library.settings.set(SAMPLES_SETTING, "yes")
    return report
