"""A real HTTP server on 127.0.0.1 for the feed tests: Atom, RSS 2.0, RSS 1.0 and JSON
Feed documents, article pages, a malformed feed, a huge one, a redirect loop, answers of
304 to conditional requests, gzip bodies and an address that fails before it works."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

PARAGRAPH = ("The harbour council met on Tuesday evening to weigh the tidal barrier plan, "
             "which engineers say would protect the old town from the spring floods. ")
LONG_TEXT = PARAGRAPH * 12  # well over the full-text threshold
CYRILLIC = "Городской совет утвердил реконструкцию набережной. " * 8


def page(title: str, text: str) -> str:
    """An article page with a title and a few paragraphs."""
    paragraphs = "".join(f"<p>{escape(text)} ({n})</p>" for n in range(3))
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
            f"<article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>")


def atom(base: str) -> str:
    """An Atom feed whose entries hold their full text."""
    entries = "".join(
        f"<entry><id>urn:atom:{n}</id><title>Atom story {n}</title>"
        f'<link href="{base}/atom/{n}.html"/><updated>2026-11-0{n}T10:00:00Z</updated>'
        f'<summary>Short {n}</summary><content type="html">{escape(f"<p>{LONG_TEXT}</p>")}'
        "</content></entry>" for n in (1, 2))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Atom &amp; Tide</title><link href="{base}/"/><id>urn:atom</id>'
            f"<updated>2026-11-02T10:00:00Z</updated>{entries}</feed>")


def rss2(base: str, count: int = 2, prefix: str = "rss2") -> str:
    """An RSS 2.0 feed with summaries only: each entry's page must be fetched."""
    items = "".join(
        f"<item><title>RSS story {n}</title><link>{base}/{prefix}/{n}.html</link>"
        f"<guid>{prefix}-{n}</guid><description>Teaser {n}</description>"
        "<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>" for n in range(1, count + 1))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>RSS Two</title>'
            f"<link>{base}/</link><description>d</description>{items}</channel></rss>")


def rss1(base: str) -> str:
    """An RSS 1.0 (RDF) feed."""
    return ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
            'syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
            f'<channel rdf:about="{base}/"><title>RSS One</title><link>{base}/</link>'
            "<description>d</description></channel>"
            f'<item rdf:about="{base}/rss1/1.html"><title>RDF story</title>'
            f"<link>{base}/rss1/1.html</link><description>Teaser</description></item>"
            "</rdf:RDF>")


def json_feed(base: str) -> str:
    """A JSON Feed 1.1 with a full-text item (plain text) and a summary-only one."""
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON Tide",
        "home_page_url": f"{base}/",
        "items": [
            {"id": 1, "url": f"{base}/json/1.html", "title": "JSON story one",
             "content_text": LONG_TEXT, "date_published": "2026-11-03T10:00:00Z",
             "authors": [{"name": "A. Writer"}]},
            {"id": "two", "url": f"{base}/json/2.html", "title": "JSON story two",
             "summary": "Teaser"},
        ]})


@dataclass
class Server:
    """The running server: its base URL, the requests it saw, and knobs for tests."""

    base: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    failures_left: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0
    most_in_flight: int = 0
    """The most /slow/ pages served at once."""

    def paths(self) -> list[str]:
        """The paths requested so far."""
        with self.lock:
            return [path for path, _ in self.requests]


def _handler(state: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with state.lock:
                state.requests.append((self.path, dict(self.headers.items())))
            base = state.base
            path = self.path
            if path == "/atom.xml":
                self._send(atom(base), "application/atom+xml")
            elif path == "/rss2.xml":
                self._send(rss2(base), "application/rss+xml; charset=utf-8")
            elif path == "/rss1.xml":
                self._send(rss1(base), "application/rdf+xml")
            elif path == "/feed.json":
                self._send(json_feed(base), "application/feed+json")
            elif path == "/gzip.xml":
                body = gzip.compress(rss2(base, prefix="gz").encode())
                self._send_bytes(body, "application/rss+xml", {"Content-Encoding": "gzip"})
            elif path == "/etag.xml":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.send_header("ETag", '"v1"')
                    self.end_headers()
                else:
                    self._send(rss2(base, prefix="etag"), "application/rss+xml",
                               {"ETag": '"v1"', "Last-Modified": "Mon, 02 Nov 2026 10:00:00 GMT"})
            elif path == "/slow.xml":
                self._send(rss2(base, count=8, prefix="slow"), "application/rss+xml")
            elif path.startswith("/slow/"):
                with state.lock:
                    state.in_flight += 1
                    state.most_in_flight = max(state.most_in_flight, state.in_flight)
                time.sleep(0.05)  # long enough for the fetcher to overlap requests
                with state.lock:
                    state.in_flight -= 1
                self._send(page(f"Slow {path}", PARAGRAPH), "text/html")
            elif path == "/drip.xml":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.05)
                except OSError:
                    pass  # the client gives up
            elif path == "/title-only.xml":
                self._send('<?xml version="1.0"?><rss version="2.0"><channel><title>Bare'
                           '</title><item><title>Only a title</title><guid isPermaLink="false">'
                           "bare-1</guid></item></channel></rss>", "application/rss+xml")
            elif path == "/broken.xml":
                self._send("this is \x00 not <<< a feed at all", "text/plain")
            elif path == "/huge.xml":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                try:
                    self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
                    chunk = b"<!-- padding -->" * 4096
                    for _ in range(11 * 1024 * 1024 // len(chunk) + 2):
                        self.wfile.write(chunk)
                except OSError:
                    pass  # the client hangs up at its size cap
            elif path in ("/loop", "/loop2"):
                self._redirect("/loop2" if path == "/loop" else "/loop")
            elif path == "/to-file":
                self._redirect("file:///etc/passwd")
            elif path == "/page.html":
                self._send('<html><head><title>Blog</title><link rel="alternate" '
                           'type="application/atom+xml" href="/atom.xml"></head>'
                           "<body><p>A blog.</p></body></html>", "text/html")
            elif path == "/cyrillic.html":
                body = page("Набережная", CYRILLIC).encode("cp1251")
                self._send_bytes(body, "text/html; charset=windows-1251")
            elif path.startswith("/flaky"):
                with state.lock:
                    left = state.failures_left.get(path, 0)
                    state.failures_left[path] = left - 1
                if left > 0:
                    self._send("busy", "text/plain", code=503)
                else:
                    self._send(page("Flaky but fine", PARAGRAPH), "text/html")
            elif path.endswith(".html") and not path.startswith("/missing"):
                self._send(page(f"Page {path}", PARAGRAPH + path), "text/html")
            else:
                self._send("not here", "text/plain", code=404)

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, text: str, content_type: str, headers: dict[str, str] | None = None,
                  code: int = 200) -> None:
            self._send_bytes(text.encode("utf-8"), content_type, headers, code)

        def _send_bytes(self, body: bytes, content_type: str,
                        headers: dict[str, str] | None = None, code: int = 200) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hangs up on purpose at a size cap


@contextmanager
def serving() -> Iterator[Server]:
    """Run the server on a free port of 127.0.0.1 for the length of the block."""
    state = Server()
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
