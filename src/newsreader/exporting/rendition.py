"""The Markdown rendition of an article's body, made with markdownify when it is asked for.

The body is rebuilt as an HTML fragment from the stored blocks, their inline links and
emphasis marks (lxml's element API: the text is set as element text, never parsed as
markup), and markdownify turns the fragment into Markdown. Links become numbered references
(``[words][1]`` with ``[1]: <url>`` at the end), never inline URLs, so the prose reads
cleanly in a note vault.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from markdownify import MarkdownConverter

from newsreader.domain.models import Article, Block

# Characters that start links, images, HTML or code anywhere in a line.
_INLINE_SPECIALS = re.compile(r"[\[\]<>`]")
# Heading, list, quote, rule and table markers at the start of a line.
_LINE_START_MARKER = re.compile(r"(?m)^(\s*)(#|[-+*](?=\s)|>|\||=+\s*$)")
_ORDERED_LIST_MARKER = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")

Span = tuple[int, int, str, str]  # start, end, tag, href ("" for emphasis)


def article_markdown(article: Article) -> str:
    """The article's body as Markdown with reference links ("" for an empty body)."""
    if not article.blocks:
        return ""
    return _to_markdown(_fragment(article))


class _ReferenceLinkConverter(MarkdownConverter):
    """A markdownify converter that writes links as numbered references."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.references: list[str] = []

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A link as ``[words][n]``; links to anything but http(s) keep only their words."""
        href = (el.get("href") or "").strip()
        if not text.strip() or not href.startswith(("http://", "https://")):
            return text
        if href not in self.references:
            self.references.append(href)
        return f"[{text}][{self.references.index(href) + 1}]"

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Escape what could forge Markdown structure, and nothing more."""
        text = super().escape(text, parent_tags)  # type: ignore[misc]
        text = _INLINE_SPECIALS.sub(r"\\\g<0>", text)
        text = _LINE_START_MARKER.sub(r"\g<1>\\\g<2>", text)
        return _ORDERED_LIST_MARKER.sub(r"\g<1>\\\g<2>", text)


def _to_markdown(fragment: str) -> str:
    converter = _ReferenceLinkConverter(heading_style="ATX", bullets="-", escape_misc=False)
    body = converter.convert(fragment).strip()
    body = "\n".join(line.rstrip() for line in body.splitlines())
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    if converter.references:
        refs = "\n".join(f"[{n}]: <{url}>" for n, url in enumerate(converter.references, 1))
        body = f"{body}\n\n{refs}"
    return body + "\n" if body else ""


def _fragment(article: Article) -> str:
    """The body as an HTML fragment: one element per block, lists grouped, spans inside."""
    spans = _spans_by_block(article)
    root = lxml_html.Element("div")
    current_list: Any = None
    for index, block in enumerate(article.blocks):
        element = _element_for(block)
        _fill(element, block.text, spans[index])
        if block.kind != "list_item":
            current_list = None
            root.append(element)
            continue
        tag = "ol" if block.ordered else "ul"
        if current_list is None or current_list.tag != tag:
            current_list = etree.SubElement(root, tag)
        current_list.append(element)
    return str(lxml_html.tostring(root, encoding="unicode"))


def _element_for(block: Block) -> Any:
    if block.kind == "heading":
        return lxml_html.Element(f"h{min(max(block.level, 2), 6)}")
    if block.kind == "quote":
        return lxml_html.Element("blockquote")
    return lxml_html.Element("li" if block.kind == "list_item" else "p")


def _spans_by_block(article: Article) -> list[list[Span]]:
    """Inline links and marks, moved from canonical-text offsets to their block's own."""
    starts = article.block_starts()
    spans: list[list[Span]] = [[] for _ in article.blocks]
    found = [(link.start, link.end, "a", link.url) for link in article.links
             if link.kind == "inline" and link.start is not None and link.end is not None
             and link.url]
    found += [(mark.start, mark.end, mark.tag, "") for mark in article.marks]
    for start, end, tag, href in found:
        index = bisect_right(starts, start) - 1
        if index >= 0 and end <= starts[index] + len(article.blocks[index].text):
            spans[index].append((start - starts[index], end - starts[index], tag, href or ""))
    return spans


def _fill(element: Any, text: str, spans: list[Span]) -> None:
    """Put ``text`` in ``element`` with a child element over each span; a span that
    crosses the edge of an enclosing one is left out."""
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
