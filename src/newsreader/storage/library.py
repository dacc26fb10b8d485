"""The Library: one SQLite file, reached through its parts (articles, annotations, ...)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.storage.annotations import Annotations
from newsreader.storage.articles import Articles
from newsreader.storage.connection import Target, translate
from newsreader.storage.errors import LibraryError
from newsreader.storage.identity import claim
from newsreader.storage.migrations import upgrade
from newsreader.storage.search import Search
from newsreader.storage.settings import Settings
from newsreader.storage.store import Store, utc_now
from newsreader.storage.tags import Tags

if TYPE_CHECKING:
    from sqlite_utils import Database

    from newsreader.storage.backup import Backup
    from newsreader.storage.deletion import Deletions
    from newsreader.storage.feeds import Feeds
    from newsreader.storage.imported import Imports
    from newsreader.storage.integrity import Integrity
    from newsreader.storage.pending import Pending


class Library:
    """A newsreader library in one SQLite file (or in memory, for ``":memory:"``).

    Each area has a part: ``articles``, ``annotations``, ``tags``, ``search``, ``backup``,
    ``settings``, ``integrity``, ``deletions``, ``imports``, ``pending``, ``feeds``; they
    share one connection. Every write is one short ``BEGIN IMMEDIATE`` transaction, committed before
    the method returns. SQLite errors leave as :class:`LibraryError` with a readable
    message. A connection serves one thread at a time: a worker thread uses its own, from
    :meth:`reopen`.
    """

    def __init__(self, path: Path | str | Target, *,
                 clock: Callable[[], str] = utc_now, create: bool = True,
                 on_upgrade: Callable[[], None] | None = None) -> None:
        """Open (upgrading as needed) the library at ``path``.

        A missing or empty file becomes a new library, unless ``create`` is false; another
        program's database is refused (LibraryError) and left as it was. ``on_upgrade`` is
        called before a library of an earlier version is upgraded.
        """
        target = path if isinstance(path, Target) else Target.of(path)
        # A Target is a library this process has open already (``reopen``). Looking at its
        # file again would open and close it outside SQLite, and closing a file drops every
        # lock the process holds on it, those of the open connections too: another process
        # could then reset the write-ahead log under them and damage the library.
        if not target.in_memory and not isinstance(path, Target):
            claim(Path(target.path), create=create)
        self._store = Store(target, clock=clock)
        try:
            upgrade(self._store.conn, target.path, on_upgrade=on_upgrade)
        except BaseException:
            self._store.close()
            raise
        self.articles = Articles(self._store)
        self.annotations = Annotations(self._store)
        self.tags = Tags(self._store)
        self.search = Search(self._store)
        self.settings = Settings(self._store)

    # The parts reading and annotating do not need are made when first used: opening the
    # library for the reader then loads none of their modules.

    @cached_property
    def backup(self) -> Backup:
        """Backup records and restore."""
        from newsreader.storage.backup import Backup

        return Backup(self._store)

    @cached_property
    def integrity(self) -> Integrity:
        """Checks of the file and of each article, and their repair."""
        from newsreader.storage.integrity import Integrity

        return Integrity(self._store)

    @cached_property
    def deletions(self) -> Deletions:
        """Deleting articles with everything of theirs, and undoing it."""
        from newsreader.storage.deletion import Deletions

        return Deletions(self._store)

    @cached_property
    def imports(self) -> Imports:
        """Highlights, notes, tags and flags brought in from other tools."""
        from newsreader.storage.imported import Imports

        return Imports(self._store)

    @cached_property
    def pending(self) -> Pending:
        """Addresses waiting to be fetched."""
        from newsreader.storage.pending import Pending

        return Pending(self._store)

    @cached_property
    def feeds(self) -> Feeds:
        """Feed subscriptions and what was fetched from them."""
        from newsreader.storage.feeds import Feeds

        return Feeds(self._store)

    @property
    def path(self) -> Path | str:
        """Where the library lives, as given when it was opened (``":memory:"`` included)."""
        return self._store.path

    @property
    def db(self) -> Database:
        """sqlite-utils over this library's connection, for tests, benchmarks and scripts
        that need to look at or set up tables directly. The program itself uses the parts."""
        return self._store.db

    def reopen(self) -> Library:
        """Another Library on the same database with a connection of its own, for a worker.

        Writes committed on either are seen by the other. The caller closes it (it is a
        context manager); a ``:memory:`` library stays alive while any of its connections
        is open.
        """
        return Library(self._store.target, clock=self._store.clock)

    def close(self) -> None:
        """Close this library's connection."""
        self._store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_library(path: Path | str, *, create: bool = True,
                 on_upgrade: Callable[[], None] | None = None) -> Library:
    """Open the library at ``path``, upgrading it as needed (``on_upgrade`` is called
    before a library of an earlier version is upgraded).

    With ``create`` (the default) a missing file, and the folders above it, become a new
    library; without, a path that holds no library is a LibraryError and nothing is made.
    """
    try:
        return Library(path, create=create, on_upgrade=on_upgrade)
    except sqlite3.Error as error:
        raise translate(error, path) from None
    except OSError as error:
        raise LibraryError(f"cannot open {path}: {error.strerror or error}") from None
