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

# C0/C1 controls except tab and newline, DEL, bidi embeddings/overrides/isolates and marks,
# line/paragraph separators (which would split a TextArea line), the BOM, interlinear marks.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029"
    "\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_REPLACEMENT = "\ufffd"


def _picture(match: re.Match[str]) -> str:
    """A visible stand-in for one unsafe character: its control picture, or U+FFFD."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return _REPLACEMENT


def display_text(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible one; same length."""
    return _UNSAFE.sub(_picture, text)


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
