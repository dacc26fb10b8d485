"""Errors the Library raises; each front end turns them into a clear message."""

from __future__ import annotations


class LibraryError(Exception):
    """The library cannot do what was asked (unreadable, newer schema, locked, full disk...)."""


class NotFoundError(LibraryError):
    """No article, highlight or note has the id asked for."""


class DamagedArticleError(LibraryError):
    """An article's current revision is stored but cannot be read (its structure is not
    the JSON it should be, or its text is not text). Only that article is affected;
    ``newsreader check --repair`` can point it back at a readable revision."""

    def __init__(self, article_id: int, reason: str) -> None:
        super().__init__(
            f"article {article_id} is damaged: {reason}; `newsreader check --repair` brings "
            "back its newest readable revision, if it has one")
        self.article_id = article_id
        self.reason = reason
