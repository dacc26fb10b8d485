"""Ask for the address of a feed to follow (``a`` in the feeds view)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class FollowModal(ModalScreen[str | None]):
    """Asks for a feed's address, or a web page's that names one; returns it, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        """The prompt and the address box."""
        with Vertical(id="follow-dialog", classes="dialog"):
            yield Static(Content("Follow a feed: its address, or a page's that names one "
                                 "(enter follows, escape cancels):"))
            yield Input(placeholder="https://\u2026", id="follow-address")

    @on(Input.Submitted, "#follow-address")
    def _submitted(self, event: Input.Submitted) -> None:
        address = event.value.strip()
        if address:
            self.dismiss(address)

    def action_cancel(self) -> None:
        """Close without following anything."""
        self.dismiss(None)
