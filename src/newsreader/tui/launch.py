"""Start the TUI: open the library, offer samples to a new one, run the app."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from newsreader.storage import open_library


def launch(db_path: Path, open_source: str | None = None, *,
           open_highlight: str | None = None,
           on_upgrade: Callable[[], None] | None = None) -> int:
    """Run the app on the library at ``db_path``; returns the process exit status.

    With ``open_source`` the app imports the article it names if it is new and opens it
    in the reader (LibraryError if it cannot), at the highlight an export calls
    ``open_highlight`` if given; otherwise a library opened for the first time is offered
    the samples.
    """
    # Start-up makes tens of thousands of objects that live as long as the app (modules,
    # classes, styles); a collection during it walks them all and finds next to no garbage.
    # So collection waits until the app is built, and what exists by then is frozen:
    # later collections leave it out. (This is the only place that pauses collection.)
    gc.disable()
    try:
        with open_library(db_path, on_upgrade=on_upgrade) as library:
            if open_source is None:
                from newsreader.ingest.samples import offer_samples

                offer_samples(library)
            from newsreader.storage.config import load_config
            from newsreader.tui.app import NewsreaderApp

            app = NewsreaderApp(library, open_source=open_source,
                                open_highlight=open_highlight, settings=load_config())
            gc.freeze()
            gc.enable()
            app.run()
    finally:
        gc.enable()
    if app.open_error is not None:
        raise app.open_error
    return app.return_code or 0
