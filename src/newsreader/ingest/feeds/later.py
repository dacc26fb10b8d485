"""Addresses kept to fetch later (``library.pending``) -> articles, with retries."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from newsreader.ingest.feeds.entries import raw_page
from newsreader.ingest.http import Http, HttpError
from newsreader.ingest.preparing import Prepared, article_from, failure_message
from newsreader.storage import Library
from newsreader.storage.pending import PendingUrl

RETRIES = 3
BACKOFF_SECONDS = 1.0


def fetch_later(item: PendingUrl, http: Http, *, retries: int = RETRIES,
                backoff: float = BACKOFF_SECONDS,
                sleep: Callable[[float], None] = time.sleep) -> Prepared:
    """Fetch and clean a pending address, trying again after a wait that doubles each time
    when the failure may pass (no answer, a server error, too many requests)."""
    for attempt in range(retries + 1):
        try:
            raw = raw_page(http.get(item.url), source=item.url)
            article = article_from(raw)
        except HttpError as error:
            if error.transient and attempt < retries:
                sleep(backoff * 2 ** attempt)
                continue
            tries = f" (after {attempt + 1} tries)" if attempt else ""
            return Prepared(item.url, error=f"{error}{tries}")
        except Exception as error:  # untrusted page: described, never raised
            return Prepared(item.url, error=failure_message(error))
        if item.title and article.title in ("", "Untitled"):
            article = replace(article, title=item.title)
        return Prepared(item.url, raw, article)
    raise AssertionError("unreachable: the last attempt returns")


def keep_fetched(library: Library, item: PendingUrl, article_id: int) -> None:
    """Give the new article what the service knew (tags, note, archived, favourite) and
    take the address off the pending list."""
    if item.note and not any(note.body == item.note
                             for note in library.annotations.article_notes(article_id)):
        library.annotations.add_article_note(article_id, item.note)
    if item.tags:
        library.tags.update(article_id, add=item.tags)
    if item.archived:
        library.articles.set_archived(article_id, True)
    if item.favourite:
        library.articles.set_favourite(article_id, True)
    library.pending.remove(item.key)
