"""A Markdown document's blocks, read from markdown-it's syntax tree.

The tree's nodes carry the HTML tag each would render as (``p``, ``h2``, ``li``, ``em``,
``a``...), and the blocks are read from it by the rules ``html_structure`` applies to HTML,
without rendering the HTML and parsing it back: the same text, links and emphasis, with
no HTML parser loaded for a Markdown file.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

from markdown_it.tree import SyntaxTreeNode

from newsreader.ingest.cleaning.link_targets import http_url
from newsreader.ingest.cleaning.raw_blocks import OpenMark, Piece, RawBlock, Span, joined_text

# The block tags markdown-it renders; each is set apart from the text around it.
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
               "hr"}
_MARKS = {"em": "em", "strong": "strong", "code": "code", "a": "a"}
_LISTS = {"bullet_list", "ordered_list"}
_CODE = {"fence", "code_block"}  # rendered as <pre><code>...</code></pre>


def read_markdown_blocks(tree: SyntaxTreeNode, base_url: str | None) -> list[RawBlock]:
    """Every block of the document, in order; links kept only to http(s) addresses
    (resolved against ``base_url``)."""
    return list(_Reader(base_url).blocks(tree.children, quote=False))


class _Reader:
    """One document's reading: the base URL for links and the numbering of its lists."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.lists = count(1)
        self.ended: set[int] = set()  # the links of the text being read that have ended

    def blocks(self, nodes: list[SyntaxTreeNode], *, quote: bool) -> Iterator[RawBlock]:
        """The blocks of ``nodes``; paragraphs are quotes inside a blockquote."""
        for node in nodes:
            yield from self.block(node, quote=quote)

    def block(self, node: SyntaxTreeNode, *, quote: bool) -> Iterator[RawBlock]:
        """The blocks one block node gives (a list gives one per item)."""
        kind = node.type
        if kind == "heading":
            text, links, marks = self.text(node)
            if text:
                yield RawBlock("heading", text, None, level=int(node.tag[1]), links=links,
                               marks=marks)
        elif kind in _LISTS:
            number = next(self.lists)
            items = [item for item in node.children if item.type == "list_item"]
            for item in items:
                yield from self.list_item(item, node.tag, number, len(items))
        elif kind == "blockquote":
            yield from self.blocks(node.children, quote=True)
        elif kind == "paragraph" or kind in _CODE:
            text, links, marks = self.text(node)
            if text:
                yield RawBlock("quote" if quote else "paragraph", text, None, links=links,
                               marks=marks)
        elif kind != "hr":
            yield from self.blocks(node.children, quote=quote)

    def list_item(self, item: SyntaxTreeNode, list_tag: str, number: int,
                  length: int) -> Iterator[RawBlock]:
        """The item's own text as one block, then the lists and quotes nested in it."""
        text, links, marks = self.text(item, skip_blocks=True)
        if text:
            yield RawBlock("list_item", text, None, links=links, list_tag=list_tag,
                           marks=marks, list_number=number, list_length=length)
        for nested in item.children:
            if nested.type in _LISTS or nested.type == "blockquote":
                yield from self.block(nested, quote=False)

    def text(self, node: SyntaxTreeNode, *,
             skip_blocks: bool = False) -> tuple[str, list[Span], list[Span]]:
        """The text of ``node`` with its link and emphasis spans (nested lists and quotes
        left out with ``skip_blocks``)."""
        pieces: list[Piece] = []
        marks: list[OpenMark] = []
        self.ended = set()
        if node.type in _CODE:  # the <pre> itself: its one child, <code>, is marked
            marks.append(("code", ""))
            pieces.append((node.content, (0,)))
        else:
            for child in node.children:
                self.collect(child, pieces, marks, (), skip_blocks=skip_blocks)
        return joined_text(pieces, marks)

    def collect(self, node: SyntaxTreeNode, pieces: list[Piece], marks: list[OpenMark],
                active: tuple[int, ...], *, skip_blocks: bool) -> None:
        """Add the text under ``node`` to ``pieces``, each piece with the marks open over
        it, as the HTML reader does for the element ``node`` renders as."""
        kind = node.type
        if self.ended:
            active = tuple(index for index in active if index not in self.ended)
        if kind in {"text", "text_special"}:
            pieces.append((node.content, active))
            return
        if kind == "softbreak":
            pieces.append(("\n", active))
            return
        if kind == "hardbreak":
            pieces.append((" ", ()))
            pieces.append(("\n", active))
            return
        if kind in {"image", "html_inline", "html_block"}:
            return
        if kind in _CODE:
            marks.append(("code", ""))
            pieces.extend([(" ", ()), (node.content, (*active, len(marks) - 1)), (" ", ())])
            return
        tag = "" if kind == "inline" else node.tag
        if tag in {"ul", "ol", "blockquote"} and skip_blocks:
            return
        mark = _MARKS.get(tag)
        href = ""
        if mark == "a":
            href = http_url(str(node.attrs.get("href") or ""), self.base_url) or ""
            mark = mark if href else None
            # A link inside a link (an autolink in a link's text) ends the outer one, as
            # an HTML parser ends an <a> at the next <a>: links never overlap.
            self.ended.update(index for index in active if marks[index][0] == "a")
        if mark is not None:
            marks.append((mark, href))
            active = (*active, len(marks) - 1)
        block = tag in _BLOCK_TAGS and not (kind == "paragraph" and node.hidden)
        if block:
            pieces.append((" ", ()))
        if kind == "code_inline":
            pieces.append((node.content, active))
        for child in node.children:
            self.collect(child, pieces, marks, active, skip_blocks=skip_blocks)
        if block:
            pieces.append((" ", ()))
