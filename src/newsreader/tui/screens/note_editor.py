"""A note in a modal multi-line editor: ``ctrl+s`` saves, ``escape`` cancels (asking first
when typed text would be thrown away)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from newsreader.tui.screens.confirm import ConfirmModal


class NoteEditorModal(ModalScreen[str | None]):
    """Edits ``text`` under ``heading`` (plain Content: it may quote the article). Returns the
    new text on ``ctrl+s`` (an empty text means "no note"), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save the note", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, heading: Content, text: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.initial = text

    def compose(self) -> ComposeResult:
        """The heading (what the note is on), the editor, and the keys."""
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(self.heading, id="note-heading")
            yield TextArea(self.initial, soft_wrap=True, show_line_numbers=False,
                           tab_behavior="focus", id="note-text")
            yield Static(Content("ctrl+s saves \u00b7 escape cancels"), id="note-keys")

    @property
    def editor(self) -> TextArea:
        """The text box."""
        return self.query_one("#note-text", TextArea)

    def on_mount(self) -> None:
        """Type straight away, after any text already there."""
        self.editor.focus()
        self.editor.move_cursor(self.editor.document.end)

    def action_save(self) -> None:
        """Close, returning what was typed."""
        self.dismiss(self.editor.text)

    def action_cancel(self) -> None:
        """Close without saving; ask first if the text was changed."""
        if self.editor.text == self.initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = Content("Throw away the text you typed?")
        self.app.push_screen(ConfirmModal(question, confirm="Discard"), answered)
