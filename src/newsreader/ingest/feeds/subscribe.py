"""An address given to ``feeds add`` (or ``a`` in the feeds view) -> the feed to follow:
the address itself when it is a feed, else the first feed its page names in
``<link rel="alternate">``."""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.ingest.feeds.discovery import discover
from newsreader.ingest.feeds.fetching import MAX_FEED_BYTES
from newsreader.ingest.feeds.model import FeedError, ParsedFeed
from newsreader.ingest.feeds.parsing import parse_feed
from newsreader.ingest.http import Http, HttpError, is_http
from newsreader.storage import Library
from newsreader.storage.feeds import Feed


@dataclass(frozen=True)
class Followed:
    """What following an address did: the feed, whether it was followed already, and how
    many entries its document holds (to be fetched)."""

    feed: Feed
    new: bool
    entries: int

    def summary(self) -> str:
        """One line for a person."""
        where = f"{self.feed.name} ({self.feed.url})"
        if not self.new:
            return f"already following {where}"
        noun = "entry" if self.entries == 1 else "entries"
        return f"following {where}, {self.entries} {noun} to fetch"


def follow(library: Library, url: str) -> Followed:
    """Follow the feed at ``url``, or the one its page names; FeedError (or HttpError) if
    there is none to follow there."""
    if not is_http(url):
        raise FeedError("a feed's address starts with http:// or https://")
    with Http() as http:
        feed_url, parsed = find_feed(url, http)
    feed, new = library.feeds.add(feed_url, title=parsed.title, site_url=parsed.site_url)
    return Followed(feed, new, len(parsed.entries))


def find_feed(url: str, http: Http) -> tuple[str, ParsedFeed]:
    """The feed's address and its parsed document; FeedError (or HttpError) if the
    address is neither a feed nor a page that names one."""
    response = http.get(url, max_bytes=MAX_FEED_BYTES)
    try:
        return url, parse_feed(response.data, url=response.url,
                               content_type=response.content_type, charset=response.charset)
    except FeedError as not_a_feed:
        candidates = discover(response.data, response.url)
        if not candidates:
            raise FeedError(f"no feed there: {not_a_feed}, and the page names none") from None
    errors = []
    for candidate in candidates:
        try:
            found = http.get(candidate, max_bytes=MAX_FEED_BYTES)
            return candidate, parse_feed(found.data, url=found.url,
                                         content_type=found.content_type,
                                         charset=found.charset)
        except (FeedError, HttpError) as error:  # try the page's next feed
            errors.append(f"{candidate}: {error}")
    raise FeedError("the feeds the page names cannot be read (" + "; ".join(errors) + ")")
