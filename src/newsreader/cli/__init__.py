"""The command line: ``newsreader`` opens the reader; subcommands work without the TUI.

This module is the one place that registers commands. Each is named by the module that
defines it and loaded only when used, so ``newsreader`` and ``newsreader open SOURCE``
import none of the other commands' modules. Command modules take what they share from
:mod:`newsreader.cli.shared`, never from here.
"""

from __future__ import annotations

from typing import Any

import click

from newsreader import __version__
from newsreader.cli.lazy_group import LazyGroup
from newsreader.cli.output import safe_error, say
from newsreader.cli.shared import Settings
from newsreader.storage import LibraryError

COMMANDS = {
    "add": "newsreader.cli.articles:add",
    "list": "newsreader.cli.articles:list_command",
    "show": "newsreader.cli.articles:show",
    "delete": "newsreader.cli.articles:delete",
    "locate": "newsreader.cli.articles:locate",
    "open": "newsreader.cli.reading:open_command",
    "search": "newsreader.cli.search:search",
    "tag": "newsreader.cli.search:tag",
    "tags": "newsreader.cli.search:tags",
    "read": "newsreader.cli.search:read",
    "unread": "newsreader.cli.search:unread",
    "archive": "newsreader.cli.search:archive",
    "unarchive": "newsreader.cli.search:unarchive",
    "favourite": "newsreader.cli.search:favourite",
    "unfavourite": "newsreader.cli.search:unfavourite",
    "highlight": "newsreader.cli.annotating:highlight",
    "note": "newsreader.cli.annotating:note",
    "notes": "newsreader.cli.annotating:notes",
    "reclean": "newsreader.cli.annotating:reclean",
    "export": "newsreader.cli.export:export",
    "restore": "newsreader.cli.export:restore",
    "check": "newsreader.cli.check:check",
    "import": "newsreader.cli.importing:import_command",
    "pending": "newsreader.cli.importing:pending",
    "feeds": "newsreader.cli.feeds:feeds",
    "fetch": "newsreader.cli.fetch:fetch",
}


class NewsreaderGroup(LazyGroup):
    """The command group: expected errors become one clear line, never a traceback.

    Every error is printed through the terminal-safe writer: its text can hold a file
    name, a title or an argument.
    """

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        """Parse the group's own options; a usage error there is printed safely too."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as error:
            raise safe_error(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a library error is one line and status 1, Ctrl-C status 130."""
        try:
            return super().invoke(ctx)
        except LibraryError as error:
            raise safe_error(click.ClickException(str(error))) from None
        except click.ClickException as error:
            raise safe_error(error) from None
        except KeyboardInterrupt:
            say("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=NewsreaderGroup, lazy_commands=COMMANDS, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", metavar="PATH", envvar="NEWSREADER_DB",
              help="The library file to use (default: the user data folder; env NEWSREADER_DB).")
@click.version_option(__version__, prog_name="newsreader")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Read, highlight and annotate saved articles in the terminal.

    Run without a command to open the library in the reader.
    """
    ctx.obj = Settings(db)
    if ctx.invoked_subcommand is None:
        from newsreader.tui.launch import launch

        ctx.exit(launch(ctx.obj.db_path, on_upgrade=ctx.obj.say_upgrading))
