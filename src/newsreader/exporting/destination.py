"""Where the TUI exports to: NEWSREADER_EXPORT_DIR, else the settings file's export_folder,
else the user's documents folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

EXPORT_ENV_VARIABLE = "NEWSREADER_EXPORT_DIR"


def default_export_dir() -> Path:
    """Where the TUI's ``E`` writes Markdown: $NEWSREADER_EXPORT_DIR if set, else the
    settings file's ``export_folder``, else a ``newsreader`` folder in the user's documents
    directory."""
    if value := os.environ.get(EXPORT_ENV_VARIABLE):
        return Path(value).expanduser()
    from newsreader.storage.config import load_config  # read when exporting, not at start

    if (folder := load_config().config.export_folder) is not None:
        return folder
    return Path(platformdirs.user_documents_dir()) / "newsreader"
