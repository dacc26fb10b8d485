"""Errors the Library raises; each front end turns them into a clear message."""

from __future__ import annotations


class LibraryError(Exception):
    """The library cannot do what was asked (unreadable, newer schema, locked, full disk...)."""


class NotFoundError(LibraryError):
    """No article, highlight or note has the id asked for."""
