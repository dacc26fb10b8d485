"""An HTML body fragment -> blocks with inline-link spans, and back to a clean fragment.

Used for both HTML pages (on trafilatura's extracted body, converted to HTML tags first)
and Markdown sources (on markdown-it's rendering). Text is read through lxml's element
API and never re-parsed as markup.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from newsreader.models import BlockKind

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK_TAGS = HEADINGS | {
    "p", "div", "section", "article", "main", "body", "header", "footer", "aside", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "pre", "figure", "figcaption", "hr", "form", "nav", "center", "details", "summary",
}
# Inline tags kept in the Markdown fragment; any other inline tag is unwrapped.
_KEPT_INLINE = {"a", "em", "strong", "i", "b", "code", "sub", "sup", "br", "del", "s", "mark"}
_DROPPED = {"script", "style", "noscript", "template", "img", "picture", "svg", "video",
            "audio", "iframe", "object", "embed", "button", "input", "select", "textarea",
            "graphic", "source", "canvas", "math"}
# trafilatura's XML vocabulary -> HTML.
_TRAFILATURA_TAGS = {"quote": "blockquote", "item": "li", "lb": "br", "row": "tr",
                     "cell": "td", "ref": "a", "doc": "div", "main": "div", "fig": "figure"}
_HI_TAGS = {"#b": "strong", "#i": "em", "#t": "code", "#sub": "sub", "#sup": "sup",
            "#del": "del"}
_SPACE = re.compile(r"\s+")


@dataclass
class RawBlock:
    """A block as read from the fragment: kind, text, link spans and its source element."""

    kind: BlockKind
    text: str
    element: Any
    level: int = 0
    links: list[tuple[int, int, str]] = field(default_factory=list)
    list_tag: str = "ul"
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # emphasis spans


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
        if tag in _DROPPED:
            _drop(element)
        elif tag == "a":
            url = http_url(element.get("href"), base_url)
            element.attrib.clear()
            if url is None:
                unwrap(element)
            else:
                element.set("href", url)
        elif tag not in _BLOCK_TAGS and tag not in _KEPT_INLINE:
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


Span = tuple[int, int, str]  # start, end, and the URL (links) or tag name (emphasis)
_MARKS = {"a": "a", "em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code",
          "sub": "sub", "sup": "sup", "del": "del", "s": "del", "mark": "mark"}


def inline_text(element: Any, *, skip_blocks: bool = False) -> tuple[str, list[Span]]:
    """The whitespace-collapsed text of ``element`` and the spans of its ``<a href>`` links.

    With ``skip_blocks``, nested lists and blockquotes are left out (they are blocks of
    their own).
    """
    text, links, _ = marked_text(element, skip_blocks=skip_blocks)
    return text, links


def marked_text(element: Any, *, skip_blocks: bool = False) -> tuple[str, list[Span], list[Span]]:
    """Like :func:`inline_text`, also returning the emphasis spans (em, strong, code...)."""
    pieces: list[tuple[str, tuple[int, ...]]] = []
    marks: list[tuple[str, str]] = []  # (tag, href or "")
    _collect(element, pieces, marks, (), skip_blocks=skip_blocks, top=True)
    out: list[str] = []
    length = 0
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for piece, active in pieces:
        piece = _SPACE.sub(" ", piece)
        if piece.startswith(" ") and (length == 0 or out[-1].endswith(" ")):
            piece = piece[1:]
        for mark in active:
            starts.setdefault(mark, length)
        if piece:
            out.append(piece)
            length += len(piece)
        for mark in active:
            ends[mark] = length
    text = "".join(out).rstrip()
    links: list[Span] = []
    emphasis: list[Span] = []
    for index, (tag, href) in enumerate(marks):
        if index not in starts:
            continue
        start, end = starts[index], min(ends[index], len(text))
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if end > start:
            (links if tag == "a" else emphasis).append((start, end, href or tag))
    return text, links, emphasis


def _collect(element: Any, pieces: list[tuple[str, tuple[int, ...]]],
             marks: list[tuple[str, str]], active: tuple[int, ...],
             *, skip_blocks: bool, top: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not top:
        if tag in {"ul", "ol", "blockquote"} and skip_blocks:
            return
        mark = _MARKS.get(tag)
        if mark == "a" and not element.get("href"):
            mark = None
        if mark is not None:
            marks.append((mark, element.get("href") or "" if mark == "a" else ""))
            active = (*active, len(marks) - 1)
        if tag == "br" or tag in _BLOCK_TAGS:
            pieces.append((" ", ()))
    if element.text and tag not in _DROPPED:
        pieces.append((element.text, active))
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _DROPPED:
            _collect(child, pieces, marks, active, skip_blocks=skip_blocks, top=False)
        if child.tail:
            pieces.append((child.tail, active))
    if not top and tag in _BLOCK_TAGS:
        pieces.append((" ", ()))


def read_blocks(root: Any) -> list[RawBlock]:
    """Every block of the fragment under ``root``, in document order."""
    return list(_blocks(root, quote=False))


def _blocks(container: Any, *, quote: bool) -> Iterator[RawBlock]:
    pending: list[Any] = []  # inline children (and text) waiting to form a paragraph
    if container.text and container.text.strip():
        pending.append(container.text)
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS and tag != "br":
            yield from _flush(container, pending, quote)
            pending = []
            yield from _block_child(child, tag, quote=quote)
        elif tag and tag not in _DROPPED:
            pending.append(child)
        if child.tail and child.tail.strip():
            pending.append(child.tail)
    yield from _flush(container, pending, quote)


def _flush(container: Any, pending: list[Any], quote: bool) -> Iterator[RawBlock]:
    if not pending:
        return
    holder = lxml_html.Element("p")
    for item in pending:
        if isinstance(item, str):
            if len(holder):
                holder[-1].tail = (holder[-1].tail or "") + item
            else:
                holder.text = (holder.text or "") + item
        else:
            clone = copy.deepcopy(item)
            clone.tail = None
            holder.append(clone)
    text, links, marks = marked_text(holder)
    if text:
        yield RawBlock("quote" if quote else "paragraph", text, holder, links=links, marks=marks)


def _block_child(child: Any, tag: str, *, quote: bool) -> Iterator[RawBlock]:
    if tag in HEADINGS:
        text, links, marks = marked_text(child)
        if text:
            yield RawBlock("heading", text, child, level=int(tag[1]), links=links, marks=marks)
    elif tag in {"ul", "ol"}:
        for item in child:
            if isinstance(item.tag, str) and item.tag == "li":
                yield from _list_item(item, tag)
            elif isinstance(item.tag, str):
                yield from _blocks(item, quote=quote)
    elif tag == "li":
        yield from _list_item(child, "ul")
    elif tag == "blockquote":
        yield from _blocks(child, quote=True)
    elif tag == "table":
        for row in child.iter("tr"):
            cells = [inline_text(cell) for cell in row if isinstance(cell.tag, str)]
            yield from _row_block(row, cells)
    elif tag in {"p", "pre", "dt", "dd", "figcaption", "summary"}:
        text, links, marks = marked_text(child)
        if text:
            yield RawBlock("quote" if quote else "paragraph", text, child, links=links,
                           marks=marks)
    elif tag != "hr":
        yield from _blocks(child, quote=quote)


def _list_item(item: Any, list_tag: str) -> Iterator[RawBlock]:
    text, links, marks = marked_text(item, skip_blocks=True)
    if text:
        yield RawBlock("list_item", text, item, links=links, list_tag=list_tag, marks=marks)
    for nested in item:
        if isinstance(nested.tag, str) and nested.tag in {"ul", "ol", "blockquote"}:
            yield from _block_child(nested, nested.tag, quote=False)


def _row_block(row: Any, cells: list[tuple[str, list[tuple[int, int, str]]]]) -> Iterator[RawBlock]:
    parts: list[str] = []
    links: list[tuple[int, int, str]] = []
    offset = 0
    for text, spans in cells:
        if not text:
            continue
        if parts:
            offset += 3
        links.extend((start + offset, end + offset, url) for start, end, url in spans)
        parts.append(text)
        offset += len(text)
    if parts:
        yield RawBlock("paragraph", " · ".join(parts), row, links=links)


def fragment_for(blocks: list[RawBlock]) -> str:
    """A clean HTML fragment of the kept blocks (for the Markdown rendition), built from
    each block's text and its link and emphasis spans."""
    root = lxml_html.Element("div")
    current_list: Any = None
    for block in blocks:
        if block.kind == "heading":
            element = lxml_html.Element(f"h{min(max(block.level, 2), 6)}")
        elif block.kind == "quote":
            element = lxml_html.Element("blockquote")
        else:
            element = lxml_html.Element("li" if block.kind == "list_item" else "p")
        spans = [(s, e, "a", url) for s, e, url in block.links]
        spans += [(s, e, tag, "") for s, e, tag in block.marks]
        fill(element, block.text, spans)
        if block.kind == "list_item":
            if current_list is None or current_list.tag != block.list_tag:
                current_list = etree.SubElement(root, block.list_tag)
            current_list.append(element)
            continue
        current_list = None
        root.append(element)
    return str(lxml_html.tostring(root, encoding="unicode"))


def fill(element: Any, text: str, spans: list[tuple[int, int, str, str]]) -> None:
    """Put ``text`` in ``element`` with a child element over each (start, end, tag, href)
    span; a span that crosses the edge of an enclosing one is left out."""
    stack: list[tuple[Any, int]] = [(element, len(text))]
    cursor = 0
    for start, end, tag, href in sorted(spans, key=lambda s: (s[0], -s[1], s[2] != "a")):
        while len(stack) > 1 and stack[-1][1] <= start:
            closed, closed_end = stack.pop()
            _append_text(closed, text[cursor:closed_end])
            cursor = closed_end
        if start < cursor or end > stack[-1][1] or end <= start:
            continue
        _append_text(stack[-1][0], text[cursor:start])
        cursor = start
        child = etree.SubElement(stack[-1][0], tag)
        if href:
            child.set("href", href)
        stack.append((child, end))
    while len(stack) > 1:
        closed, closed_end = stack.pop()
        _append_text(closed, text[cursor:closed_end])
        cursor = closed_end
    _append_text(element, text[cursor:])


def _append_text(element: Any, text: str) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


_URL = re.compile(r"\s?(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’”]",
                  re.IGNORECASE)


def remove_urls(block: RawBlock) -> RawBlock | None:
    """``block`` without the URLs written out in its text (the canonical text has none);
    None when nothing else is left."""
    if "://" not in block.text and "www." not in block.text.lower():
        return block
    text = block.text
    links, marks = list(block.links), list(block.marks)
    for match in reversed(list(_URL.finditer(text))):
        start, end = match.span()
        if start == 0 and end < len(text) and text[end] == " ":
            end += 1
        text = text[:start] + text[end:]
        links = _shift(links, start, end)
        marks = _shift(marks, start, end)
    text = text.strip()
    if not any(ch.isalnum() for ch in text):
        return None
    return RawBlock(block.kind, text, block.element, block.level, links, block.list_tag, marks)


def _shift(spans: list[Span], start: int, end: int) -> list[Span]:
    removed = end - start
    kept: list[Span] = []
    for s, e, value in spans:
        if e <= start:
            kept.append((s, e, value))
        elif s >= end:
            kept.append((s - removed, e - removed, value))
    return kept
