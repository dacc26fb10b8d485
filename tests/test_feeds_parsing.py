"""Feed documents -> entries, without a server: RSS 0.91, JSON Feed details, discovery."""

from __future__ import annotations

import json

import pytest

from newsreader.ingest.feeds.discovery import discover
from newsreader.ingest.feeds.entries import holds_full_text
from newsreader.ingest.feeds.model import Entry, FeedError
from newsreader.ingest.feeds.parsing import parse_feed


def test_rss_091() -> None:
    document = (b'<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>'
                b"<link>http://old.example/</link><description>d</description><item>"
                b"<title>First</title><link>http://old.example/1</link>"
                b"<description>One</description></item></channel></rss>")
    parsed = parse_feed(document, url="http://old.example/rss")
    assert parsed.format.startswith("rss09")
    assert [(e.key, e.link, e.title) for e in parsed.entries] == [
        ("http://old.example/1", "http://old.example/1", "First")]


def test_json_feed_text_is_escaped_and_numeric_ids_kept() -> None:
    document = json.dumps({"version": "https://jsonfeed.org/version/1", "title": "J",
                           "items": [{"id": 7, "content_text": "a <b>\n\nsecond",
                                      "external_url": "https://e.example/x"},
                                     {"title": "no id and no address"}]}).encode()
    parsed = parse_feed(document, url="https://e.example/feed.json")
    assert len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert (entry.key, entry.link) == ("7", "https://e.example/x")
    assert entry.content == "<p>a &lt;b&gt;</p><p>second</p>"


def test_a_json_document_that_is_no_feed_is_refused() -> None:
    with pytest.raises(FeedError, match="no list of items"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1"}', url="https://e/",
                   content_type="application/feed+json")


def test_full_text_is_chosen_by_evidence() -> None:
    long = "<p>" + "word " * 300 + "</p>"
    assert holds_full_text(Entry("k", content=long, summary="<p>short</p>"))
    assert not holds_full_text(Entry("k", content="<p>short teaser</p>"))
    assert not holds_full_text(Entry("k", content=long, summary=long + long))


def test_discovery_resolves_relative_addresses_and_ignores_other_links() -> None:
    page = (b'<html><head><link rel="stylesheet" href="/s.css">'
            b'<link rel="alternate" type="application/atom+xml" href="atom.xml">'
            b'<link rel="alternate" type="application/feed+json" href="//cdn.example/f.json">'
            b'<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
            b"</head></html>")
    assert discover(page, "https://blog.example/posts/") == [
        "https://blog.example/posts/atom.xml", "https://cdn.example/f.json"]
