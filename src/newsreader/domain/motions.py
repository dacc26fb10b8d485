"""Text motions for the reader's visual mode: offsets in, offsets out (no Textual here).

Words follow vim's ``w``/``b``/``e``: a word is a run of letters, digits and underscores, or a
run of other non-blank characters. Offsets are into the canonical text; a selection is
``[anchor, cursor)``, so ``e`` stops just after a word's last character.
"""

from __future__ import annotations

import re

# The end of one of these is where a sentence starts: closing punctuation (and quotes or
# brackets after it) followed by blanks, or a line break. Chinese and Japanese full stops
# (。！？ and the half-width ｡) end a sentence with no blank after them.
_SENTENCE_BREAK = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]]*[ \t]+"
    r"|[\u3002\uff01\uff1f\uff61]+[\u300d\u300f\u201d\u2019\uff09)\]]*[ \t]*"
    r"|\n\s*")
_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_WINDOW = 4096


def _kind(char: str) -> int:
    """0 for a blank, 1 for a word character, 2 for anything else."""
    if char.isspace():
        return 0
    return 1 if char.isalnum() or char == "_" else 2


def next_word_start(text: str, pos: int) -> int:
    """``w``: the start of the next word after ``pos`` (the end of the text if none)."""
    size = len(text)
    if pos >= size:
        return size
    kind = _kind(text[pos])
    while pos < size and kind and _kind(text[pos]) == kind:
        pos += 1
    while pos < size and text[pos].isspace():
        pos += 1
    return pos


def previous_word_start(text: str, pos: int) -> int:
    """``b``: the start of the word before ``pos`` (or of the word ``pos`` is inside)."""
    pos = min(pos, len(text))
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    if pos == 0:
        return 0
    kind = _kind(text[pos - 1])
    while pos > 0 and _kind(text[pos - 1]) == kind:
        pos -= 1
    return pos


def word_end(text: str, pos: int) -> int:
    """``e``: just after the last character of the word ``pos`` is in, or of the next one."""
    size = len(text)
    while pos < size and text[pos].isspace():
        pos += 1
    if pos >= size:
        return size
    kind = _kind(text[pos])
    while pos < size and _kind(text[pos]) == kind:
        pos += 1
    return pos


def next_sentence_start(text: str, pos: int) -> int:
    """``)``: where the next sentence starts (the end of the text if none)."""
    for match in _SENTENCE_BREAK.finditer(text, max(pos - 8, 0)):
        if match.end() > pos:
            return match.end()
    return len(text)


def previous_sentence_start(text: str, pos: int) -> int:
    """``(``: where the sentence ``pos`` is in starts, or the one before if ``pos`` is there."""
    pos = min(pos, len(text))
    low = pos
    while low > 0:
        low = max(low - _WINDOW, 0)
        starts = [match.end() for match in _SENTENCE_BREAK.finditer(text, low, pos)
                  if match.end() < pos]
        if starts:
            return starts[-1]
    return 0


def paragraph_end(text: str, pos: int) -> int:
    """``}``: the end of the paragraph ``pos`` is in, or of the next one if ``pos`` is there."""
    match = _BLOCK.search(text, pos)
    while match is not None and match.end() <= pos:
        match = _BLOCK.search(text, match.end() + 1)
    return len(text) if match is None else match.end()


def paragraph_start(text: str, pos: int) -> int:
    """``{``: the start of the paragraph ``pos`` is in, or of the one before if ``pos`` is there."""
    pos = min(pos, len(text))
    end = pos
    while True:
        found = text.rfind("\n\n", 0, end)
        if found < 0:
            return 0
        start = found + 2
        while start < len(text) and text[start] == "\n":
            start += 1
        if start < pos:
            return start
        end = found + 1


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the blanks at either edge (empty if it holds only blanks)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every occurrence of ``query`` in ``text`` as (start, end), in order, not overlapping.

    Case is ignored unless the query has a capital letter (vim's "smartcase"); blanks in
    the query match any run of blanks, so a phrase is found across a line break. Offsets are
    into ``text`` as it is (no case folding that would change lengths).
    """
    words = query.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    return [match.span() for match in re.finditer(pattern, text, flags)]
