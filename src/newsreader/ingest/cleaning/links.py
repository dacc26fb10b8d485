"""Recognise teaser lines ("Read also: ...") that point to other stories."""

from __future__ import annotations

import re

from newsreader.domain.models import Link

TEASER_LABELS = (
    "read",
    "read also",
    "also read",
    "read more",
    "learn more",
    "related",
    "related story",
    "related article",
    "related coverage",
    "see also",
    "more",
    "more on this",
    "more on this story",
    "watch",
    "listen",
    "recommended",
    "don't miss",
    "must read",
    "читайте также",
    "читайте",
    "смотрите также",
    "あわせて読みたい",
    "関連記事",
)
_TEASER = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in TEASER_LABELS) + r")\s*[:：]\s*"
    r"(?P<text>\S.*)$",
    re.IGNORECASE,
)


def parse_teaser(line: str, url: str | None = None) -> Link | None:
    """Return a related Link if ``line`` is a teaser such as "Read also: Headline".

    The label is split on the first colon only: the headline may contain colons itself.
    """
    match = _TEASER.match(line.strip())
    if not match:
        return None
    text = match.group("text").strip()
    if len(text.split()) > 40:
        return None
    return Link(text=text, url=url, kind="related", label=match.group("label"))
