"""One source -> the article to save: read, decoded, cleaned and checked for readable text.

This is the part of an import that needs no library, so that a folder's pages can be
prepared in other processes (``ingest/import_pool.py``) while this one writes them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import BinaryIO
from urllib.parse import urlparse

from newsreader.domain.models import Article
from newsreader.ingest.cleaning import SourceKind, clean
from newsreader.ingest.cleaning.html_limits import PageTooLargeError
from newsreader.ingest.decoding import UnreadableSourceError, decode
from newsreader.ingest.sources import RawSource, SourceError, read
from newsreader.storage import LibraryError


@dataclass(frozen=True)
class Prepared:
    """A source read and cleaned, ready to save; or why it could not be."""

    source: str
    raw: RawSource | None = None
    article: Article | None = None
    error: str | None = None


def prepare(source: str, *, stdin: BinaryIO | None = None) -> Prepared:
    """Read and clean one source; any failure is caught and described, never raised."""
    try:
        raw = read(source, stdin=stdin)
        return Prepared(source, raw, article_from(raw))
    except Exception as error:  # untrusted input: one odd page must not stop the batch
        return Prepared(source, error=failure_message(error))


def article_from(raw: RawSource) -> Article:
    """The cleaned article in a source's bytes; UnreadableSourceError if it has no text."""
    text = decode(raw.data, html=raw.kind == "html", charset=raw.charset)
    article = clean(text, kind=raw.kind, url=raw.url)
    if not _has_readable_text(article, raw.kind):
        raise UnreadableSourceError("no readable text")
    if article.site is None and raw.url:
        article = replace(article, site=urlparse(raw.url).hostname)
    return article


def failure_message(error: Exception) -> str:
    """What the import report says about a source that failed with this error."""
    if isinstance(error, SourceError | UnreadableSourceError | LibraryError | PageTooLargeError):
        return str(error)
    if isinstance(error, RecursionError):
        return "the document is nested too deeply to read"
    return f"the cleaner could not read it ({type(error).__name__})"


def _has_readable_text(article: Article, kind: SourceKind) -> bool:
    """Whether there is anything to read: body text, or a title for plain text and
    Markdown, where the title line is itself the writer's words. An HTML page's title
    alone is not an article: a page that needs JavaScript to show anything has one."""
    if _readable(article.text):
        return True
    # "Untitled" is what the cleaners call a document in which they found no title
    return kind != "html" and article.title != "Untitled" and _readable(article.title)


def _readable(text: str) -> bool:
    """True if the text has a letter, digit, punctuation mark or symbol: something visible."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)
