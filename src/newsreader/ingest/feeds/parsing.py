"""A fetched document -> ParsedFeed: JSON Feed by its own reader, the rest by feedparser
(RSS 0.9x, 1.0 and 2.0, Atom)."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from newsreader.ingest.feeds.jsonfeed import looks_like_json_feed, parse_json_feed
from newsreader.ingest.feeds.model import Entry, FeedError, ParsedFeed


def parse_feed(data: bytes, *, url: str, content_type: str = "",
               charset: str | None = None) -> ParsedFeed:
    """Read a feed's bytes; FeedError if they are not a feed.

    ``url`` resolves relative links; the charset the server named is the one feedparser
    decodes with.
    """
    if looks_like_json_feed(data, content_type):
        return parse_json_feed(data)
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not a feed ({_reason(reason)})" if reason else "not a feed")
    channel = parsed.feed
    entries: list[Entry] = []
    for item in parsed.entries:
        entry = _entry(item)
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(title=_text(channel.get("title")), site_url=_text(channel.get("link")),
                      entries=tuple(entries), format=parsed.get("version") or "unknown")


def _entry(item: Any) -> Entry | None:
    link = _text(item.get("link"))
    title = _text(item.get("title"))
    contents = [part.get("value") for part in item.get("content") or []
                if isinstance(part.get("value"), str)]
    content = max(contents, key=len) if contents else None
    summary = _text(item.get("summary"))
    published = _iso(item.get("published_parsed") or item.get("updated_parsed"))
    key = _text(item.get("id")) or link
    if key is None:
        if not (title or summary):
            return None
        # No guid and no link: what the entry says is all that tells it apart.
        key = "sha1:" + hashlib.sha1(f"{title}\n{published}\n{summary}".encode()).hexdigest()
    return Entry(key=key, link=link, title=title, content=content or None, summary=summary,
                 published=published, author=_text(item.get("author")))


def _iso(value: Any) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _reason(error: object) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__
