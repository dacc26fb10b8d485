"""Where the library lives: platformdirs by default, NEWSREADER_DB or --db to override."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VARIABLE = "NEWSREADER_DB"
DATABASE_NAME = "library.db"


def default_database_path() -> Path:
    """The library's path in the user data directory of this platform."""
    return Path(platformdirs.user_data_dir("newsreader", appauthor=False)) / DATABASE_NAME


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library path in use: ``explicit`` (from --db), else $NEWSREADER_DB, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    if value := os.environ.get(ENV_VARIABLE):
        return Path(value).expanduser()
    return default_database_path()
