"""Help: the keys of the screen underneath, built from its real bindings.

The app's own keys come first, grouped as the screen's, its parts' and the app's; the keys
Textual's own widgets bring (editing in a text box, moving in a text area) are listed apart,
after them, so that they never crowd out the keys of newsreader itself.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

HelpRows = list[tuple[str, list[tuple[str, str]]]]
"""Sections of help: (section title, [(keys, description), ...])."""
BUILT_IN = "Textual's own keys (text boxes, scrolling)"


def _from_textual(node: DOMNode, binding: Binding) -> bool:
    """Whether ``binding`` is one Textual's own class brought, not one of ours (the most
    particular class that declares the key for the action is the one that brought it)."""
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS", [])
        if any(made.key == binding.key and made.action == binding.action
               for made in Binding.make_bindings(declared)):
            return cls.__module__.split(".")[0] == "textual"
    return False


def _section(node: DOMNode, binding: Binding, screen_title: str) -> tuple[int, str]:
    """Where a binding goes: the screen's first, then its parts', then the app's (the keys
    that work everywhere are the least particular to the screen), then Textual's own."""
    if _from_textual(node, binding):
        return 3, BUILT_IN
    if isinstance(node, Screen):
        return 0, screen_title
    if isinstance(node, App):
        return 2, "Everywhere"
    return 1, str(getattr(node, "HELP_SECTION", f"In the {type(node).__name__}"))


def binding_rows(screen: Screen[object], screen_title: str) -> HelpRows:
    """Every enabled, described binding active on ``screen``, keys merged per action."""
    app = screen.app
    sections: dict[tuple[int, str], dict[tuple[str, str], list[str]]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not active.enabled or not binding.description:
            continue
        rows = sections.setdefault(_section(active.node, binding, screen_title), {})
        keys = rows.setdefault((binding.action, binding.description), [])
        key = app.get_key_display(binding)
        if key not in keys:
            keys.append(key)
    return [(title, [(", ".join(keys), description)
                     for (_, description), keys in rows.items()])
            for (_, title), rows in sorted(sections.items(), key=lambda item: item[0])]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from; any of ``escape ? q`` closes it,
    ``j``/``k`` (and the arrows, page keys, ``g``/``G``) scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
        Binding("j", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="help.up"),
        Binding("g", "edge(0)", "Top", show=False, id="help.top"),
        Binding("G", "edge(1)", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, title: str, sections: HelpRows) -> None:
        super().__init__()
        self.title_text = title
        self.sections = sections

    @property
    def rows(self) -> list[tuple[str, str]]:
        """Every (keys, description) row, all sections together."""
        return [row for _, rows in self.sections for row in rows]

    def compose(self) -> ComposeResult:
        """A title, then each section's keys and what they do."""
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(Content(f"Keys: {self.title_text}"), id="help-title")
            width = max((len(keys) for keys, _ in self.rows), default=0) + 2
            with VerticalScroll(id="help-keys"):
                for section, rows in self.sections:
                    yield Static(Content(section), classes="help-section")
                    lines = [Content.assemble((f"{keys:<{width}}", "bold"), description)
                             for keys, description in rows]
                    yield Static(Content("\n").join(lines), classes="help-rows")
            yield Static(Content("j/k scroll; escape, ? or q closes this; ctrl+p opens the "
                                 "command palette"), id="help-footer")

    def on_mount(self) -> None:
        """Arrows and page keys scroll the list of keys."""
        self.query_one("#help-keys").focus()

    def action_scroll(self, lines: int) -> None:
        """Scroll the keys by ``lines``."""
        self.query_one("#help-keys", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_edge(self, end: int) -> None:
        """Scroll to the first keys, or the last."""
        keys = self.query_one("#help-keys", VerticalScroll)
        if end:
            keys.scroll_end(animate=False)
        else:
            keys.scroll_home(animate=False)
