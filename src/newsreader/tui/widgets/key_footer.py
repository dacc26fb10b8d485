"""The key-binding footer of every screen, drawn as a single line by a single widget.

Why not Textual's ``Footer``: it is a container holding one ``FooterKey`` widget per key,
rebuilt (``recompose``) whenever the bindings change. Each key is styled, laid out and
rendered on its own; with a dozen keys that was a large share of every screen's first
frame (and of each focus change). This footer renders the same keys as one line of text,
styled like Textual's compact footer, and repaints (nothing is rebuilt) when the bindings
change. A click on a key presses it, as with ``Footer``.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeySpan(NamedTuple):
    """Where a key sits on the footer line, and whether pressing it does anything now."""

    start: int
    end: int
    key: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    """The keys of the focused screen's bindings marked ``show``, then the palette key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description"}  # noqa: RUF012
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spans: list[KeySpan] = []
        """The keys as drawn last, for clicks."""

    def on_mount(self) -> None:
        """Repaint when the screen's bindings change (focus moves, a check_action flips)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening to the screen."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def shown_bindings(self) -> list[tuple[Binding, bool]]:
        """The bindings to show, one per action, with whether each is enabled now."""
        seen: set[str] = set()
        shown = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled))
        return shown

    def _palette_binding(self) -> tuple[Binding, bool] | None:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return None if found is None else (found[1], found[2])

    def render(self) -> Text:
        """One line: ``key description`` for each key, the palette key on the right."""
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        width = self.size.width
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self.spans = []
        palette = self._palette_binding()
        tail = Text(end="")
        if palette is not None:
            binding, enabled = palette
            tail = self._key_text(binding, enabled, key_style, description_style)
            tail = Text("▏", style="dim", end="") + tail
        room = width - tail.cell_len
        for binding, enabled in self.shown_bindings():
            text = self._key_text(binding, enabled, key_style, description_style)
            start = line.cell_len
            if start + text.cell_len > room:
                line.append("…")
                break
            line.append_text(text)
            self.spans.append(KeySpan(start, line.cell_len, binding.key, enabled))
            line.append(" ")
        if palette is not None:
            line.pad_right(max(0, room - line.cell_len))
            start = line.cell_len + 1  # after the divider
            line.append_text(tail)
            self.spans.append(KeySpan(start, line.cell_len, palette[0].key, palette[1]))
        return line

    def _key_text(self, binding: Binding, enabled: bool, key_style: Style,
                  description_style: Style) -> Text:
        text = Text.assemble((self.app.get_key_display(binding), key_style),
                             (f" {binding.description}", description_style), end="")
        if not enabled:
            text.stylize("dim")
        return text

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key under the pointer (a bell if it does nothing here now)."""
        for span in self.spans:
            if span.start <= event.x < span.end:
                if span.enabled:
                    self.app.simulate_key(span.key)
                else:
                    self.app.bell()
                return
