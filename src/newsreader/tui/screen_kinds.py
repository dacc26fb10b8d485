"""Which screen is which, without importing screens that are loaded only when first shown.

The reader, library, highlights, help and import screens are imported when first needed, so
that start-up pays only for the first screen; a screen whose module is not loaded yet
cannot be on the stack.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from newsreader.tui.screens.library import LibraryScreen


def showing(screen: Screen[Any], module: str, name: str) -> bool:
    """True if ``screen`` is a ``name`` from ``newsreader.tui.screens.<module>``."""
    loaded = sys.modules.get(f"newsreader.tui.screens.{module}")
    return loaded is not None and isinstance(screen, getattr(loaded, name))


def as_library(screen: Screen[Any]) -> LibraryScreen | None:
    """``screen`` if it is the library screen, else None."""
    return cast("LibraryScreen", screen) if showing(screen, "library", "LibraryScreen") \
        else None
