"""The article's original in the reader: ``O`` opens it, ``L`` copies its address, ``R``
fetches it again as a new revision (from a local HTTP server) and says how the highlights
landed; ``Y`` copies a passage as a Markdown quote with its source."""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsreader.domain.models import Article, Block
from newsreader.ingest.importing import import_one
from newsreader.storage import Library
from newsreader.tui.screens.reader import ReaderScreen

from .conftest import add_article, make_app, record_notices, wait_until

PAGES = {"/story": b"Harbour story\n\nThe council voted for the barrier on Friday.\n"}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    PAGES["/story"] = b"Harbour story\n\nThe council voted for the barrier on Friday.\n"


def saved_from_the_web(library: Library, server: str) -> int:
    result = import_one(library, f"{server}/story")
    assert result.article_id is not None
    return result.article_id


async def test_capital_r_fetches_a_changed_original_as_a_new_revision(
        library: Library, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    article = saved_from_the_web(library, server)
    text = library.articles.get(article).article.text
    start = text.index("voted for the barrier")
    library.annotations.add_highlight(article, start, start + len("voted for the barrier"))
    PAGES["/story"] = (b"Harbour story\n\nAfter a long debate, the council voted for the "
                       b"barrier on Friday.\n")
    app = make_app(library, article)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = app.screen
        assert isinstance(first, ReaderScreen)
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: app.screen is not first)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert "After a long debate" in reader.body.text  # the new revision is shown
        assert reader.stored.revision_id != first.stored.revision_id
        assert notices[-1] == ("Saved the changed original as a new revision. Highlights "
                               "placed again: 0 exact, 1 moved, 0 fuzzy, 0 orphaned.")
        [highlight] = library.annotations.highlights(article)
        assert reader.body.text[highlight.start:highlight.end] == "voted for the barrier"
        await pilot.press("R")  # unchanged now
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: notices[-1].startswith("The original has not changed"))
        assert app.screen is reader


async def test_capital_r_on_an_article_from_a_file_explains(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    article = add_article(library, Article(title="Local", blocks=(Block("paragraph", "Hi."),),
                                           url="https://example.org/local"), "local.txt")
    app = make_app(library, article)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        assert notices[-1].startswith("This article was saved from a file")


async def test_capital_o_opens_and_capital_l_copies_the_original(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    article = add_article(library, Article(title="Local", blocks=(Block("paragraph", "Hi."),),
                                           url="https://example.org/local"), "local.txt")
    app = make_app(library, article)
    opened: list[str] = []
    copied: list[str] = []

    def browser(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("O")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: bool(opened))
        assert opened == ["https://example.org/local"]
        await wait_until(pilot, lambda: notices[-1] == "Opened the original in the browser.")
        await pilot.press("L")
        assert copied == ["https://example.org/local"]


async def test_capital_o_without_a_web_address_says_so(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    article = add_article(library, Article(title="Local", blocks=(Block("paragraph", "Hi."),)),
                          "local.txt")
    app = make_app(library, article)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("O")
        assert notices[-1].startswith("This article has no web address")


async def test_capital_y_copies_a_highlight_or_the_selection_as_a_quote(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    article = add_article(library, Article(
        title="Tides [and] *walls*", site="Eastmere Courier", url="https://example.org/tides",
        blocks=(Block("paragraph", "# Not a heading. The wall held."),)), "tides.html")
    library.annotations.add_highlight(article, 0, len("# Not a heading."))
    app = make_app(library, article)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("Y")  # the cursor is on the highlight
        assert copied == ["> \\# Not a heading.\n>\n> \u2014 [Tides \\[and\\] *walls*]"
                          "(<https://example.org/tides>), Eastmere Courier\n"]
        await pilot.press("G", "v", "b", "b", "b", "Y")  # "wall held." selected
        assert copied[-1].startswith("> wall held.\n>\n")
