"""Blocks as a reader finds them, before the block rules: kind, text, and spans over it.

Two readers make them: ``html_structure`` from an HTML fragment (trafilatura's body) and
``markdown_blocks`` from markdown-it's syntax tree. Both collect a block's text as pieces,
each with the marks (links, emphasis) open over it, and :func:`joined_text` joins them the
same way for both, so a Markdown source and the HTML it stands for read alike. Nothing
here parses markup, and this module needs no HTML parser: Markdown files are read
without loading one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsreader.domain.models import BlockKind

Span = tuple[int, int, str]  # start, end, and the URL (links) or tag name (emphasis)
Piece = tuple[str, tuple[int, ...]]  # some text, and the indexes of the marks open over it
OpenMark = tuple[str, str]  # the mark ("a", "em", ...) and its URL for a link, else ""

KEY_LENGTH = 60
_START = KEY_LENGTH * 4  # characters of a text read for its key (more when they fall short)
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"\W+")
# In ASCII text the word characters are letters, digits and "_": deleting the rest from
# its bytes finds what the pattern does, several times quicker.
_ASCII_NON_WORD = bytes(code for code in range(128)
                        if not chr(code).isalnum() and chr(code) != "_")
# What keeps most other text from being ASCII: typographic punctuation and spaces (curly
# quotes, dashes, no-break spaces), none of them word characters.
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")


@dataclass
class RawBlock:
    """A block as read from the source: kind, text, link and emphasis spans, and the page
    element it came from (None when it was not read from an HTML tree)."""

    kind: BlockKind
    text: str
    element: Any
    level: int = 0
    links: list[Span] = field(default_factory=list)
    list_tag: str = "ul"
    marks: list[Span] = field(default_factory=list)  # emphasis spans
    # (text, URL) of a headline link the page puts just before this block and the
    # extraction left out: the block may be a story's summary under its headline.
    headline: tuple[str, str] | None = None
    # For a list item: which list it is in (numbered by its reader, 0 if not known) and
    # how many items that list has.
    list_number: int = 0
    list_length: int = 0


def joined_text(pieces: list[Piece], marks: list[OpenMark]) -> tuple[str, list[Span], list[Span]]:
    """The pieces joined with their whitespace collapsed, and the spans of the link marks
    and of the emphasis marks over the joined text (a mark with no text left is dropped)."""
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


def text_key(text: str, *, full: bool = False) -> str:
    """A matching key for a piece of text: word characters only, case-folded, truncated
    to :data:`KEY_LENGTH` unless ``full``."""
    if full:
        return _word_characters(text)
    # Both steps work character by character, so a long enough start of the text gives
    # the same truncated key as the whole of it, at a fraction of the cost.
    key = _key_of_start(text[:_START])
    size = _START
    while len(key) < KEY_LENGTH and size < len(text):  # a start of spaces and punctuation
        size *= 4
        key = _word_characters(text[:size])[:KEY_LENGTH]
    return key


def _word_characters(text: str) -> str:
    """The word characters of ``text``, case-folded."""
    if not text.isascii():
        text = _NON_ASCII_NON_WORD.sub("", text)
        if not text.isascii():
            return _NON_WORD.sub("", text).casefold()
    return text.encode("ascii").translate(None, _ASCII_NON_WORD).lower().decode("ascii")


# While a page is cleaned its texts are keyed over and over (a block by each rule that
# looks for it in the page, a paragraph as a page element and again as prose): each
# distinct start is keyed once. Only starts are kept, so the memory held stays small.
@lru_cache(maxsize=4096)
def _key_of_start(start: str) -> str:
    return _word_characters(start)[:KEY_LENGTH]
