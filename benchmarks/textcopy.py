"""What a browser gives when a page's article is selected and copied, as plain text.

The selection is the page's ``<article>`` element (the largest, by text, when there are
several), else ``<main>`` / ``[role=main]``, else the element with the most paragraph text
directly inside it. Block elements are separated by a blank line and inline text is
joined, as browsers do; invisible elements (scripts, styles, ``hidden``) are not copied.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html

_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "figure", "figcaption", "pre", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "details", "summary", "center",
}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "link",
              "svg", "iframe", "object", "button", "select", "textarea", "input"}
_BREAK = "\x00"
_LINE = "\x01"


def copied_text(html: str) -> str:
    """The plain text a reader gets by selecting the page's article and copying it."""
    try:
        tree = lxml_html.document_fromstring(html)
    except Exception:  # an unparseable page copies as nothing
        return ""
    selection = _selection(tree)
    if selection is None:
        return ""
    pieces: list[str] = []
    if selection.text:
        pieces.append(selection.text)
    for child in selection:
        _walk(child, pieces)
    blocks = (_lines(chunk) for chunk in "".join(pieces).split(_BREAK))
    return "\n\n".join(block for block in blocks if block)


def _lines(chunk: str) -> str:
    lines = (" ".join(line.split()) for line in chunk.split(_LINE))
    return "\n".join(line for line in lines if line)


def _selection(tree: Any) -> Any:
    articles = list(tree.iter("article"))
    if articles:
        return max(articles, key=_text_length)
    mains = list(tree.iter("main")) or tree.xpath("//*[@role='main']")
    if mains:
        return max(mains, key=_text_length)
    best, best_length = None, 0
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        length = sum(len(p.text_content()) for p in parent if p.tag == "p")
        if length > best_length:
            best, best_length = parent, length
    return best if best is not None else tree.find("body")


def _text_length(element: Any) -> int:
    return len(re.sub(r"\s+", "", element.text_content()))


def _walk(element: Any, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in _INVISIBLE or element.get("hidden") is not None:
        if element.tail:
            pieces.append(element.tail)
        return
    block = tag in _BLOCKS
    if block:
        pieces.append(_BREAK)
    if tag == "br":
        pieces.append(_LINE)
    if element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
    if block:
        pieces.append(_BREAK)
    if element.tail:
        pieces.append(element.tail)
