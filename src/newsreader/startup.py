"""Start-up with Python's cyclic garbage collector paused.

Starting the TUI creates a few hundred thousand long-lived objects (modules, classes,
styles, widgets). Each full collection in that phase walks all of them, and several run
before the first frame: about 40 ms of a 0.35 s start, for garbage that is almost all
still in use. So the ``newsreader`` command pauses collection before its imports and
resumes it once the start-up work is done: right away for the plain CLI commands, and a
moment after the first frame for the TUI. On resuming, everything alive so far is moved
to the permanent generation (``gc.freeze``), so later collections do not walk it again.
"""

from __future__ import annotations

import gc


def pause_collection() -> None:
    """Stop automatic garbage collection until :func:`resume_collection`."""
    gc.disable()


def resume_collection() -> None:
    """Collect automatically again, leaving the objects made so far out of it."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
