"""Start the TUI: open the library, offer samples to a new one, run the app."""

from __future__ import annotations

from pathlib import Path

from newsreader.importing import import_one, offer_samples
from newsreader.storage import Library, LibraryError
from newsreader.storage.library import open_library


def resolve_source(library: Library, source: str) -> int:
    """The id of the article ``source`` names: a file (imported, or re-imported if changed),
    a URL (imported unless already saved) or an article id. LibraryError if it cannot be."""
    path = Path(source).expanduser()
    if not path.exists():
        if source.isdigit():
            return library.get(int(source)).id
        found = library.find_id(source)
        if found is not None:
            return found
    result = import_one(library, source)
    if result.article_id is None:
        raise LibraryError(f"cannot open {source}: {result.error or 'nothing was imported'}")
    return result.article_id


def launch(db_path: Path, open_source: str | None = None) -> int:
    """Run the app on the library at ``db_path``; returns the process exit status.

    With ``open_source`` the article it names is imported if new and opened in the reader;
    otherwise a library opened for the first time is offered the sample articles.
    """
    from newsreader.tui.app import NewsreaderApp

    library = open_library(db_path)
    try:
        article_id = None
        if open_source is not None:
            article_id = resolve_source(library, open_source)
        else:
            offer_samples(library)
        app = NewsreaderApp(library, open_article_id=article_id)
        app.run()
        return app.return_code or 0
    finally:
        library.close()
