"""Start the TUI: open the library, offer samples to a new one, run the app."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from newsreader.forked import ChildFailed, ForkedCall
from newsreader.storage import Library, LibraryError
from newsreader.storage.library import open_library

# Textual writes each frame from a thread of its own, which needs the GIL to do it. With
# Python's default switch interval (5 ms) a frame waits up to 5 ms for it whenever the app
# is busy, as it is right after the first frame (the side panels are being mounted): the
# first frame reached the terminal ~6 ms after it was ready. With 0.5 ms it takes ~1.5 ms.
FRAME_SWITCH_INTERVAL = 0.0005


def resolve_source(library: Library, source: str) -> int:
    """The id of the article ``source`` names: a file (imported, or re-imported if changed),
    a URL (imported unless already saved) or an article id. LibraryError if it cannot be."""
    from newsreader.ingest.importing import import_one

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
    article_id = None if open_source is None else _import_while_loading(db_path, open_source)
    from newsreader.tui.app import NewsreaderApp

    library = open_library(db_path)
    try:
        if open_source is None:
            from newsreader.ingest.importing import offer_samples

            offer_samples(library)
        app = NewsreaderApp(library, open_article_id=article_id)
        sys.setswitchinterval(FRAME_SWITCH_INTERVAL)
        app.run()
        return app.return_code or 0
    finally:
        library.close()


def _import_while_loading(db_path: Path, source: str) -> int:
    """The id of the article ``source`` names, imported and cleaned in a child process while
    this one loads the TUI (each takes about as long as the other); this process opens the
    library only afterwards.

    A child that died without an answer (a crash in a parser on a hostile file, say) is
    reported, not retried here, where it would take the app down with it.
    """
    opening = ForkedCall(partial(_import_for_reader, db_path, source))
    # Meanwhile: the TUI, and the reader (the first screen), are loaded here.
    import newsreader.tui.app
    import newsreader.tui.screens.reader  # noqa: F401

    try:
        return opening.result()
    except ChildFailed as error:
        raise LibraryError(f"cannot open {source}: the import stopped unexpectedly; {error}") \
            from None


def _import_for_reader(db_path: Path, source: str) -> int:
    """In the child process: the id of the article ``source`` names, imported if need be."""
    library = open_library(db_path)
    try:
        return resolve_source(library, source)
    finally:
        library.close()
