"""A web page -> the feeds it names in ``<link rel="alternate" type="...">``."""

from __future__ import annotations

from urllib.parse import urljoin

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json")


def discover(page: bytes, base_url: str) -> list[str]:
    """The feed addresses a page links to in its head, absolute, in the page's order."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            address = urljoin(base_url, href)
            if address.lower().startswith(("http://", "https://")) and address not in found:
                found.append(address)
    return found
