"""``newsreader fetch``: every feed's new entries, and the pending addresses, into the
library, fetched concurrently.

Network and cleaning run in a pool of threads (the HTTP client keeps at most a few
requests at once to one host); every write happens in the calling thread, on the
library's own connection, as each result comes in.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from typing import Literal
from urllib.parse import urlsplit

from newsreader.ingest.cleaning import CLEANER_VERSION
from newsreader.ingest.feeds.entries import prepare_entry
from newsreader.ingest.feeds.later import BACKOFF_SECONDS, fetch_later, keep_fetched
from newsreader.ingest.feeds.model import Entry, FeedError, ParsedFeed
from newsreader.ingest.feeds.parsing import parse_feed
from newsreader.ingest.http import Http, HttpError, Response
from newsreader.ingest.importing import ProgressCallback
from newsreader.ingest.preparing import Prepared, failure_message
from newsreader.storage import Library, Original
from newsreader.storage.feeds import Feed
from newsreader.storage.pending import PendingUrl

WORKERS = 16
MAX_FEED_BYTES = 10 * 1024 * 1024
FeedStatus = Literal["fetched", "not modified", "failed"]


@dataclass
class FeedResult:
    """How one feed's fetch went: new articles, entries that could not be read, or why
    the feed itself failed."""

    feed_id: int
    name: str
    status: FeedStatus = "fetched"
    added: int = 0
    error: str | None = None
    entry_errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PendingResult:
    """How fetching one pending address went."""

    url: str
    article_id: int | None = None
    error: str | None = None


@dataclass
class FetchReport:
    """What a fetch did, feed by feed and address by address."""

    feeds: list[FeedResult] = field(default_factory=list)
    pending: list[PendingResult] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether a feed or a pending address failed (an entry's page falling back to the
        feed's text is not a failure)."""
        return (any(result.status == "failed" for result in self.feeds)
                or any(result.error for result in self.pending))

    @property
    def added(self) -> int:
        """How many articles the feeds and the pending addresses added."""
        return (sum(result.added for result in self.feeds)
                + sum(1 for result in self.pending if result.article_id is not None))


@dataclass(frozen=True)
class _Fetched:
    response: Response
    parsed: ParsedFeed | None  # None when the server answered "not modified"


def fetch_feed_document(http: Http, feed: Feed) -> _Fetched:
    """GET a feed conditionally and parse it; HttpError or FeedError if it fails."""
    response = http.get(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                        max_bytes=MAX_FEED_BYTES)
    if response.not_modified:
        return _Fetched(response, None)
    return _Fetched(response, parse_feed(response.data, url=response.url,
                                         content_type=response.content_type,
                                         charset=response.charset))


class _Run:
    """One fetch: the futures in flight and what each feed still waits for."""

    def __init__(self, library: Library, http: Http, pool: ThreadPoolExecutor,
                 progress: ProgressCallback | None, total: int, retry_wait: float) -> None:
        self.library, self.http, self.pool = library, http, pool
        self.retry_wait = retry_wait
        self.progress, self.total, self.done = progress, total, 0
        self.report = FetchReport()
        self.futures: dict[Future[object], tuple[str, Callable[[Future[object]], None]]] = {}
        # Jobs wait here, by host, until the host has a free slot: handed to the pool
        # at once, the jobs of one site would hold every worker, each waiting its turn
        # for that host while other sites' work waited behind them.
        self.queued: dict[str, deque[tuple[Callable[[], object],
                                           Callable[[Future[object]], None]]]] = {}
        self.active: Counter[str] = Counter()
        self.waiting: dict[int, int] = {}
        self.fetched: dict[int, _Fetched] = {}
        # Entries are marked seen once per feed, in one transaction: a write per entry
        # would cost a commit each, and the writes are what a fetch waits on. An article
        # saved but not yet marked (the fetch stopped) is found "unchanged" next time.
        self.seen: dict[int, list[tuple[str, int | None]]] = {}

    def submit(self, url: str, job: Callable[[], object],
               then: Callable[[Future[object]], None]) -> None:
        """Run ``job`` in the pool when the URL's host has a free slot; then ``then``
        here, with its future."""
        host = (urlsplit(url).hostname or "").lower()
        self.queued.setdefault(host, deque()).append((job, then))
        self._start(host)

    def _start(self, host: str) -> None:
        queue = self.queued.get(host)
        while queue and self.active[host] < self.http.per_host:
            job, then = queue.popleft()
            self.active[host] += 1
            self.futures[self.pool.submit(job)] = (host, then)

    def run(self) -> None:
        """Hand each finished job to what comes next, until none is left."""
        while self.futures:
            finished, _ = wait(self.futures, return_when=FIRST_COMPLETED)
            for future in finished:
                host, then = self.futures.pop(future)
                self.active[host] -= 1
                then(future)
                self._start(host)

    def step(self, name: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, name)

    def add_feed(self, feed: Feed) -> None:
        result = FeedResult(feed.id, feed.name)
        self.report.feeds.append(result)
        seen = self.library.feeds.seen(feed.id)
        self.submit(feed.url, lambda: fetch_feed_document(self.http, feed),
                    lambda future: self._feed_fetched(feed, result, seen, future))

    def _feed_fetched(self, feed: Feed, result: FeedResult, seen: set[str],
                      future: Future[object]) -> None:
        error = future.exception()
        if error is not None:
            reason = str(error) if isinstance(error, HttpError | FeedError) else (
                f"could not read it ({type(error).__name__})")
            result.status, result.error = "failed", reason
            self.library.feeds.record_fetch(feed.id, f"failed: {reason}", failed=True)
            self.step(feed.name)
            return
        fetched = future.result()
        assert isinstance(fetched, _Fetched)
        if fetched.parsed is None:
            result.status = "not modified"
            self.library.feeds.record_fetch(feed.id, "not modified")
            self.step(feed.name)
            return
        parsed = fetched.parsed
        if parsed.title and not feed.title:
            result.name = parsed.title
        new: dict[str, Entry] = {}
        for entry in parsed.entries:
            if entry.key not in seen and entry.key not in new:
                new[entry.key] = entry
        self.fetched[feed.id] = fetched
        self.waiting[feed.id] = len(new)
        self.seen[feed.id] = []
        for entry in new.values():
            self.submit(entry.link or feed.url,
                        partial(prepare_entry, entry, self.http, feed_url=feed.url),
                        partial(self._entry_ready, feed, result, entry))
        if not new:
            self._feed_done(feed, result)

    def _entry_ready(self, feed: Feed, result: FeedResult, entry: Entry,
                     future: Future[object]) -> None:
        prepared = future.result()
        assert isinstance(prepared, Prepared)
        article_id, error = self._save(prepared)
        if article_id is None:
            result.entry_errors.append((prepared.source, error))
            if entry.link is None:
                # All there is of it is in the feed: trying again would fail again.
                self.seen[feed.id].append((entry.key, None))
        else:
            self.seen[feed.id].append((entry.key, article_id))
            result.added += 1
        self.waiting[feed.id] -= 1
        if self.waiting[feed.id] == 0:
            self._feed_done(feed, result)

    def _feed_done(self, feed: Feed, result: FeedResult) -> None:
        fetched = self.fetched.pop(feed.id)
        self.library.feeds.mark_seen(feed.id, self.seen.pop(feed.id))
        failed = len(result.entry_errors)
        summary = f"{result.added} new" + (f", {failed} unreadable" if failed else "")
        # With an entry left unread, the validators are not kept: the next fetch then gets
        # the whole feed again and tries that entry once more.
        response, parsed = fetched.response, fetched.parsed
        self.library.feeds.record_fetch(
            feed.id, summary, etag=None if failed else response.etag,
            last_modified=None if failed else response.last_modified,
            title=parsed.title if parsed else None, site_url=parsed.site_url if parsed else None)
        self.step(feed.name)

    def add_pending(self, item: PendingUrl) -> None:
        self.submit(item.url, partial(fetch_later, item, self.http, backoff=self.retry_wait),
                    lambda future: self._pending_ready(item, future))

    def _pending_ready(self, item: PendingUrl, future: Future[object]) -> None:
        prepared = future.result()
        assert isinstance(prepared, Prepared)
        article_id, error = self._save(prepared)
        if article_id is None:
            self.report.pending.append(PendingResult(item.url, error=error))
        else:
            keep_fetched(self.library, item, article_id)
            self.report.pending.append(PendingResult(item.url, article_id))
        self.step(item.url)

    def _save(self, prepared: Prepared) -> tuple[int | None, str]:
        """Save a prepared article: its id, or None and why it could not be."""
        raw, article = prepared.raw, prepared.article
        if raw is None or article is None:
            return None, prepared.error or "nothing to read"
        try:
            outcome = self.library.articles.add(
                article, Original(raw.data, raw.source, raw.source_kind, raw.kind),
                cleaner_version=CLEANER_VERSION)
        except Exception as error:  # one article that cannot be saved must not stop the rest
            return None, failure_message(error)
        return outcome.article_id, ""


def fetch(library: Library, feeds: Sequence[Feed], *, pending: Sequence[PendingUrl] = (),
          http: Http | None = None, workers: int = WORKERS,
          progress: ProgressCallback | None = None,
          retry_wait: float = BACKOFF_SECONDS) -> FetchReport:
    """Fetch the feeds' new entries and the pending addresses; one failure never stops the
    others. ``workers`` threads fetch and clean at once (1: one thing at a time); a pending
    address that may work later is tried again after ``retry_wait`` seconds, doubled each
    time."""
    own = http is None
    client = http if http is not None else Http()
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        run = _Run(library, client, pool, progress, len(feeds) + len(pending), retry_wait)
        for feed in feeds:
            run.add_feed(feed)
        for item in pending:
            run.add_pending(item)
        run.run()
        return run.report
    finally:
        # Interrupted (Ctrl-C), the jobs not started are dropped; those under way end.
        pool.shutdown(wait=True, cancel_futures=True)
        if own:
            client.close()
