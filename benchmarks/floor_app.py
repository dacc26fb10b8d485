"""The floor: the smallest Textual app that draws a line, run with the same Python.

``floor_app.py [MARKER]`` shows one line, ``MARKER`` (default ``Floorready``). For the
keypress baselines, ``--text FILE`` makes ``enter`` push a screen showing FILE in a stock
read-only, soft-wrapped ``TextArea`` (what Textual offers for a long text); ``--line``
makes ``enter`` push a screen of one line holding FILE's first ``Zqfirstline`` line only.
``G`` on that screen goes to the end of the text. ``ctrl+q`` quits.
"""

from __future__ import annotations

import argparse

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static, TextArea


class TextScreen(Screen[None]):
    """A stock read-only TextArea over the text; ``G`` to its end."""

    BINDINGS = [Binding("G", "end", "End")]  # noqa: RUF012

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """The text area."""
        yield TextArea(self.text, read_only=True, soft_wrap=True)

    def action_end(self) -> None:
        """Cursor and view to the end."""
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)
        area.scroll_end(animate=False, immediate=True)


class FloorApp(App[None]):
    """One line; optionally a second screen on ``enter``."""

    BINDINGS = [Binding("enter", "open", "Open")]  # noqa: RUF012

    def __init__(self, marker: str, text: str | None, one_line: bool) -> None:
        super().__init__()
        self.marker = marker
        self.text = text
        self.one_line = one_line

    def compose(self) -> ComposeResult:
        """The one line."""
        yield Static(self.marker)

    def action_open(self) -> None:
        """Show the text (or its first line) on a screen of its own."""
        if self.text is None:
            return
        if self.one_line:
            first = next(line for line in self.text.splitlines() if "Zqfirstline" in line)
            screen = Screen[None]()
            self.push_screen(screen)
            screen.mount(Static(first[:100]))
        else:
            self.push_screen(TextScreen(self.text))


def main() -> None:
    """Parse the arguments and run the app."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("marker", nargs="?", default="Floorready")
    parser.add_argument("--text", help="a file to show on enter")
    parser.add_argument("--line", action="store_true", help="show only its first line")
    args = parser.parse_args()
    text = None
    if args.text:
        with open(args.text, encoding="utf-8") as handle:
            text = handle.read()
    FloorApp(args.marker, text, args.line).run()


if __name__ == "__main__":
    main()
