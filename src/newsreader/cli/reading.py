"""``newsreader open``: a file, URL or article id, straight into the reader."""

from __future__ import annotations

import click

from newsreader.cli.shared import Settings, complete_paths


@click.command(name="open")
@click.argument("source", metavar="SOURCE", shell_complete=complete_paths)
@click.option("--highlight", metavar="BLOCK-ID",
              help="Start at this highlight: its block id in an export (hl-...).")
@click.pass_obj
def open_command(settings: Settings, source: str, highlight: str | None) -> None:
    """Open SOURCE in the reader: a file or URL (imported first if new), an article id, or
    an article's newsreader-id from an export.

    `q` in the reader leads to the library; `q` there quits.
    """
    from newsreader.tui.launch import launch

    click.get_current_context().exit(
        launch(settings.db_path, open_source=source, open_highlight=highlight,
               on_upgrade=settings.say_upgrading))
