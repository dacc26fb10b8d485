"""The only package that speaks SQL: the Library and its schema migrations."""

from newsreader.storage.errors import LibraryError, NotFoundError
from newsreader.storage.library import AddOutcome, Library

__all__ = ["AddOutcome", "Library", "LibraryError", "NotFoundError"]
