"""Help: every key of the app, grouped by screen, built from the real bindings.

The keys of the screen underneath come first, as they are at the moment, grouped as the
screen's and its parts'; then the keys of each other screen (as declared, with the keys the
settings file remaps), then the app's, that work everywhere. The keys Textual's own widgets
bring (editing in a text box, moving in a text area) are listed apart, last, so that they
never crowd out the keys of newsreader itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
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
EVERYWHERE = "Everywhere"
SCREENS = {"library": "Library", "reader": "Reader", "highlights": "Highlights",
           "note": "Note editor", "tags": "Tag editor", "help": "Help",
           "lists": "Lists of rows"}
"""Each screen's title, by the first part of its binding ids (``app.`` ids: everywhere)."""
KEY_MODULES = (
    "newsreader.tui.app",
    "newsreader.tui.widgets.article_list", "newsreader.tui.screens.library_actions",
    "newsreader.tui.screens.library",
    "newsreader.tui.screens.reader.screen", "newsreader.tui.screens.reader.search",
    "newsreader.tui.screens.reader.visual_mode", "newsreader.tui.screens.reader.annotator",
    "newsreader.tui.screens.highlights", "newsreader.tui.screens.note_editor",
    "newsreader.tui.screens.tag_editor", "newsreader.tui.screens.feeds",
    "newsreader.tui.screens.pending", "newsreader.tui.screens.help",
    "newsreader.tui.widgets.row_list",
)
"""The modules whose classes declare the app's keys, in the order the help lists them. A
new screen's module goes here: tests/tui/test_help_screen.py finds every binding the TUI
declares and fails while one is missing from the help."""


def declared_bindings() -> Iterator[tuple[type[DOMNode], Binding]]:
    """Every binding with an id that a class of the TUI's screens and widgets (or the app)
    declares itself, with the class, :data:`KEY_MODULES` first."""
    for name in KEY_MODULES:
        module = importlib.import_module(name)
        classes = [value for value in vars(module).values()
                   if isinstance(value, type) and issubclass(value, DOMNode)
                   and value.__module__ == name]
        # A screen's own keys before those of its parts declared beside it.
        for cls in sorted(classes, key=lambda cls: not issubclass(cls, Screen)):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if binding.id is not None:
                    yield cls, binding


def binding_ids() -> set[str]:
    """The id of every binding of the app (the ids the settings file's [keys] may name)."""
    return {binding.id for _, binding in declared_bindings() if binding.id is not None}


def screen_rows(app: App[object], keymap: Mapping[str, str], *,
                leave_out: frozenset[type[DOMNode]] = frozenset()) -> HelpRows:
    """A section per screen, and one per part of it that names itself (``Reader ·
    Search in the article``), listing the keys as declared, or as ``keymap`` remaps them;
    the keys that work everywhere last. The keys of the classes ``leave_out`` are not
    listed (those of the screen the help is opened from: they come first, as they are)."""
    sections: dict[str, dict[tuple[str, str], list[str]]] = {}
    for owner, binding in declared_bindings():
        prefix = (binding.id or "").partition(".")[0]
        if owner in leave_out or not binding.description:
            continue
        title = EVERYWHERE if prefix == "app" else SCREENS.get(prefix, prefix.capitalize())
        if issubclass(owner, Screen) and isinstance(owner.TITLE, str):
            title = owner.TITLE  # a screen of its own, though its ids share a first part
        if part := getattr(owner, "HELP_SECTION", None):
            title = f"{title} · {part}"
        keys = sections.setdefault(title, {}).setdefault((binding.action, binding.description), [])
        remapped = keymap.get(binding.id or "")
        for made in ([binding.with_key(key.strip()) for key in remapped.split(",")]
                     if remapped else [binding]):
            if (key := app.get_key_display(made)) not in keys:
                keys.append(key)
    # The screens in SCREENS' order, any other after them, the keys that work everywhere
    # last; a screen's parts after it, in the order they came.
    order = list(SCREENS.values())
    for title in sections:
        order += [name for name in (title.partition(" · ")[0], title) if name not in order]
    return [(title, [(", ".join(keys), description) for (_, description), keys in rows.items()])
            for title, rows in sorted(sections.items(), key=lambda item: (
                item[0] == EVERYWHERE, order.index(item[0].partition(" · ")[0]),
                order.index(item[0])))]


def _classes_on(screen: Screen[object]) -> frozenset[type[DOMNode]]:
    """The classes of the screen and of every widget on it."""
    return frozenset({type(screen), *(type(node) for node in screen.walk_children())})


def help_rows(screen: Screen[object], screen_title: str,
              keymap: Mapping[str, str]) -> HelpRows:
    """The whole help: the keys active on ``screen`` now (under ``screen_title`` and its
    parts' titles), every other screen's keys, the keys that work everywhere, and last the
    keys Textual's own widgets bring."""
    live = binding_rows(screen, screen_title)
    ours = [(title, rows) for title, rows in live if title not in (EVERYWHERE, BUILT_IN)]
    others = screen_rows(screen.app, keymap, leave_out=_classes_on(screen))
    return ours + others + [(title, rows) for title, rows in live if title == BUILT_IN]


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
        return 2, EVERYWHERE
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
    """Lists the keys of the app, those of the screen it was opened from first; any of
    ``escape ? q`` closes it, ``j``/``k`` (and the arrows, page keys, ``g``/``G``) scroll."""

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
                screens = {self.title_text, *SCREENS.values(), EVERYWHERE, BUILT_IN}
                for section, rows in self.sections:
                    # A screen's heading stands out; the parts of the screen shown are under it.
                    yield Static(Content(section), classes="help-section" + (
                        " -screen" if section in screens else ""))
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
