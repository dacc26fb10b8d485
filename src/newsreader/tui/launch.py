"""Start the TUI: open the library, offer samples to a new one, run the app."""

from __future__ import annotations

from pathlib import Path

from newsreader.importing import offer_samples
from newsreader.storage.library import open_library


def launch(db_path: Path) -> int:
    """Run the app on the library at ``db_path``; returns the process exit status."""
    from newsreader.tui.app import NewsreaderApp

    library = open_library(db_path)
    try:
        offer_samples(library)
        app = NewsreaderApp(library)
        app.run()
        return app.return_code or 0
    finally:
        library.close()
