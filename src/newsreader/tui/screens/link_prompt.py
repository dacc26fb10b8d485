"""Asks for a link number (after ``o`` or ``y`` in the reader)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class LinkPromptModal(ModalScreen[int | None]):
    """A one-line prompt for a link number, 1 to ``count``; returns it, or None if cancelled.

    The number is taken as soon as no further digit could make another valid number, so
    with fewer than ten links ``o 2`` opens link 2 without ``enter``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, verb: str, count: int) -> None:
        super().__init__()
        self.verb = verb
        self.count = count

    def compose(self) -> ComposeResult:
        """The question and a digits-only input."""
        with Vertical(id="link-prompt", classes="dialog"):
            yield Static(Content(f"{self.verb} link number (1\u2013{self.count}), then enter:"))
            yield Input(restrict=r"[0-9]*", max_length=6, id="link-number")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.value and int(event.value) * 10 > self.count and self._valid(event.value):
            self.dismiss(int(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(int(event.value) if self._valid(event.value) else None)

    def _valid(self, value: str) -> bool:
        return value.isdigit() and 1 <= int(value) <= self.count

    def action_cancel(self) -> None:
        """Close without a number."""
        self.dismiss(None)
