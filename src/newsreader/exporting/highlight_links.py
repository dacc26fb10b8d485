"""Ways back from an exported highlight to its passage: its block id, a text-fragment link
into the page, and the command line that opens it in newsreader."""

from __future__ import annotations

import shlex
import uuid
from urllib.parse import quote

from newsreader.domain.models import Highlight
from newsreader.storage import Library

# A quote longer than this many words is linked by its first and last words (textStart,
# textEnd), which browsers match across paragraphs, rather than in full.
_WHOLE_QUOTE_WORDS = 8
_EDGE_WORDS = 4
_CONTEXT_WORDS = 3


def stable_uuid(kind: str, uid: str) -> uuid.UUID:
    """The UUID a highlight or note (``kind``) goes by outside: its uid when that is a UUID,
    else one derived from it (version 5, so always the same)."""
    try:
        return uuid.UUID(uid)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:newsreader:{kind}:{uid}")


def text_fragment_url(url: str, highlight: Highlight) -> str:
    """``url`` with a text fragment (WICG Text Fragments: ``#:~:text=prefix-,start,end,-suffix``)
    that scrolls a browser to the highlighted passage and marks it."""
    words = highlight.exact.split()
    if len(words) > _WHOLE_QUOTE_WORDS:
        parts = [_encode(" ".join(words[:_EDGE_WORDS])), _encode(" ".join(words[-_EDGE_WORDS:]))]
    else:
        parts = [_encode(" ".join(words))]
    prefix = " ".join(highlight.prefix.split()[-_CONTEXT_WORDS:])
    suffix = " ".join(highlight.suffix.split()[:_CONTEXT_WORDS])
    if prefix:
        parts.insert(0, _encode(prefix) + "-")
    if suffix:
        parts.append("-" + _encode(suffix))
    return f"{url.split('#', 1)[0]}#:~:text={','.join(parts)}"


def open_command(article_uid: str, block_id: str) -> str:
    """The command that opens the article in the reader at this highlight."""
    return f"newsreader open --highlight {shlex.quote(block_id)} {shlex.quote(article_uid)}"


def block_ids(highlights: tuple[Highlight, ...]) -> dict[int, str]:
    """``hl-`` + the first 8 hex characters of each uid, lengthened only to stay unique.

    Older highlights claim their short id first, so adding a highlight never changes the
    id of one already exported.
    """
    ids: dict[int, str] = {}
    used: set[str] = set()
    for highlight in sorted(highlights, key=lambda h: h.id):
        key = "".join(c for c in highlight.uid.lower() if c.isalnum() and c.isascii()) or "0"
        for length in range(8, len(key) + 1):
            candidate = f"hl-{key[:length]}"
            if candidate not in used:
                break
        else:
            candidate = f"hl-{key}-{highlight.id}"
        used.add(candidate)
        ids[highlight.id] = candidate
    return ids


def highlight_start(library: Library, article_id: int, block_id: str) -> int | None:
    """Where the highlight an export calls ``block_id`` (``hl-...``) starts in the article's
    current text; None if the article has no such highlight, or it is an orphan."""
    highlights = tuple(library.annotations.highlights(article_id, order="reading"))
    wanted = block_id.strip().removeprefix("^").lower()
    for highlight_id, name in block_ids(highlights).items():
        if name == wanted:
            return next(h.start for h in highlights if h.id == highlight_id)
    return None


def _encode(text: str) -> str:
    # Everything but unreserved characters is escaped: "-", "," and "&" have a meaning in
    # the directive, and the rest keeps the URL valid.
    return quote(text, safe="").replace("-", "%2D")
