"""What a parsed feed holds, whatever its format."""

from __future__ import annotations

from dataclasses import dataclass


class FeedError(Exception):
    """A document that cannot be read as a feed; the message says why."""


@dataclass(frozen=True)
class Entry:
    """One entry of a feed.

    ``key`` tells it apart from the feed's other entries across fetches (its guid, else its
    link); ``content`` is the HTML the feed gives as the entry's body, ``summary`` its
    shorter description; ``published`` is ISO 8601 when the feed dates it.
    """

    key: str
    link: str | None = None
    title: str | None = None
    content: str | None = None
    summary: str | None = None
    published: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's name, its site and its entries, in the feed's order."""

    title: str | None
    site_url: str | None
    entries: tuple[Entry, ...]
    format: str
