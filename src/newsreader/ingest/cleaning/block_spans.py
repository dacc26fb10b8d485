"""Block text cut free of written-out URLs, with its link and emphasis spans shifted to
stay aligned."""

from __future__ import annotations

import re
from dataclasses import replace

from newsreader.ingest.cleaning.raw_blocks import RawBlock, Span

# A scheme may follow a digit: a percent-escaped space ("%20https://") glues it to what
# was before it.
_URL = re.compile(r"\s?(?:(?<![a-z])[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]*"
                  r"[^\s<>\".,;:!?)\]'’”]", re.IGNORECASE)


def remove_urls(block: RawBlock) -> RawBlock | None:
    """``block`` without the URLs written out in its text (the canonical text has none);
    None when nothing else is left."""
    if "://" not in block.text and "www." not in block.text.lower():
        return block
    text = block.text
    links, marks = list(block.links), list(block.marks)
    for match in reversed(list(_URL.finditer(text))):
        start, end = match.span()
        if start == 0 and end < len(text) and text[end] == " ":
            end += 1
        text = text[:start] + text[end:]
        links = _shift(links, start, end)
        marks = _shift(marks, start, end)
    text = text.strip()
    if not any(ch.isalnum() for ch in text):
        return None
    return replace(block, text=text, links=links, marks=marks)


def _shift(spans: list[Span], start: int, end: int) -> list[Span]:
    removed = end - start
    kept: list[Span] = []
    for s, e, value in spans:
        if e <= start:
            kept.append((s, e, value))
        elif s >= end:
            kept.append((s - removed, e - removed, value))
    return kept
