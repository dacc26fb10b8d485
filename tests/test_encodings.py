"""The charset a server sends reaches decoding (a local HTTP server on 127.0.0.1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsreader.ingest import sources
from newsreader.ingest.importing import import_sources
from newsreader.storage import Library

TITLE = "Морской порт"
BODY = ("Правительство объявило о новых мерах поддержки малого бизнеса. Эксперты считают,"
        " что это поможет экономике страны в ближайшие годы.")
# The page says cp1252, wrongly; the server's header is right, and wins, as in a browser.
PAGE = (f'<html><head><meta charset="windows-1252"><title>{TITLE}</title></head><body>'
        f"<article><h1>{TITLE}</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGE.encode("koi8-r")
        self.send_response(200)
        content_type = "text/html" if self.path == "/bare" else "text/html; charset=KOI8-R"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_the_content_type_charset_is_kept_with_the_bytes(server: str) -> None:
    assert sources.read(f"{server}/page").charset == "koi8-r"
    assert sources.read(f"{server}/bare").charset is None


def test_a_page_is_decoded_with_the_charset_its_server_sent(library: Library,
                                                            server: str) -> None:
    result = import_sources(library, [f"{server}/page"]).results[0]
    assert result.status == "added", result.error
    article = library.articles.get(result.article_id or 0).article
    assert article.title == TITLE
    assert BODY in article.text
