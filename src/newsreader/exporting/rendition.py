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
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from markdownify import MarkdownConverter

from newsreader.domain.models import Article, Block
from newsreader.exporting.escaping import escape_rendition

# Characters that start links, images, HTML or code anywhere in a line.
_INLINE_SPECIALS = re.compile(r"[\[\]<>`]")
# Heading, list, quote, rule and table markers at the start of a line.
_LINE_START_MARKER = re.compile(r"(?m)^(\s*)(#|[-+*](?=\s)|>|\||=+\s*$)")
_ORDERED_LIST_MARKER = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
Span = tuple[int, int, str, str]  # start, end, tag, href ("" for emphasis)


@dataclass(frozen=True)
class MarkedPassage:
    """A highlight to mark in the rendition: its span in the canonical text, and the block
    id to give the paragraph it is in."""

    start: int
    end: int
    block_id: str


def article_markdown(article: Article, *, heading_offset: int = 0,
                     passages: Sequence[MarkedPassage] = ()) -> str:
    """The article's body as Markdown with reference links ("" for an empty body).

    ``heading_offset`` moves every heading that many levels down (to nest the article under
    a heading of the export's own). Each of ``passages`` is wrapped in ``==...==`` and its
    first block that is not a heading gets `` ^block-id``. Each block is converted on its
    own, so a block id is put on the right block; the result is escaped as
    :func:`escape_rendition` says.
    """
    if not article.blocks:
        return ""
    spans = _spans_by_block(article, passages)
    ids = _block_ids(article, passages)
    converter = _ReferenceLinkConverter(heading_style="ATX", bullets="-", escape_misc=False)
    parts: list[str] = []
    previous = ""  # the last block's kind, with whether it was numbered
    number = 0
    for index, block in enumerate(article.blocks):
        kind = f"{block.kind}:{block.ordered}"
        same_list = block.kind == "list_item" and kind == previous
        number = number + 1 if same_list else 1
        element = _element_for(block, heading_offset)
        _fill(element, block.text, spans[index])
        wrapper = element
        if block.kind == "list_item":
            wrapper = lxml_html.Element("ol" if block.ordered else "ul")
            if block.ordered:
                wrapper.set("start", str(number))
            wrapper.append(element)
        lines = escape_rendition(converter.convert(
            str(lxml_html.tostring(wrapper, encoding="unicode"))))
        lines = [line.rstrip() for line in lines if line.strip()]
        if not lines:
            continue
        if ids[index]:
            lines[-1] += " " + " ".join(f"^{block_id}" for block_id in ids[index])
        parts.append(("\n" if same_list else "\n\n") + "\n".join(lines))
        previous = kind
    body = "".join(parts).lstrip("\n")
    if converter.references:
        refs = "\n".join(f"[{n}]: <{url}>" for n, url in enumerate(converter.references, 1))
        body = f"{body}\n\n{refs}"
    return body + "\n" if body else ""


class _ReferenceLinkConverter(MarkdownConverter):
    """A markdownify converter that writes links as numbered references and ``<mark>`` as
    ``==...==`` (a highlight, in Obsidian's syntax)."""

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

    def convert_mark(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A highlighted passage: ``==words==``, with the spaces at its edges outside."""
        words = text.strip()
        if not words:
            return text
        prefix, suffix = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        return f"{prefix}=={words}=={suffix}"

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Escape what could forge Markdown structure, and nothing more."""
        text = super().escape(text, parent_tags)  # type: ignore[misc]
        text = _INLINE_SPECIALS.sub(r"\\\g<0>", text)
        text = _LINE_START_MARKER.sub(r"\g<1>\\\g<2>", text)
        text = text.replace("==", "\\=\\=")
        return _ORDERED_LIST_MARKER.sub(r"\g<1>\\\g<2>", text)


def _element_for(block: Block, heading_offset: int) -> Any:
    if block.kind == "heading":
        return lxml_html.Element(f"h{min(max(block.level, 2) + heading_offset, 6)}")
    if block.kind == "quote":
        return lxml_html.Element("blockquote")
    return lxml_html.Element("li" if block.kind == "list_item" else "p")


def _spans_by_block(article: Article, passages: Sequence[MarkedPassage]) -> list[list[Span]]:
    """Inline links, marks and highlighted passages, moved from canonical-text offsets to
    their block's own; a passage over several blocks is marked in each."""
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
    for passage in passages:
        first = max(bisect_right(starts, passage.start) - 1, 0)
        last = max(bisect_right(starts, max(passage.end - 1, passage.start)) - 1, 0)
        for index in range(first, last + 1):
            length = len(article.blocks[index].text)
            start = max(passage.start - starts[index], 0)
            end = min(passage.end - starts[index], length)
            if start < end:
                spans[index] += _pieces(start, end, spans[index])
    return spans


def _pieces(start: int, end: int, others: list[Span]) -> list[Span]:
    """A passage's mark, cut where a link or emphasis begins or ends inside it, so that no
    piece crosses the edge of another span (which would leave it out)."""
    cuts = sorted({start, end, *(edge for s, e, tag, _ in others if tag != "mark"
                                 for edge in (s, e) if start < edge < end)})
    return [(a, b, "mark", "") for a, b in pairwise(cuts)]


def _block_ids(article: Article, passages: Sequence[MarkedPassage]) -> list[list[str]]:
    """The block ids each block carries: a passage's goes on the first block it touches
    that is not a heading (an id would become part of a heading's text), else its last."""
    starts = article.block_starts()
    ids: list[list[str]] = [[] for _ in article.blocks]
    for passage in passages:
        first = max(bisect_right(starts, passage.start) - 1, 0)
        last = max(bisect_right(starts, max(passage.end - 1, passage.start)) - 1, 0)
        index = next((i for i in range(first, last + 1)
                      if article.blocks[i].kind != "heading"), last)
        ids[index].append(passage.block_id)
    return ids


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
            child.set("href", _NOT_XML.sub("", href))
        stack.append((child, end))
    while len(stack) > 1:
        closed, closed_end = stack.pop()
        _append_text(closed, text[cursor:closed_end])
        cursor = closed_end
    _append_text(element, text[cursor:])


def _append_text(element: Any, text: str) -> None:
    if not text:
        return
    # A library restored from a backup may hold characters XML cannot (control characters,
    # lone surrogates); lxml refuses them, so they are shown as U+FFFD.
    text = _NOT_XML.sub("\ufffd", text)
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
