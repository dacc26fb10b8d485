"""The key-binding footer of every screen, drawn as a single line by a single widget.

Why not Textual's ``Footer``: it is a container holding one ``FooterKey`` widget per key,
rebuilt (``recompose``) whenever the bindings change. Each key is styled, laid out and
rendered on its own; with a dozen keys that was a large share of every screen's first
frame (and of each focus change). This footer renders the same keys as one line of text,
styled like Textual's compact footer, and repaints (nothing is rebuilt) when the bindings
change. A click on a key presses it, as with ``Footer``.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style as VisualStyle
from textual.widget import Widget

HELP_ACTION = "help"  # the key kept in sight when the others do not all fit


class KeySpan(NamedTuple):
    """Where a key sits on the footer line, and whether pressing it does anything now."""

    start: int
    end: int
    key: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    """The keys of the focused screen's bindings marked ``show``, then the palette key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description"}
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

    def shown_bindings(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The bindings to show, one per action, each with whether it is enabled now; and
        the command palette's binding (None when there is no palette)."""
        active = self.screen.active_bindings  # computed afresh on every access: once here
        seen: set[str] = set()
        shown = []
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is None or not self.app.ENABLE_COMMAND_PALETTE:
            return shown, None
        return shown, (palette[1], palette[2])

    def render(self) -> Content:
        """One line: ``key description`` for each key, the palette key on the right. When
        they do not all fit, the line ends in "…" and the help key, so that ``?`` (which
        lists them all) is always in sight."""
        styles = (self.get_visual_style("key-footer--key", partial=True),
                  self.get_visual_style("key-footer--description", partial=True))
        shown, palette = self.shown_bindings()
        tail = Content()
        if palette is not None:
            tail = Content.assemble(("▏", "dim"), self._key_text(*palette, styles))
        limit = self.size.width - tail.cell_length
        keys = [(binding, enabled, self._key_text(binding, enabled, styles))
                for binding, enabled in shown]
        if sum(text.cell_length + 1 for *_, text in keys) - 1 > limit:
            kept = [key for key in keys if key[0].action == HELP_ACTION][-1:]
            keys = [key for key in keys if key not in kept]
            limit -= sum(text.cell_length + 1 for *_, text in kept)
        else:
            kept = []
        parts: list[Content] = []
        self.spans = []
        used = 0

        def add(binding: Binding, enabled: bool, text: Content) -> None:
            nonlocal used
            gap = 1 if used else 0
            parts.extend([Content(" " * gap), text])
            self.spans.append(KeySpan(used + gap, used + gap + text.cell_length, binding.key,
                                      enabled))
            used += gap + text.cell_length

        for binding, enabled, text in keys:
            gap = 1 if used else 0
            if used + gap + text.cell_length > limit - 2:  # 2: room left for " …"
                parts.append(Content(" " * gap + "…"))
                used += gap + 1
                break
            add(binding, enabled, text)
        for binding, enabled, text in kept:
            add(binding, enabled, text)
        if palette is not None:
            parts.append(Content(" " * (self.size.width - tail.cell_length - used)))
            start = self.size.width - tail.cell_length + 1  # after the divider
            self.spans.append(KeySpan(start, start + tail.cell_length - 1, palette[0].key,
                                      palette[1]))
            parts.append(tail)
        return Content("").join(parts)

    def _key_text(self, binding: Binding, enabled: bool,
                  styles: tuple[VisualStyle, VisualStyle]) -> Content:
        key_style, description_style = styles
        text = Content.assemble((self.app.get_key_display(binding), key_style),
                                (f" {binding.description}", description_style))
        return text if enabled else text.stylize("dim")

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key under the pointer (a bell if it does nothing here now)."""
        for span in self.spans:
            if span.start <= event.x < span.end:
                if span.enabled:
                    self.app.simulate_key(span.key)
                else:
                    self.app.bell()
                return
