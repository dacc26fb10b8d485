"""The first screen of ``newsreader open SOURCE`` while the source is imported and cleaned."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from newsreader.tui.safe import one_line


class OpeningScreen(Screen[None]):
    """Says which source is being opened; the app shows the reader over it when it is."""

    DEFAULT_CSS = """
    OpeningScreen #opening-text {
        width: auto;
        color: $text-muted;
    }
    """

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        """One line in the middle of the screen."""
        with Middle(), Center():
            yield Static(Content(f"Opening {one_line(self.source)}\u2026"), id="opening-text")
