"""The ``newsreader`` console command: the CLI, started with garbage collection paused.

The two commands that start the TUI, ``newsreader`` and ``newsreader open SOURCE`` (each
with ``--db PATH`` or not), are recognised here and started without loading the command
line's modules: click and the subcommands take ~8 ms to import, of the ~0.25 s it takes
to show the first frame. Every other command line, ``--help`` included, goes to the CLI, which
accepts the same two forms with the same meaning (a test holds them to it).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NamedTuple

from newsreader.startup import pause_collection


class TuiStart(NamedTuple):
    """What a command line that starts the TUI asks for."""

    db: str | None
    source: str | None  # ``open SOURCE``; None for the library


def tui_start(args: Sequence[str]) -> TuiStart | None:
    """The TUI start ``args`` (the command line after the program name) ask for, or None
    when they are anything else (a subcommand, an option, a mistake) for the CLI to read."""
    db = None
    rest = list(args)
    if rest and rest[0].startswith("--db="):
        db, rest = rest[0].removeprefix("--db="), rest[1:]
    elif len(rest) >= 2 and rest[0] == "--db":
        db, rest = rest[1], rest[2:]
    if db is not None and (not db or db.startswith("-")):
        return None
    if not rest:
        return TuiStart(db, None)
    if len(rest) == 2 and rest[0] == "open" and rest[1] and not rest[1].startswith("-"):
        return TuiStart(db, rest[1])
    return None


def run() -> None:
    """Run the command line (see :mod:`newsreader.startup` for why collection is paused)."""
    pause_collection()
    start = tui_start(sys.argv[1:])
    if start is None:
        from newsreader.cli import main

        main()
        return
    sys.exit(_start_tui(start))


def _start_tui(start: TuiStart) -> int:
    """Run the TUI as the CLI would: a library error is one line on stderr and status 1."""
    from newsreader.storage import LibraryError
    from newsreader.storage.location import database_path
    from newsreader.tui.launch import launch

    try:
        return launch(database_path(start.db), open_source=start.source)
    except LibraryError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
