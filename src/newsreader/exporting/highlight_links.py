"""Ways back from an exported highlight to its passage: a text-fragment link into the page,
and the command line that opens it in newsreader."""

from __future__ import annotations

import shlex
from urllib.parse import quote

from newsreader.domain.models import Highlight

# A quote longer than this many words is linked by its first and last words (textStart,
# textEnd), which browsers match across paragraphs, rather than in full.
_WHOLE_QUOTE_WORDS = 8
_EDGE_WORDS = 4
_CONTEXT_WORDS = 3


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


def _encode(text: str) -> str:
    # Everything but unreserved characters is escaped: "-", "," and "&" have a meaning in
    # the directive, and the rest keeps the URL valid.
    return quote(text, safe="").replace("-", "%2D")
