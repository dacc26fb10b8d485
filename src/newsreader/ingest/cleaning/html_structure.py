"""A normalised HTML body fragment -> blocks with their link and emphasis spans.

Used for HTML pages (on trafilatura's extracted body, converted to HTML tags first);
``markdown_blocks`` reads Markdown by the same rules. Text is read through lxml's element
API and never re-parsed as markup.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from itertools import count
from typing import Any

from newsreader.ingest.cleaning.html_normalise import BLOCK_TAGS, DROPPED_TAGS, HEADINGS
from newsreader.ingest.cleaning.html_parser import new_element
from newsreader.ingest.cleaning.raw_blocks import OpenMark, Piece, RawBlock, Span, joined_text

_LIST_NUMBERS = count(1)  # tells the lists of every fragment read apart
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
    pieces: list[Piece] = []
    marks: list[OpenMark] = []
    _collect(element, pieces, marks, (), skip_blocks=skip_blocks, top=True)
    return joined_text(pieces, marks)


def _collect(element: Any, pieces: list[Piece], marks: list[OpenMark], active: tuple[int, ...],
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
        if tag == "br" or tag in BLOCK_TAGS:
            pieces.append((" ", ()))
    if element.text and tag not in DROPPED_TAGS:
        pieces.append((element.text, active))
    for child in element:
        if isinstance(child.tag, str) and child.tag not in DROPPED_TAGS:
            _collect(child, pieces, marks, active, skip_blocks=skip_blocks, top=False)
        if child.tail:
            pieces.append((child.tail, active))
    if not top and tag in BLOCK_TAGS:
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
        if tag in BLOCK_TAGS and tag != "br":
            yield from _flush(container, pending, quote)
            pending = []
            yield from _block_child(child, tag, quote=quote)
        elif tag and tag not in DROPPED_TAGS:
            pending.append(child)
        if child.tail and child.tail.strip():
            pending.append(child.tail)
    yield from _flush(container, pending, quote)


def _flush(container: Any, pending: list[Any], quote: bool) -> Iterator[RawBlock]:
    if not pending:
        return
    holder = new_element("p")
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
        number = next(_LIST_NUMBERS)
        length = sum(1 for item in child if item.tag == "li")
        for item in child:
            if isinstance(item.tag, str) and item.tag == "li":
                yield from _list_item(item, tag, number, length)
            elif isinstance(item.tag, str):
                yield from _blocks(item, quote=quote)
    elif tag == "li":  # an item outside a list: which list, and its length, not known
        yield from _list_item(child, "ul", 0, 0)
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


def _list_item(item: Any, list_tag: str, number: int, length: int) -> Iterator[RawBlock]:
    text, links, marks = marked_text(item, skip_blocks=True)
    if text:
        yield RawBlock("list_item", text, item, links=links, list_tag=list_tag, marks=marks,
                       list_number=number, list_length=length)
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
