"""URL import against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsreader.ingest import sources
from newsreader.ingest.importing import import_sources
from newsreader.storage import Library

PAGE = b"Local headline\n\nA dek line\n\nBody text of the article, served locally.\n"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            self._send(200, PAGE, "text/plain; charset=utf-8")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"word " * 20000
            try:
                for _ in range(sources.MAX_SOURCE_BYTES // len(chunk) + 2):
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE, "text/plain")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hangs up on purpose in the size-cap test


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_import_and_reimport(library: Library, server: str) -> None:
    first = import_sources(library, [f"{server}/article"]).results[0]
    assert first.status == "added"
    stored = library.articles.get(first.article_id or 0)
    assert stored.source == f"{server}/article"
    assert stored.article.title == "Local headline"
    assert stored.article.site == "127.0.0.1"
    assert import_sources(library, [f"{server}/article"]).results[0].status == "unchanged"


def test_redirect_is_followed(library: Library, server: str) -> None:
    result = import_sources(library, [f"{server}/moved"]).results[0]
    assert result.status in ("added", "unchanged")


def test_redirect_to_file_scheme_is_refused(library: Library, server: str) -> None:
    result = import_sources(library, [f"{server}/to-file"]).results[0]
    assert result.status == "failed"
    assert library.articles.is_empty()


def test_http_error_is_named(library: Library, server: str) -> None:
    result = import_sources(library, [f"{server}/missing"]).results[0]
    assert result.status == "failed" and "404" in (result.error or "")


def test_size_cap(library: Library, server: str) -> None:
    result = import_sources(library, [f"{server}/huge"]).results[0]
    assert result.status == "failed" and "too large" in (result.error or "")


def test_timeout(library: Library, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "FETCH_TIMEOUT_SECONDS", 0.3)
    result = import_sources(library, [f"{server}/slow"]).results[0]
    assert result.status == "failed"
    assert library.articles.is_empty()
