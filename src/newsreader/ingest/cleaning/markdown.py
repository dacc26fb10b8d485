"""The Markdown rendition of a cleaned body, made with markdownify.

Links become numbered references (``[words][1]`` with ``[1]: url`` at the end), never
inline URLs, so the prose reads cleanly in a note vault.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from lxml import html as lxml_html
from lxml.html import builder as E
from markdownify import MarkdownConverter

from newsreader.domain.models import Block, Link

# Characters that start links, images, HTML or code anywhere in a line.
_INLINE_SPECIALS = re.compile(r"[\[\]<>`]")
# Heading, list, quote, rule and table markers at the start of a line.
_LINE_START_MARKER = re.compile(r"(?m)^(\s*)(#|[-+*](?=\s)|>|\||=+\s*$)")
_ORDERED_LIST_MARKER = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")


class _ReferenceLinkConverter(MarkdownConverter):
    """A markdownify converter that writes links as numbered references."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.references: list[str] = []

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A link as ``[words][n]``; links to anything but http(s) keep only their words."""
        href = (el.get("href") or "").strip()
        if not text.strip():
            return text
        if not href.startswith(("http://", "https://")):
            return text
        if href in self.references:
            number = self.references.index(href) + 1
        else:
            self.references.append(href)
            number = len(self.references)
        return f"[{text}][{number}]"

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Escape what could forge Markdown structure, and nothing more."""
        text = super().escape(text, parent_tags)  # type: ignore[misc]
        text = _INLINE_SPECIALS.sub(r"\\\g<0>", text)
        text = _LINE_START_MARKER.sub(r"\g<1>\\\g<2>", text)
        return _ORDERED_LIST_MARKER.sub(r"\g<1>\\\g<2>", text)

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """Images are left out: captions are kept apart from the body."""
        return ""


def html_to_markdown(fragment: str) -> str:
    """Convert an HTML fragment of article body into Markdown with reference links."""
    converter = _ReferenceLinkConverter(
        heading_style="ATX", bullets="-", escape_misc=False, strip=["script", "style"]
    )
    body = converter.convert(fragment).strip()
    body = "\n".join(line.rstrip() for line in body.splitlines())
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    if converter.references:
        refs = "\n".join(f"[{n}]: <{url}>" for n, url in enumerate(converter.references, 1))
        body = f"{body}\n\n{refs}"
    return body + "\n" if body else ""


def blocks_to_html(blocks: Sequence[Block], links: Iterable[Link] = ()) -> str:
    """Build an HTML fragment from blocks, marking inline links by their spans.

    Text is placed as element text (escaped by lxml), never parsed as markup.
    """
    inline = sorted(
        (link for link in links if link.kind == "inline" and link.start is not None),
        key=lambda link: link.start or 0,
    )
    root = E.DIV()
    offset = 0
    list_parent: Any = None
    for block in blocks:
        element = _element_for(block)
        _fill_with_links(element, block.text, offset, inline)
        if block.kind == "list_item":
            if list_parent is None:
                list_parent = E.UL()
                root.append(list_parent)
            list_parent.append(element)
        else:
            list_parent = None
            root.append(element)
        offset += len(block.text) + 2
    return str(lxml_html.tostring(root, encoding="unicode"))


def _element_for(block: Block) -> Any:
    if block.kind == "heading":
        return lxml_html.Element(f"h{min(max(block.level, 2), 6)}")
    if block.kind == "quote":
        return E.BLOCKQUOTE()
    if block.kind == "list_item":
        return E.LI()
    return E.P()


def _fill_with_links(element: Any, text: str, offset: int, inline: Sequence[Link]) -> None:
    """Set ``element``'s text to ``text`` with an ``<a>`` over each inline link inside it."""
    cursor = 0
    last: Any = None
    end_of_block = offset + len(text)
    for link in inline:
        start, end = link.start or 0, link.end or 0
        if start < offset + cursor or end > end_of_block or not link.url:
            continue
        before = text[cursor : start - offset]
        if last is None:
            element.text = (element.text or "") + before
        else:
            last.tail = (last.tail or "") + before
        anchor = E.A(text[start - offset : end - offset], href=link.url)
        element.append(anchor)
        last = anchor
        cursor = end - offset
    rest = text[cursor:]
    if last is None:
        element.text = (element.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def blocks_to_markdown(blocks: Sequence[Block], links: Iterable[Link] = ()) -> str:
    """The Markdown rendition of a body given as blocks (used for plain-text sources)."""
    if not blocks:
        return ""
    return html_to_markdown(blocks_to_html(blocks, links))
