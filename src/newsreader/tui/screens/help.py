"""Help: the keys of the screen underneath, built from its real bindings."""

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


def _section(node: DOMNode, screen_title: str) -> tuple[int, str]:
    """Where a node's bindings go: the screen's first, then the widgets', then the app's
    (the keys that work everywhere come last: they are the least particular to the screen)."""
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
        rows = sections.setdefault(_section(active.node, screen_title), {})
        keys = rows.setdefault((binding.action, binding.description), [])
        key = app.get_key_display(binding)
        if key not in keys:
            keys.append(key)
    return [(title, [(", ".join(keys), description)
                     for (_, description), keys in rows.items()])
            for (_, title), rows in sorted(sections.items(), key=lambda item: item[0])]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from; any of ``escape ? q`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
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
            yield Static(Content("escape, ? or q closes this; ctrl+p opens the command palette"),
                         id="help-footer")

    def on_mount(self) -> None:
        """Arrows and page keys scroll the list of keys."""
        self.query_one("#help-keys").focus()
