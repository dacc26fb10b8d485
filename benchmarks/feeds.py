"""`newsreader fetch` concurrency: 100 feeds of 50 entries each, against one thing at a time.

A local HTTP server, in a process of its own, answers every request after a simulated
network latency (50 ms by default). The feeds are spread over 20 loopback addresses
(127.0.0.1 to 127.0.0.20, five feeds each) so that the fetcher's politeness limit (two
requests at once per host) holds as it would on the web, where feeds live on different
sites. Each entry has only a summary, so its page is fetched and cleaned too: 100 feed
requests and 5,000 page requests per run.

Both runs go through the same function, ``newsreader.ingest.feeds.fetching.fetch``, into
a fresh library each: the baseline with one worker (sequential), then with the default
worker pool. The speed-up is the baseline's time over the concurrent one's.

    .venv/bin/python benchmarks/feeds.py [--feeds 100] [--entries 50] [--latency 0.05]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsreader.ingest.feeds.fetching import WORKERS, fetch
from newsreader.storage import Library

HOSTS = 20
PARAGRAPH = ("The harbour council met on Tuesday evening to weigh the tidal barrier plan, "
             "which engineers say would protect the old town from the spring floods. ")


def _feed(base: str, feed: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {feed}-{n}</title><link>{base}/page/{feed}/{n}.html</link>"
        f"<guid>{feed}-{n}</guid><description>Teaser {n}</description></item>"
        for n in range(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
            f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
            ).encode()


def _page(path: str) -> bytes:
    paragraphs = "".join(f"<p>{PARAGRAPH} {path} ({n})</p>" for n in range(4))
    return (f"<!doctype html><html><head><title>Page {path}</title></head><body><article>"
            f"<h1>Page {path}</h1>{paragraphs}</article></body></html>").encode()


def _handler(entries: int, latency: float) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(latency)
            base = f"http://{self.headers['Host']}"
            if self.path.startswith("/feed/"):
                body = _feed(base, int(self.path.split("/")[2]), entries)
                kind = "application/rss+xml"
            else:
                body, kind = _page(self.path), "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def serve(entries: int, latency: float) -> None:
    """One server per loopback address, printing their base URLs as a JSON line, until
    standard input closes."""
    running = []
    for host in range(1, HOSTS + 1):
        httpd = _Server((f"127.0.0.{host}", 0), _handler(entries, latency))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        running.append(httpd)
    print(json.dumps([f"http://127.0.0.{n + 1}:{httpd.server_address[1]}"
                      for n, httpd in enumerate(running)]), flush=True)
    sys.stdin.read()


@contextmanager
def servers(entries: int, latency: float) -> Iterator[list[str]]:
    """The servers in a process of their own (as on the web, where their work is not the
    fetcher's), for the length of the block; their base URLs."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(entries), str(latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield json.loads(process.stdout.readline())
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)


def run(bases: list[str], feeds: int, workers: int, folder: Path) -> tuple[float, int]:
    """Fetch every feed into a fresh library: seconds taken and articles added."""
    with Library(folder / f"library-{workers}.db") as library:
        for feed in range(feeds):
            library.feeds.add(f"{bases[feed % len(bases)]}/feed/{feed}")
        started = time.perf_counter()
        report = fetch(library, library.feeds.all(), workers=workers)
        elapsed = time.perf_counter() - started
        if report.failed:
            raise SystemExit(f"a fetch failed: {report.feeds}")
        return elapsed, report.added


def main() -> None:
    """Run the baseline and the concurrent fetch, and print both and the speed-up."""
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]), float(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args()
    requests = args.feeds * (args.entries + 1)
    print(f"{args.feeds} feeds x {args.entries} entries ({requests} requests, "
          f"{args.latency * 1000:.0f} ms latency each), {HOSTS} hosts; load average "
          f"{os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder, servers(args.entries, args.latency) as bases:
        sequential, added = run(bases, args.feeds, 1, Path(folder))
        print(f"sequential (1 worker):     {sequential:7.2f} s  {added} articles")
        concurrent, added = run(bases, args.feeds, args.workers, Path(folder))
        print(f"concurrent ({args.workers} workers):  {concurrent:7.2f} s  {added} articles")
    print(f"speed-up: {sequential / concurrent:.1f}x; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
