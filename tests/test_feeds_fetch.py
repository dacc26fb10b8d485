"""`fetch` against a real HTTP server on 127.0.0.1: every feed format, deduplication across
fetches, full text chosen by evidence, conditional GET, gzip, and feeds that fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsreader.ingest.feeds.fetching import FetchReport, fetch
from newsreader.storage import Library
from newsreader.storage.pending import PendingUrl

from .feed_server import CYRILLIC, Server, serving


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serving() as state:
        yield state


def _follow(library: Library, server: Server, *paths: str) -> FetchReport:
    for path in paths:
        library.feeds.add(server.base + path)
    return fetch(library, library.feeds.all())


def _titles(library: Library) -> set[str]:
    return {library.articles.get(i).article.title for i in library.articles.ids()}


@pytest.mark.parametrize(("path", "titles"), [
    ("/atom.xml", {"Atom story 1", "Atom story 2"}),
    ("/rss2.xml", {"Page /rss2/1.html", "Page /rss2/2.html"}),
    ("/rss1.xml", {"Page /rss1/1.html"}),
    ("/feed.json", {"JSON story one", "Page /json/2.html"}),
])
def test_each_format_becomes_unread_articles_of_its_feed(
        library: Library, server: Server, path: str, titles: set[str]) -> None:
    report = _follow(library, server, path)
    assert not report.failed
    assert _titles(library) == titles
    feed = library.feeds.all()[0]
    assert feed.unread == len(titles)
    assert set(library.feeds.article_ids(feed.id)) == set(library.articles.ids())
    assert all(not library.articles.get(i).read for i in library.articles.ids())


def test_a_second_fetch_adds_nothing_twice(library: Library, server: Server) -> None:
    first = _follow(library, server, "/rss2.xml", "/feed.json")
    again = fetch(library, library.feeds.all())
    assert first.added == 4
    assert again.added == 0 and not again.failed
    assert len(library.articles.ids()) == 4


def test_full_text_in_the_feed_is_used_and_summaries_fetch_the_page(
        library: Library, server: Server) -> None:
    before = len(server.paths())
    _follow(library, server, "/atom.xml", "/feed.json")
    requested = server.paths()[before:]
    assert "/atom/1.html" not in requested and "/json/1.html" not in requested
    assert "/json/2.html" in requested  # a summary only: the page is the article
    texts = {library.articles.get(i).article.title: library.articles.get(i).article.text
             for i in library.articles.ids()}
    assert "tidal barrier plan" in texts["Atom story 1"]
    assert "/json/2.html" in texts["Page /json/2.html"]
    one = library.articles.get(library.articles.find_id(f"{server.base}/json/1.html") or 0)
    assert one.article.byline == "A. Writer"
    assert one.article.published == "2026-11-03T10:00:00Z"


def test_conditional_get_with_etag_answers_not_modified(
        library: Library, server: Server) -> None:
    first = _follow(library, server, "/etag.xml")
    assert first.feeds[0].added == 2
    second = fetch(library, library.feeds.all())
    assert second.feeds[0].status == "not modified"
    sent = [headers for path, headers in server.requests if path == "/etag.xml"][-1]
    assert sent.get("If-None-Match") == '"v1"'
    assert sent.get("If-Modified-Since") == "Mon, 02 Nov 2026 10:00:00 GMT"
    assert library.feeds.all()[0].last_result == "not modified"


def test_gzip_bodies_are_read(library: Library, server: Server) -> None:
    report = _follow(library, server, "/gzip.xml")
    assert report.feeds[0].added == 2


@pytest.mark.parametrize(("path", "reason"), [
    ("/broken.xml", "not a feed"),
    ("/huge.xml", "too large"),
    ("/loop", "too many redirects"),
    ("/to-file", "non-http(s)"),
    ("/missing.xml", "404"),
])
def test_a_broken_feed_is_named_and_the_others_still_fetched(
        library: Library, server: Server, path: str, reason: str) -> None:
    report = _follow(library, server, path, "/rss1.xml")
    assert report.failed
    failed = [result for result in report.feeds if result.status == "failed"]
    assert len(failed) == 1 and reason in (failed[0].error or "")
    assert _titles(library) == {"Page /rss1/1.html"}
    broken = library.feeds.find(server.base + path)
    assert broken is not None and broken.failed and reason in (broken.last_result or "")


def test_the_response_charset_reaches_decoding(library: Library, server: Server) -> None:
    library.pending.add(PendingUrl(key="cyr", url=f"{server.base}/cyrillic.html",
                                   origin="test"))
    report = fetch(library, [], pending=library.pending.all())
    assert not report.failed
    text = library.articles.get(report.pending[0].article_id or 0).article.text
    assert CYRILLIC.split(".")[0] in text


def test_pending_addresses_are_fetched_with_retries(library: Library, server: Server) -> None:
    server.failures_left["/flaky/a.html"] = 2
    library.pending.add_many([
        PendingUrl(key="a", url=f"{server.base}/flaky/a.html", origin="pocket",
                   title="Kept title", tags=("later", "harbour"), favourite=True,
                   note="Read before the vote"),
        PendingUrl(key="b", url=f"{server.base}/missing/b.html", origin="pocket"),
    ])
    report = fetch(library, [], pending=library.pending.all(), retry_wait=0.01)
    assert report.failed
    by_url = {result.url: result for result in report.pending}
    fetched = by_url[f"{server.base}/flaky/a.html"]
    assert fetched.article_id is not None and fetched.error is None
    assert "404" in (by_url[f"{server.base}/missing/b.html"].error or "")
    assert sorted(library.tags.of(fetched.article_id)) == ["harbour", "later"]
    assert library.articles.summary(fetched.article_id).favourite
    assert [note.body for note in library.annotations.article_notes(fetched.article_id)] == [
        "Read before the vote"]
    assert [item.key for item in library.pending.all()] == ["b"]


def test_removing_a_feed_keeps_its_articles(library: Library, server: Server) -> None:
    _follow(library, server, "/rss1.xml")
    feed = library.feeds.all()[0]
    library.feeds.remove(feed.id)
    assert library.feeds.all() == []
    assert _titles(library) == {"Page /rss1/1.html"}


def test_a_deleted_article_does_not_come_back(library: Library, server: Server) -> None:
    _follow(library, server, "/rss1.xml")
    library.articles.delete(library.articles.ids()[0])
    assert fetch(library, library.feeds.all()).added == 0
    assert library.articles.ids() == []


def test_search_filters_by_feed(library: Library, server: Server) -> None:
    from newsreader.domain.search_query import parse

    _follow(library, server, "/rss1.xml", "/feed.json")

    def titles(query: str) -> set[str]:
        return {hit.article.title for hit in library.search.run(parse(query))}

    assert titles('feed:"RSS One"') == {"Page /rss1/1.html"}
    assert titles("feed:json") == {"JSON story one", "Page /json/2.html"}
    assert titles("feed:json writer") == {"JSON story one"}  # its byline
    assert titles("feed:nothing") == set()



def test_an_entry_with_nothing_to_read_is_reported_once(library: Library,
                                                        server: Server) -> None:
    first = _follow(library, server, "/title-only.xml")
    again = fetch(library, library.feeds.all())
    assert [reason for _, reason in first.feeds[0].entry_errors] == ["no readable text"]
    assert first.feeds[0].status == "fetched" and not first.failed
    assert again.feeds[0].entry_errors == [] and again.added == 0


def test_at_most_two_requests_at_once_to_one_host(library: Library, server: Server) -> None:
    report = _follow(library, server, "/slow.xml")
    assert report.added == 8
    assert server.most_in_flight == 2  # concurrent, and polite


def test_a_server_that_drips_its_answer_is_given_up(library: Library, server: Server) -> None:
    from newsreader.ingest.http import Http

    library.feeds.add(f"{server.base}/drip.xml")
    with Http(timeout=0.2) as http:
        report = fetch(library, library.feeds.all(), http=http)
    assert report.feeds[0].error == "the answer is taking too long to arrive"
