"""Where the library lives: platformdirs by default, NEWSREADER_DB or --db to override."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from newsreader.storage.errors import LibraryError

ENV_VARIABLE = "NEWSREADER_DB"
DATABASE_NAME = "library.db"


def default_database_path() -> Path:
    """The library's path in the user data directory of this platform."""
    return Path(platformdirs.user_data_dir("newsreader", appauthor=False)) / DATABASE_NAME


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library path in use: ``explicit`` (from --db), else $NEWSREADER_DB, else the default.

    An empty path is a LibraryError: it is a mistake (an unset shell variable, say), and
    quietly using the default library instead would write where nobody asked.
    """
    if explicit is not None:
        return _given(os.fspath(explicit), "--db", "leave the option out")
    if (value := os.environ.get(ENV_VARIABLE)) is not None:
        return _given(value, ENV_VARIABLE, "unset it")
    return default_database_path()


def _given(value: str, where: str, otherwise: str) -> Path:
    if not value.strip():
        raise LibraryError(f"{where} is empty: give the path of a library file, or "
                           f"{otherwise} for the default library")
    return Path(value).expanduser()
