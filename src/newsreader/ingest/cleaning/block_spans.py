"""Blocks -> a clean HTML fragment again, and block text cut free of written-out URLs.

The kept blocks become a clean HTML fragment (for the Markdown rendition) from each
block's text and its link and emphasis spans, built with lxml's element API; URLs written
out in a block's text are cut from it with the spans shifted to stay aligned.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newsreader.ingest.cleaning.html_structure import RawBlock, Span


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
