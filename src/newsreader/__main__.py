"""Run newsreader with ``python -m newsreader``."""

from newsreader.entry import run

run()
