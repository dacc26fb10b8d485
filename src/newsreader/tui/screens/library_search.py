"""Searching the library off the UI thread: the as-you-type query and its own connection.

A search in a large library takes long enough to delay the next keystroke (far longer for a
very short prefix), so it runs in a thread worker. That worker uses a second connection to
the same file: the UI thread keeps querying its own (paging the list, saving flags) and
SQLite connections must not be used by two threads at once. A new keystroke interrupts the
query still running.
"""

from __future__ import annotations

import re
import threading

from newsreader.domain.search_query import Query, parse
from newsreader.storage import Library, LibraryError
from newsreader.storage.search import SearchHit

# Completing the word being typed makes results appear before it is finished; below three
# letters a prefix matches a large part of the vocabulary and takes seconds at 100k, so a
# shorter last word is left out until it grows (unless it is the only word).
PREFIX_MIN = 3
_LAST_WORD = re.compile(r"(?:^|\s)(\w+)$")
_PENDING = re.compile(r"(?:^|\s)is:pending(?:\s|$)", re.IGNORECASE)


def asks_for_pending(text: str) -> bool:
    """Whether the search names ``is:pending``: the addresses waiting to be fetched, which
    are not articles and are listed on a screen of their own."""
    return _PENDING.search(text) is not None


def as_you_type(text: str) -> Query:
    """Parse ``text`` as typed so far: its last bare word is taken as a prefix (3+ letters)
    or left out (shorter, after other words).

    Raises QueryError, with the message for the person typing, for a malformed query.
    """
    query = parse(text)
    last = _LAST_WORD.search(text)
    if last is None or text.count('"') % 2:
        return query
    if len(last.group(1)) >= PREFIX_MIN:
        return parse(text + "*")
    shorter = parse(text[:last.start(1)])
    return query if shorter.is_empty else shorter


def exact_part(text: str, query: Query) -> Query | None:
    """The query ``text`` makes as ``newsreader search`` reads it, when :func:`as_you_type`
    made ``query`` something else of it (its last word a prefix): its matches rank first,
    as that command ranks them, before the words the prefix completes. None otherwise."""
    exact = parse(text)
    return exact if exact.match and exact.match != query.match else None


class SearchConnection:
    """A second, lazily opened Library on the same file, used by one search at a time."""

    def __init__(self, library: Library) -> None:
        self._main = library
        self._library: Library | None = None
        self._lock = threading.Lock()
        self._closed = False

    def search(self, query: Query, *, limit: int, offset: int = 0,
               include_archived: bool = False,
               exact_first: Query | None = None) -> list[SearchHit]:
        """Run a search (in any thread); LibraryError if it fails or was interrupted."""
        with self._lock:
            library = self._open()
            return library.search.run(query, limit=limit, offset=offset,
                                      include_archived=include_archived,
                                      exact_first=exact_first)

    def interrupt(self) -> None:
        """Abort the search running now, if any (its caller gets LibraryError)."""
        if self._library is not None:
            self._library.search.interrupt()

    def close(self) -> None:
        """Stop any search and close the second connection."""
        self.interrupt()
        with self._lock:
            self._closed = True
            if self._library is not None:
                self._library.close()
            self._library = None

    def _open(self) -> Library:
        if self._library is None:
            if self._closed:
                raise LibraryError("the search was closed")
            self._library = self._main.reopen()
        return self._library
