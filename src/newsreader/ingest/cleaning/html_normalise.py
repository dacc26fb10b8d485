"""A parsed HTML body fragment made ready to read: its tags, media and link targets.

trafilatura's XML vocabulary is turned into HTML tags first; then media, scripts and form
controls are dropped, inline tags outside the kept set are unwrapped, and link targets are
resolved against the page URL (or unwrapped when they are not http(s)). The tag tables
here also tell the block reader what is a block and what is never read.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from newsreader.ingest.cleaning.html_parser import new_element
from newsreader.ingest.cleaning.link_targets import http_url

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
# Marker tags: elements renamed to these are unwrapped (or dropped) together, in one pass.
_UNWRAP = "newsreader-unwrap"
_DROP = "newsreader-drop"
# trafilatura's XML vocabulary -> HTML.
_TRAFILATURA_TAGS = {"quote": "blockquote", "item": "li", "lb": "br", "row": "tr",
                     "cell": "td", "ref": "a", "doc": "div", "main": "div", "fig": "figure"}
_HI_TAGS = {"#b": "strong", "#i": "em", "#t": "code", "#sub": "sub", "#sup": "sup",
            "#del": "del"}


def trafilatura_to_html(body: Any, base_url: str | None) -> Any:
    """Convert trafilatura's XML body into an lxml.html ``<div>`` with HTML tags."""
    root = new_element("div")
    root.text = body.text
    for child in list(body):  # moved, not copied: the body is not used again
        root.append(child)
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
        # Cleared whole: an attribute the parser kept under a name such as "{x}" cannot be
        # deleted by name (lxml reads it as a namespace).
        href = element.get("href")
        element.attrib.clear()
        if href is not None:
            element.set("href", href)
    return normalise_fragment(root, base_url)


def normalise_fragment(root: Any, base_url: str | None) -> Any:
    """Drop media and scripts, unwrap unknown inline tags, resolve or unwrap link targets."""
    # lxml strips in one pass over the tree, keeping the text around what it removes.
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, etree.Entity,
                         *DROPPED_TAGS, with_tail=False)
    unwrapped = False
    for element in root.iter():
        if element is root or not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "a":
            url = http_url(element.get("href"), base_url)
            element.attrib.clear()
            if url is None:
                element.tag, unwrapped = _UNWRAP, True
            else:
                element.set("href", url)
        elif tag in DROPPED_TAGS:  # a tag in capitals: not matched by name above
            element.tag, unwrapped = _DROP, True
        elif tag not in BLOCK_TAGS and tag not in _KEPT_INLINE:
            element.tag, unwrapped = _UNWRAP, True
    if unwrapped:
        etree.strip_elements(root, _DROP, with_tail=False)
        etree.strip_tags(root, _UNWRAP)
    return root
