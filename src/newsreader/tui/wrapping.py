"""Wrapping a list row ourselves: a hanging indent, and long addresses broken after a ``/``.

Textual wraps a row at spaces and starts every line at the left edge, and breaks a word
longer than the line anywhere. A row made of a marker and a text reads better with the
text's lines under one another, and a long URL reads better cut after one of its slashes.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content

_WORDS = re.compile(r"\S+\s*")


def _fold(text: str, start: int, end: int, room: int, later: int) -> list[int]:
    """Where to cut the word ``text[start:end]`` (too long for the ``room`` cells left on
    its line, then ``later`` cells a line) into lines: after the last ``/`` that fits on
    each, else where the line is full."""
    cuts: list[int] = []
    first = True
    while cell_len(text[start:end].rstrip()) > room:
        fits = start
        while fits < end and cell_len(text[start:fits + 1]) <= room:
            fits += 1
        slash = text.rfind("/", start, fits)
        if slash >= start:
            cut = slash + 1
        elif fits > start:
            cut = fits
        else:  # not a cell of it fits after the text before it: on to the next line
            cut = start if first else start + 1
        if cut > 0 and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
        start, room, first = cut, later, False
    return cuts


def line_starts(text: str, width: int, later: int | None = None) -> list[int]:
    """The offsets in ``text`` (one line, no newline) where each wrapped line after the first
    begins, for a first line of ``width`` cells and later lines of ``later`` (``width`` if
    not given): at a space, else after a ``/``, else anywhere."""
    room = max(width, 1)
    later_room = max(room if later is None else later, 1)
    starts: list[int] = []
    line_start, used = 0, cell_len(text) - cell_len(text.lstrip())
    for word in _WORDS.finditer(text):
        size = cell_len(word.group().rstrip())
        # A word goes to the next line if it fits there; a longer one is cut, from here.
        if used and used + size > room and size <= later_room:
            starts.append(word.start())
            line_start, used, room = word.start(), 0, later_room
        if used + size > room:
            cuts = _fold(text, word.start(), word.end(), room - used, later_room)
            starts += cuts
            if cuts:
                line_start, room = cuts[-1], later_room
            used = cell_len(text[line_start:word.end()])
            continue
        used += cell_len(word.group())
    return starts


def hanging(content: Content, width: int, indent: int) -> Content:
    """``content`` (one line) wrapped to ``width`` cells, every line after the first indented
    by ``indent`` cells; long addresses are cut after a ``/``."""
    if width <= indent:
        return content
    lines = content.divide(line_starts(content.plain, width, width - indent))
    first, *rest = [line.rstrip() for line in lines] or [Content()]
    return Content("\n").join([first, *(Content(" " * indent) + line for line in rest)])


def hanging_lines(content: Content, width: int, extra: int = 2) -> Content:
    """Each line of ``content`` wrapped to ``width`` cells, its later lines indented by its
    own leading blanks plus ``extra``."""
    lines = content.split("\n", allow_blank=True)
    wrapped = []
    for line in lines:
        lead = len(line.plain) - len(line.plain.lstrip(" "))
        wrapped.append(hanging(line, width, lead + extra))
    return Content("\n").join(wrapped)
