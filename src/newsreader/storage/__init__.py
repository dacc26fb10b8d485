"""The only package that speaks SQL: the Library, its parts and its schema migrations."""

from newsreader.storage.articles import AddOutcome, Original, SortKey
from newsreader.storage.errors import DamagedArticleError, LibraryError, NotFoundError
from newsreader.storage.library import Library, open_library

__all__ = ["AddOutcome", "DamagedArticleError", "Library", "LibraryError", "NotFoundError",
           "Original", "SortKey", "open_library"]
