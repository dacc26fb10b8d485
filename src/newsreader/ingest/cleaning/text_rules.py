"""Line rules of the copied-text cleaner that the block classifier also reads as evidence."""

from __future__ import annotations

import re

from newsreader.domain.models import Caption
from newsreader.ingest.cleaning.captions import split_credit

_MAX_CAPTION_WORDS = 80
_CUT = re.compile(r"[(\[](?:…|\.\.\.)[)\]][\s.]*$")
_SENTENCE = re.compile(r"[.!?…](?:\s|$)")
_PHOTO_WORD = re.compile(r"\b(?:photo|image|picture|illustration|getty|credit)", re.IGNORECASE)
# "jane42 says:", "Jane Doe wrote:": the head of one reader comment.
_COMMENTER = re.compile(r"^\S(?:.{0,40}\S)?\s+(?:says|said|wrote|writes|replied)\s*:?$",
                        re.IGNORECASE)
# "Jane Doe is a freelance writer based in ...": the author's note under an article.
AUTHOR_NOTE = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}(?:is|was|has\s+been)\s+(?:a|an|the)\s+(?:\w+\s+){0,6}"
    r"(?:writer|editor|reporter|journalist|correspondent|columnist|contributor|author"
    r"|producer|photographer|critic|blogger)\b"
    r"|^Have\s+a\s+(?:news\s+)?tip\b",
)


def caption_in(block: str) -> Caption | None:
    """``block`` as a photo caption: it ends with a credit and is short enough for one.

    "[…]" or "(…)" ends a cut quotation, not a credit; three sentences or more ending in a
    parenthesised source ("(Reuters/Staff)", "(M1 / MP2)") are prose citing it, unless they
    name a photo.
    """
    if len(block.split()) > _MAX_CAPTION_WORDS or _CUT.search(block):
        return None
    caption = split_credit(block)
    if caption is None or not any(c.isalpha() for c in caption.credit or ""):
        return None
    if len(_SENTENCE.findall(caption.text)) > 2 and not _PHOTO_WORD.search(block):
        return None
    return caption


def comment_thread_start(blocks: list[str]) -> int | None:
    """Where the reader comments begin: the first of two or more "name says:" lines (or the
    comment-count line just above it); None when there are fewer than two."""
    heads = [i for i, block in enumerate(blocks) if _COMMENTER.match(block)]
    if len(heads) < 2:
        return None
    start = heads[0]
    for back in range(start - 1, max(-1, start - 4), -1):
        if _COUNT_LINE.match(blocks[back]):
            return back
    return start


_COUNT_LINE = re.compile(r"^\d+\s+(?:responses?|comments?|replies|reactions)\b", re.IGNORECASE)
