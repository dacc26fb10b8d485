"""The article's original on the web: its address, and fetching it again as a new revision."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlparse

from newsreader.domain.models import StoredArticle
from newsreader.storage import Library

if TYPE_CHECKING:
    from newsreader.ingest.importing import ImportResult

WEB_SCHEMES = frozenset({"http", "https"})


def is_web(address: str | None) -> bool:
    """Whether ``address`` is an http(s) URL (the only kind opened or fetched)."""
    return bool(address) and urlparse(address or "").scheme.lower() in WEB_SCHEMES


def original_url(stored: StoredArticle) -> str | None:
    """The article's own address: the URL it was fetched from, else the one the page gives
    for itself; None if it has no web address."""
    for address in (stored.source, stored.article.url):
        if is_web(address):
            return address
    return None


def fetched_from(stored: StoredArticle) -> str | None:
    """The URL the article was saved from, if it was saved from one (fetching that again
    makes a new revision; any other address would be another article)."""
    return stored.source if is_web(stored.source) else None


def refetch(library: Library, url: str) -> ImportResult:
    """Fetch ``url`` again and save it as the importer saves any source: a new revision if
    it changed, its highlights placed again. Call it on a connection of its own, in a
    worker thread."""
    from newsreader.ingest.importing import import_one  # the cleaner loads when first used

    return import_one(library, url)


def refetch_message(result: ImportResult) -> tuple[str, bool]:
    """What to tell the reader about a fetch, and whether it was a failure."""
    if result.status == "failed":
        return f"Could not fetch the original: {result.error or 'unknown error'}", True
    if result.status == "unchanged":
        return "The original has not changed since it was saved.", False
    placed = ""
    if result.anchoring is not None:
        placed = f" Highlights placed again: {result.anchoring.describe()}."
    if result.status == "restored":
        return ("The original is as an earlier revision was: that one is current again."
                f"{placed}", False)
    return f"Saved the changed original as a new revision.{placed}", False
