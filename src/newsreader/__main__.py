"""Run newsreader with ``python -m newsreader``."""

from newsreader.cli import main

main(prog_name="newsreader")
