"""The key a command has now, for messages that name it ("u undoes it").

Keys may be remapped in the settings file (Textual's keymap), so a message asks the screen
which key is bound to the action at the moment instead of naming the default.
"""

from __future__ import annotations

from textual.dom import DOMNode, NoScreen


def key_for(node: DOMNode, action: str, default: str) -> str:
    """The key (as the footer shows it) that runs ``action`` on ``node``'s screen now, or
    ``default`` when no key active there runs it (the screen is not shown, say)."""
    try:
        screen = node.screen
    except NoScreen:
        return default
    for active in screen.active_bindings.values():
        if active.binding.action == action:
            return node.app.get_key_display(active.binding)
    return default
