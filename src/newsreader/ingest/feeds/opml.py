"""OPML 2.0: the feeds in a subscription list, and the list of the feeds followed."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import formatdate

from newsreader.ingest.feeds.model import FeedError


@dataclass(frozen=True)
class Outline:
    """One feed in an OPML file: its address, its title and its site."""

    url: str
    title: str | None = None
    site_url: str | None = None


def read_opml(data: bytes) -> list[Outline]:
    """Every feed outline in an OPML document, nested folders included, in order.

    Parsed with lxml without entities or network access (an OPML file comes from
    elsewhere); FeedError if it is not XML.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"not an OPML file ({error})") from None
    outlines: list[Outline] = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if url and url.lower().startswith(("http://", "https://")):
            outlines.append(Outline(url, (node.get("title") or node.get("text") or "").strip()
                                    or None, (node.get("htmlUrl") or "").strip() or None))
    return outlines


def write_opml(feeds: Iterable[Outline], *, title: str = "newsreader feeds") -> str:
    """An OPML 2.0 document listing the feeds; ElementTree escapes every value."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(
        root, encoding="unicode") + "\n"
