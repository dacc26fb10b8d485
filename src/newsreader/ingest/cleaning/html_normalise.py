"""A parsed HTML body fragment made ready to read: its tags, media and link targets.

trafilatura's XML vocabulary is turned into HTML tags first; then media, scripts and form
controls are dropped, inline tags outside the kept set are unwrapped, and link targets are
resolved against the page URL (or unwrapped when they are not http(s)). The tag tables
here also tell the block reader what is a block and what is never read.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = HEADINGS | {
    "p", "div", "section", "article", "main", "body", "header", "footer", "aside", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "pre", "figure", "figcaption", "hr", "form", "nav", "center", "details", "summary",
}
# Inline tags kept in the Markdown fragment; any other inline tag is unwrapped.
_KEPT_INLINE = {"a", "em", "strong", "i", "b", "code", "sub", "sup", "br", "del", "s", "mark"}
DROPPED_TAGS = {"script", "style", "noscript", "template", "img", "picture", "svg", "video",
                "audio", "iframe", "object", "embed", "button", "input", "select", "textarea",
                "graphic", "source", "canvas"}
# trafilatura's XML vocabulary -> HTML.
_TRAFILATURA_TAGS = {"quote": "blockquote", "item": "li", "lb": "br", "row": "tr",
                     "cell": "td", "ref": "a", "doc": "div", "main": "div", "fig": "figure"}
_HI_TAGS = {"#b": "strong", "#i": "em", "#t": "code", "#sub": "sub", "#sup": "sup",
            "#del": "del"}


def http_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base`` if it is an http(s) URL, else None."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:")):
        return None
    try:
        resolved = urljoin(base, href) if base else href
    except ValueError:
        return None
    if not resolved.lower().startswith(("http://", "https://")):
        return None
    return resolved


def trafilatura_to_html(body: Any, base_url: str | None) -> Any:
    """Convert trafilatura's XML body into an lxml.html ``<div>`` with HTML tags."""
    root = lxml_html.Element("div")
    for child in body:
        root.append(copy.deepcopy(child))
    root.text = body.text
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element is root:
            continue
        tag = element.tag
        if tag == "head":
            rend = (element.get("rend") or "h2").lower()
            element.tag = rend if rend in HEADINGS else "h2"
        elif tag == "hi":
            element.tag = _HI_TAGS.get((element.get("rend") or "").lower(), "span")
        elif tag == "list":
            element.tag = "ol" if (element.get("rend") or "").lower() == "ol" else "ul"
        elif tag == "code":
            element.tag = "pre" if element.getparent() is root else "code"
        elif tag == "ref":
            element.tag = "a"
            element.set("href", element.get("target") or "")
        elif tag == "cell" and element.get("role") == "head":
            element.tag = "th"
        elif tag in _TRAFILATURA_TAGS:
            element.tag = _TRAFILATURA_TAGS[tag]
        for attribute in list(element.attrib):
            if attribute != "href":
                del element.attrib[attribute]
    return normalise_fragment(root, base_url)


def normalise_fragment(root: Any, base_url: str | None) -> Any:
    """Drop media and scripts, unwrap unknown inline tags, resolve or unwrap link targets."""
    for element in list(root.iter()):
        if element is root:
            continue
        if not isinstance(element.tag, str):
            _drop(element)
            continue
        tag = element.tag.lower()
        if tag in DROPPED_TAGS:
            _drop(element)
        elif tag == "a":
            url = http_url(element.get("href"), base_url)
            element.attrib.clear()
            if url is None:
                unwrap(element)
            else:
                element.set("href", url)
        elif tag not in BLOCK_TAGS and tag not in _KEPT_INLINE:
            unwrap(element)
    return root


def _drop(element: Any) -> None:
    """Remove ``element`` but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    _splice_text(element, element.tail)
    parent.remove(element)


def unwrap(element: Any) -> None:
    """Replace ``element`` by its text and children (lxml's ``drop_tag`` for any element)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    children = list(element)
    _splice_text(element, element.text)
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    else:
        _splice_text(element, element.tail)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


def _splice_text(element: Any, text: str | None) -> None:
    """Append ``text`` to whatever comes just before ``element``."""
    if not text:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text
