"""Selecting text from the keyboard: visual mode (``v``), the motions, and the mode line."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from newsreader.domain import motions
from newsreader.tui.highlight_style import COLOR_KEYS
from newsreader.tui.key_names import key_for
from newsreader.tui.widgets.article_body import ArticleBody

MOTIONS: dict[str, Callable[[str, int], int]] = {
    "word": motions.next_word_start, "word_back": motions.previous_word_start,
    "word_end": motions.word_end, "sentence": motions.next_sentence_start,
    "sentence_back": motions.previous_sentence_start,
}


class VisualMode(Container):
    """Wraps the reader's layout, so that its keys select text in the body wherever the focus
    is on the screen.

    ``v`` turns visual mode on and off; the motions move the body's cursor, extending the
    selection while visual mode is on; ``escape`` drops the selection. ``b``, ``{`` and ``}``
    are visual-mode keys only while visual mode is on, and ``escape`` only while something is
    selected: otherwise they fall through to the reader's own keys (page up, paragraph jumps,
    back to the library). The mode line (``#reader-mode``, under the body) says how much is
    selected and in which colour it would be highlighted: the owner sets :attr:`color`.
    """

    HELP_SECTION = "Highlights and notes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "toggle_visual", "Select", id="reader.select"),
        Binding("w", "motion('word')", "Next word", show=False, id="reader.word"),
        Binding("e", "motion('word_end')", "End of word", show=False, id="reader.word_end"),
        Binding("b", "motion('word_back')", "Previous word", show=False, id="reader.word_back"),
        Binding("left_parenthesis", "motion('sentence_back')", "Previous sentence", show=False,
                key_display="(", id="reader.previous_sentence"),
        Binding("right_parenthesis", "motion('sentence')", "Next sentence", show=False,
                key_display=")", id="reader.next_sentence"),
        Binding("left_curly_bracket", "extend_paragraph(-1)", "Previous paragraph", show=False,
                key_display="{", id="reader.previous_paragraph"),
        Binding("right_curly_bracket", "extend_paragraph(1)", "Next paragraph", show=False,
                key_display="}", id="reader.next_paragraph"),
        Binding("0", "line_edge(False)", "Start of the line", show=False, id="reader.line_start"),
        Binding("dollar_sign", "line_edge(True)", "End of the line", show=False,
                key_display="$", id="reader.line_end"),
        Binding("escape", "leave", "Leave visual mode", show=False, id="reader.leave_select"),
    ]

    color: var[str] = var(COLOR_KEYS["1"])
    """The colour ``h`` highlights in, for the mode line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._selecting = False

    @property
    def body(self) -> ArticleBody:
        """The article body inside."""
        return self.query_one(ArticleBody)

    @property
    def visual(self) -> bool:
        """Whether visual mode is on."""
        return self.body.visual

    @property
    def selecting(self) -> bool:
        """Whether visual mode is on or anything is selected (with the mouse or shift+arrows)."""
        body = self.body
        return body.visual or body.selected_span is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that mean something else while reading apply only while selecting."""
        if not self.is_mounted:
            return True
        if action == "leave":
            return self.selecting
        if action == "extend_paragraph" or parameters == ("word_back",):
            return self.visual
        return True

    def action_toggle_visual(self) -> None:
        """Start selecting at the cursor (or stop, keeping nothing selected)."""
        body = self.body
        if body.visual:
            self.action_leave()
            return
        body.visual = True
        body.selection = Selection.cursor(body.cursor_location)
        body.focus()
        self._show_mode()
        self.refresh_bindings()

    def action_leave(self) -> None:
        """Leave visual mode and drop the selection."""
        body = self.body
        body.visual = False
        body.clear_selection()
        self.query_one("#reader-mode").display = False
        self.refresh_bindings()

    def action_motion(self, name: str) -> None:
        """Move the cursor by a word or a sentence (extending the selection in visual mode)."""
        body = self.body
        body.move_cursor(body.offset_to_location(MOTIONS[name](body.text, body.cursor_offset)))

    def action_extend_paragraph(self, direction: int) -> None:
        """Extend the selection to the end of this or the next paragraph (1), or to the start
        of this or the previous one (-1)."""
        body = self.body
        motion = motions.paragraph_end if direction > 0 else motions.paragraph_start
        body.move_cursor(body.offset_to_location(motion(body.text, body.cursor_offset)))

    def action_line_edge(self, end: bool) -> None:
        """The start (``0``) or the end (``$``) of the line on screen."""
        if end:
            self.body.action_cursor_line_end()
        else:
            self.body.action_cursor_line_start()

    def watch_color(self) -> None:
        """Say the new colour on the mode line."""
        if self.is_mounted and self.visual:
            self._show_mode()

    def _show_mode(self) -> None:
        span = self.body.selected_span
        count = 0 if span is None else span[1] - span[0]
        line = self.query_one("#reader-mode", Static)
        line.update(Content.assemble(
            ("-- VISUAL --", "bold"), f"  {count} chars \u00b7 ",
            f"{key_for(self, 'highlight', 'h')} highlight ({self.color}) \u00b7 "
            f"{key_for(self, 'note', 'n')} note \u00b7 {key_for(self, 'leave', 'esc')} leaves "
            "\u00b7 1-5 colour"))
        line.display = True

    @on(TextArea.SelectionChanged)
    def _selection_changed(self) -> None:
        if self.visual:
            self._show_mode()
        selecting = self.selecting
        if selecting != self._selecting:  # escape changes meaning: refresh footer and help
            self._selecting = selecting
            self.refresh_bindings()
