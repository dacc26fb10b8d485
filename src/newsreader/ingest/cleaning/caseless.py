"""Patterns looked for whatever the case of the letters, and quickly.

The page rules test such patterns on most elements of a page (their class names and ids)
and on every block, and Python's regular expressions run several times slower with
IGNORECASE. Nearly all of that text is ASCII: it is lower-cased and searched
case-sensitively, which finds exactly the same; any other text is searched with
IGNORECASE.
"""

from __future__ import annotations

import re


class CaselessPattern:
    """A regular expression, written in lower case, found in any case."""

    def __init__(self, pattern: str) -> None:
        self._lower = re.compile(pattern)
        self._any_case = re.compile(pattern, re.IGNORECASE)

    def found_in(self, text: str) -> bool:
        """Whether the pattern occurs in ``text``, whatever the case of its letters."""
        if text.isascii():
            return self._lower.search(text.lower()) is not None
        return self._any_case.search(text) is not None
