"""Start the TUI: open the library, offer samples to a new one, run the app."""

from __future__ import annotations

import gc
from pathlib import Path

from newsreader.storage import open_library


def launch(db_path: Path, open_source: str | None = None) -> int:
    """Run the app on the library at ``db_path``; returns the process exit status.

    With ``open_source`` the app imports the article it names if it is new and opens it
    in the reader; otherwise a library opened for the first time is offered the samples.
    """
    # Start-up makes a few hundred thousand objects that live as long as the app (modules,
    # classes, styles); collections during it would walk them all and find next to no
    # garbage. So collection waits until the app is built, and what exists by then is
    # frozen: later collections leave it out.
    gc.disable()
    try:
        with open_library(db_path) as library:
            if open_source is None:
                from newsreader.ingest.importing import offer_samples

                offer_samples(library)
                article_id = None
            else:
                from newsreader.ingest.importing import resolve_source

                article_id = resolve_source(library, open_source)
            from newsreader.tui.app import NewsreaderApp

            app = NewsreaderApp(library, open_article_id=article_id)
            gc.freeze()
            gc.enable()
            app.run()
            return app.return_code or 0
    finally:
        gc.enable()
