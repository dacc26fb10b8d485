"""An address given to ``feeds add`` -> the feed to follow: the address itself when it is
a feed, else the first feed its page names in ``<link rel="alternate">``."""

from __future__ import annotations

from newsreader.ingest.feeds.discovery import discover
from newsreader.ingest.feeds.fetching import MAX_FEED_BYTES
from newsreader.ingest.feeds.model import FeedError, ParsedFeed
from newsreader.ingest.feeds.parsing import parse_feed
from newsreader.ingest.http import Http, HttpError


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
