"""How a highlight or a note reads in a list (notes panel, highlights screen): never markup."""

from __future__ import annotations

import re

from textual.content import Content

from newsreader.domain.models import Highlight, Note
from newsreader.storage.search import MATCH_END, MATCH_START
from newsreader.tui.highlight_style import swatch
from newsreader.tui.safe import one_line
from newsreader.tui.wrapping import hanging

QUOTE_LIMIT = 220
NOTE_LIMIT = 160
ORPHAN = "orphan: not found in the current text"
_MARKS = re.compile(f"[{MATCH_START}{MATCH_END}]")


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    line = one_line(text).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "\u2026"


def marked(snippet: str) -> Content:
    """A search snippet with its matches (between MATCH_START and MATCH_END) in bold."""
    parts: list[str | tuple[str, str]] = []
    for number, piece in enumerate(_MARKS.split(snippet)):
        text = one_line(piece)
        parts.append((text, "bold reverse") if number % 2 else text)
    return Content.assemble(*parts)


def _from_quote(snippet: str, exact: str) -> bool:
    """Whether a search snippet was cut from the quote (it may come from a note instead)."""
    pieces = _MARKS.sub("", snippet).split("\u2026")
    return all(piece.strip() in exact for piece in pieces)


def _hang(marker: Content, body: Content, width: int | None) -> Content:
    """``marker`` then ``body``; wrapped to ``width`` (if given) with later lines under the
    body."""
    if width is None:
        return marker + body
    return hanging(marker + body, width, marker.cell_length)


def highlight_prompt(highlight: Highlight, *, title: str | None = None,
                     snippet: str | None = None, width: int | None = None) -> Content:
    """A swatch, the quote (or the matching snippet), the note, and an orphan marker.

    Given the ``width`` of the list, each part is wrapped with a hanging indent (long
    addresses cut after a ``/``); else the list wraps it.
    """
    lines: list[Content] = []
    quote = (marked(snippet) if snippet and _from_quote(snippet, highlight.exact)
             else Content(shorten(highlight.exact, QUOTE_LIMIT)))
    lines.append(_hang(Content.assemble(swatch(highlight.color), " \u201c"),
                         quote + "\u201d", width))
    if highlight.status == "orphan":
        lines.append(_hang(Content.styled("  \u26a0 ", "bold"),
                             Content.styled(ORPHAN, "bold"), width))
    for note in highlight.notes:
        lines.append(_hang(Content.styled("  \u270e ", "bold"),
                             Content.styled(shorten(note.body, NOTE_LIMIT), "italic"), width))
    if title is not None:
        lines.append(_source(title, width))
    return Content("\n").join(lines)


def _source(title: str, width: int | None) -> Content:
    return _hang(Content.styled("  \u2014 ", "dim"),
                   Content.styled(shorten(title, 120), "dim"), width)


def article_note_prompt(note: Note, *, title: str | None = None,
                        width: int | None = None) -> Content:
    """An article-wide note: a marker, then its text (wrapped as :func:`highlight_prompt`
    wraps, given a ``width``)."""
    lines = [_hang(Content.styled("\u270e Article note: ", "bold"),
                     Content.styled(shorten(note.body, NOTE_LIMIT), "italic"), width)]
    if title is not None:
        lines.append(_source(title, width))
    return Content("\n").join(lines)
