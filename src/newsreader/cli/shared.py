"""What the command modules share: the group's settings, a progress bar, common messages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from newsreader.cli.output import say
from newsreader.domain.models import StoredArticle
from newsreader.storage import Library, NotFoundError, open_library
from newsreader.storage.location import database_path

ARTICLE_ID = click.IntRange(1, 2**63 - 1)
"""An article id: a whole number SQLite can store (a larger one is a usage error)."""


newline_json = click.option(
    "--nl", "as_lines", is_flag=True,
    help="Print newline-delimited JSON: one object per line (for jq, sqlite-utils, scripts).")
"""The ``--nl`` option of the commands that print lists."""


class Settings:
    """What the group's options decided (the library file), handed to every command."""

    def __init__(self, db: str | None) -> None:
        """Take the library path from ``db`` (--db or NEWSREADER_DB); empty is refused."""
        self.db_path: Path = database_path(db)

    def open(self, *, create: bool = True) -> Library:
        """Open the library these options name.

        A command that only reads passes ``create=False``: where there is no library it
        says so, and makes no folder and no empty library.
        """
        return open_library(self.db_path, create=create, on_upgrade=self.say_upgrading)

    def say_upgrading(self) -> None:
        """Tell the user why the first start after an update may take a while."""
        say(f"Upgrading {self.db_path} to this version's format (once; a large library "
            "takes a minute or two)...", err=True)


def get_article(library: Library, article_id: int) -> StoredArticle:
    """The article with this id, or a one-line error that says where ids are found."""
    try:
        return library.articles.get(article_id)
    except NotFoundError as error:
        raise click.ClickException(f"{error}; `newsreader list` shows the ids") from None


def complete_paths(ctx: click.Context, param: click.Parameter,
                   incomplete: str) -> list[CompletionItem]:
    """Shell completion of file and folder names (the shell lists them itself)."""
    return [CompletionItem(incomplete, type="file")]


class ProgressBar:
    """A progress bar on stderr for work over several items (shown from two items on)."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None

    @classmethod
    def on_terminal(cls, label: str) -> ProgressBar | None:
        """A bar when stderr is a terminal; None (no bar) when it is a file or a pipe."""
        return cls(label) if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int, item: str) -> None:
        """Advance by one item of ``total``."""
        if total < 2:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=self._label, file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        """Finish the bar, if one was shown."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
