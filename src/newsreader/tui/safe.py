"""Untrusted text made safe to show: never markup, never a control character.

ARCHITECTURE.md ("Untrusted text") describes both defences.

Import already strips escape sequences and controls; this is the second line of defence for
anything that reaches the screen (hand-built articles, old libraries, future cleaners). Every
replacement is one character for one character, so offsets into the canonical text still
hold for what the reader displays.
"""

from __future__ import annotations

import re

from rich.text import Text

from newsreader.domain.sanitize import visible

# Besides what is unsafe anywhere (newsreader.domain.sanitize): bidi marks, and the line and
# paragraph separators, which would split a TextArea line and move every offset after them.
_UNSAFE_ON_SCREEN = re.compile("[\u061c\u200e\u200f\u2028\u2029]")


def display_text(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible one; same length."""
    return _UNSAFE_ON_SCREEN.sub("\ufffd", visible(text))


def one_line(text: str | None) -> str:
    """``text`` made safe for a single line: controls replaced, newlines and tabs as spaces."""
    if not text:
        return ""
    return display_text(text).replace("\n", " ").replace("\t", " ")


def plain_text(text: str | None, style: str = "", *, limit: int | None = None) -> Text:
    """A Rich ``Text`` (never markup) for one line of untrusted text, cut to ``limit`` cells."""
    result = Text(one_line(text), style=style, no_wrap=True, overflow="ellipsis", end="")
    if limit is not None and result.cell_len > limit:
        result.truncate(max(limit, 1), overflow="ellipsis")
    return result
