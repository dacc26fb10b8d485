"""Opening an address in the browser, and knowing whether a browser could be started."""

from __future__ import annotations

import webbrowser

from textual.app import App


def open_in_browser(app: App[object], url: str) -> bool:
    """Open ``url`` in the browser; False if no browser could be started.

    Served to a web browser (textual-serve), the page opens it, so that always works; in a
    terminal, the standard library tries the browsers it knows of. It may wait for the
    browser to start: call this from a worker thread.
    """
    if app.is_web:
        app.open_url(url)
        return True
    return webbrowser.open(url)
