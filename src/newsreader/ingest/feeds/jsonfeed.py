"""JSON Feed (versions 1 and 1.1) -> ParsedFeed; feedparser does not read it."""

from __future__ import annotations

import html
import json
from typing import Any

from newsreader.ingest.feeds.model import Entry, FeedError, ParsedFeed


def looks_like_json_feed(data: bytes, content_type: str) -> bool:
    """Whether a document is a JSON Feed: by its media type, or by its version URL."""
    if content_type in ("application/feed+json", "application/json"):
        return True
    head = data[:512].lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version" in data[:4096]


def parse_json_feed(data: bytes) -> ParsedFeed:
    """Read a JSON Feed; FeedError if it is not valid JSON or not a feed."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FeedError(f"not a valid JSON Feed ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise FeedError("not a JSON Feed (no list of items)")
    entries = [entry for item in document["items"]
               if isinstance(item, dict) and (entry := _entry(item)) is not None]
    return ParsedFeed(title=_string(document.get("title")),
                      site_url=_string(document.get("home_page_url")),
                      entries=tuple(entries), format="json")


def _entry(item: dict[str, Any]) -> Entry | None:
    link = _string(item.get("url")) or _string(item.get("external_url"))
    key = _string(item.get("id")) or link
    if key is None:
        return None
    content = _string(item.get("content_html"))
    text = _string(item.get("content_text"))
    if content is None and text is not None:
        content = "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n\n"))
    return Entry(key=key, link=link, title=_string(item.get("title")), content=content,
                 summary=_string(item.get("summary")),
                 published=_string(item.get("date_published")), author=_author(item))


def _author(item: dict[str, Any]) -> str | None:
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [_string(author.get("name")) for author in authors if isinstance(author, dict)]
    return ", ".join(name for name in names if name) or None


def _string(value: object) -> str | None:
    # JSON Feed ids may be numbers; anything else that is not text is ignored.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None
