"""How long an article takes to read: its words counted once when saved, minutes shown."""

from __future__ import annotations

import re
from functools import cache

# A run of letters or digits is a word, except in scripts written without spaces (Chinese,
# Japanese, Korean), where each character counts as one: people read about as many of
# those characters a minute as they read English words.
_WORDS = (r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
          r"|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
WORDS_PER_MINUTE = 230


@cache
def _words() -> re.Pattern[str]:
    # Compiled when first counted, not at import: the library list only shows stored
    # counts, and compiling this pattern costs more than the rest of the module.
    return re.compile(_WORDS)


def count_words(text: str) -> int:
    """How many words ``text`` holds (each CJK character counted as a word)."""
    return sum(1 for _ in _words().finditer(text))


def reading_minutes(words: int) -> int:
    """Minutes to read this many words, at least 1 for any text."""
    if words <= 0:
        return 0
    return max(1, round(words / WORDS_PER_MINUTE))


def reading_label(words: int | None) -> str:
    """The reading time as a list shows it: "7 min", "1 h 05"; "" when unknown or empty."""
    minutes = reading_minutes(words or 0)
    if not minutes:
        return ""
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d}"
