"""The ``newsreader`` console command: the CLI, started with garbage collection paused."""

from __future__ import annotations

from newsreader.startup import pause_collection


def run() -> None:
    """Run the command line (see :mod:`newsreader.startup` for why collection is paused)."""
    pause_collection()
    from newsreader.cli import main

    main()
