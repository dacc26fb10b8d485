"""The reader's annotating half: visual selection, motions, highlights, the notes panel.

``ReaderScreen`` subclasses this (through ``NotingScreen``); the bindings live in ``reader.py`` (one
list, because keys shared between modes, such as ``b`` and ``escape``, must stay in order).
Every change is one Library call, committed before the screen repaints or says "saved".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from newsreader.domain import motions
from newsreader.domain.models import Highlight, Note, StoredArticle
from newsreader.storage import Library, LibraryError
from newsreader.tui.highlight_style import COLOR_KEYS, component_class
from newsreader.tui.widgets.article_body import ArticleBody, Span
from newsreader.tui.widgets.notes_panel import NoteList, NotesPanel

T = TypeVar("T")
MOTIONS: dict[str, Callable[[str, int], int]] = {
    "word": motions.next_word_start, "word_back": motions.previous_word_start,
    "word_end": motions.word_end, "sentence": motions.next_sentence_start,
    "sentence_back": motions.previous_sentence_start,
}
VISUAL_ONLY = frozenset({"motion('word_back')", "leave_visual"})
READING_ONLY = frozenset({"page(-1)", "back"})  # give b and escape to visual mode
NOTHING_SELECTED = "Select some text first: v, then w e b ( ) { } 0 $ or arrows (or shift+arrows)."


def highlight_spans(highlights: list[Highlight]) -> list[Span]:
    """Spans painting the placed highlights: outer before inner, so the inner one shows; one
    that touches or overlaps the one before it alternates its look, so both stay visible."""
    spans: list[Span] = []
    placed = sorted((h for h in highlights if h.start is not None and h.end is not None),
                    key=lambda h: (h.start, -(h.end or 0)))
    # The highlight reaching furthest so far, and whether it had the alternate look.
    reach, reach_alt = -1, False
    for highlight in placed:
        start, end = highlight.start or 0, highlight.end or 0
        spans.append((start, end, component_class(highlight.color)))
        alt = start <= reach and not reach_alt
        if alt:
            spans.append((start, end, "article-body--hl-alt"))
        if end >= reach:
            reach, reach_alt = end, alt
    return spans


class AnnotatingScreen(Screen[None]):
    """Visual mode, highlights and notes over an :class:`ArticleBody` (see ``ReaderScreen``)."""

    library: Library
    stored: StoredArticle
    base_spans: list[Span]

    def __init__(self) -> None:
        super().__init__()
        self.highlights: list[Highlight] = []
        self.article_notes: list[Note] = []
        self.color = COLOR_KEYS["1"]
        self._deleted: list[int] = []
        self._selecting = False

    @property
    def body(self) -> ArticleBody:
        """The body widget."""
        return self.query_one(ArticleBody)

    @property
    def visual(self) -> bool:
        """Whether visual (selection) mode is on."""
        return self.body.visual

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``b`` and ``escape`` belong to visual mode while it is on (``escape`` also while
        anything is selected), to reading otherwise."""
        name = f"{action}({', '.join(repr(p) for p in parameters)})" if parameters else action
        if name not in VISUAL_ONLY | READING_ONLY or not self.is_mounted:
            return True
        selecting = self.visual or (action in ("leave_visual", "back")
                                    and self.body.selected_span is not None)
        return selecting if name in VISUAL_ONLY else not selecting

    def _save(self, method: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Call a Library method; on failure say why and return None."""
        try:
            return method(*args, **kwargs)
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)
            return None

    def _done(self, method: Callable[..., object], *args: object) -> bool:
        """Call a Library method that returns nothing; True if it was saved."""
        try:
            method(*args)
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        return True

    # -- showing annotations ------------------------------------------------------------------

    def load_annotations(self) -> None:
        """Read this article's highlights and notes again; repaint the body and the panel."""
        article_id = self.stored.id
        self.highlights = self._save(self.library.highlights, article_id) or []
        self.article_notes = self._save(self.library.article_notes, article_id) or []
        self.body.set_spans([*self.base_spans, *highlight_spans(self.highlights)])
        for panel in self.query(NotesPanel):  # none yet in the moment before it is mounted
            panel.show(self.highlights, self.article_notes)

    @on(NotesPanel.Ready)
    def _fill_notes_panel(self, event: NotesPanel.Ready) -> None:
        """The notes panel was mounted (after the first frame): fill it."""
        event.panel.show(self.highlights, self.article_notes)

    def current_highlight(self) -> Highlight | None:
        """The highlight the keys act on: while the notes list has focus, the one on its
        selected row (orphans, which have no place in the text, are reached this way);
        otherwise the innermost one under the body's cursor."""
        focused = self.focused
        if not isinstance(focused, NoteList):
            return self.highlight_at(self.body.cursor_offset)
        chosen = focused.chosen_highlight_id
        return next((h for h in self.highlights if h.id == chosen), None)

    def highlight_at(self, offset: int) -> Highlight | None:
        """The innermost highlight whose passage holds the character at ``offset``."""
        found = [h for h in self.highlights
                 if h.start is not None and h.end is not None and h.start <= offset < h.end]
        return min(found, key=lambda h: (h.end or 0) - (h.start or 0), default=None)

    def show_offset(self, offset: int) -> None:
        """Put the cursor on ``offset`` in the middle of the view, and focus the body."""
        body = self.body
        body.move_cursor(body.offset_to_location(offset), center=True)
        body.focus()

    def _update_mode(self) -> None:
        line = self.query_one("#reader-mode", Static)
        span = self.body.selected_span
        count = 0 if span is None else span[1] - span[0]
        line.update(Content.assemble(
            ("-- VISUAL --", "bold"), f"  {count} chars \u00b7 ",
            f"h highlight ({self.color}) \u00b7 n note \u00b7 esc leaves \u00b7 1-5 colour"))
        self.sub_title = "-- VISUAL --" if self.visual else ""

    @on(TextArea.SelectionChanged)
    def _selection_changed(self) -> None:
        if self.visual:
            self._update_mode()
        selecting = self.body.selected_span is not None
        if selecting != self._selecting:  # escape changes meaning: refresh footer and help
            self._selecting = selecting
            self.refresh_bindings()

    # -- visual mode and motions -----------------------------------------------------------

    def action_visual(self) -> None:
        """Start selecting at the cursor (or stop, keeping nothing selected)."""
        body = self.body
        if self.visual:
            self.action_leave_visual()
            return
        body.visual = True
        body.selection = Selection.cursor(body.cursor_location)
        body.focus()
        self.add_class("-visual")
        self._update_mode()
        self.refresh_bindings()

    def action_leave_visual(self) -> None:
        """Leave visual mode and drop the selection."""
        body = self.body
        body.visual = False
        body.clear_selection()
        self.remove_class("-visual")
        self.sub_title = ""
        self.refresh_bindings()

    def action_motion(self, name: str) -> None:
        """Move the cursor by a word or a sentence (extending the selection in visual mode)."""
        body = self.body
        body.move_cursor(body.offset_to_location(MOTIONS[name](body.text, body.cursor_offset)))

    def action_line_edge(self, end: bool) -> None:
        """The start (``0``) or the end (``$``) of the line on screen."""
        if end:
            self.body.action_cursor_line_end()
        else:
            self.body.action_cursor_line_start()

    # -- highlights ----------------------------------------------------------------------------

    def _selected(self) -> tuple[int, int] | None:
        span = self.body.selected_span
        if span is not None:
            span = motions.trim(self.body.text, *span)
        if span is None or span[0] == span[1]:
            self.notify(NOTHING_SELECTED, severity="warning", markup=False)
            return None
        return span

    def _made(self, highlight: Highlight | None, verb: str) -> None:
        if highlight is None:
            return
        self.action_leave_visual()
        self.load_annotations()
        self.body.move_to_offset(max((highlight.end or 1) - 1, 0))
        self.notify(f"{verb} ({highlight.color}): saved. n adds a note, 1-5 change the colour, "
                    "x deletes.", markup=False)

    def action_highlight(self) -> None:
        """Highlight the selection in the current colour."""
        span = self._selected()
        if span is not None:
            self._made(self._save(self.library.add_highlight, self.stored.id, *span,
                                  color=self.color), "Highlighted")

    def action_color(self, key: str) -> None:
        """Set the colour: of the selection (highlighting it), else of the highlight under the
        cursor; later highlights use it too."""
        self.color = COLOR_KEYS[key]
        if self.body.selected_span is not None:
            self.action_highlight()
            return
        current = self.current_highlight()
        if current is None:
            self.notify(f"New highlights will be {self.color}.", markup=False)
            return
        if self._done(self.library.set_highlight_color, current.id, self.color):
            self.load_annotations()
            self.notify(f"Colour: {self.color} (saved).", markup=False)

    def action_delete_highlight(self) -> None:
        """Delete the highlight under the cursor, or chosen in the notes panel (``u`` brings
        it back)."""
        current = self.current_highlight()
        if current is None:
            self.notify("There is no highlight under the cursor.", severity="warning",
                        markup=False)
            return
        if not self._done(self.library.delete_highlight, current.id):
            return
        self._deleted.append(current.id)
        self.load_annotations()
        self.notify("Highlight deleted: u brings it back.", markup=False)

    def action_undo_delete(self) -> None:
        """Bring back the highlight deleted last."""
        if not self._deleted:
            self.notify("Nothing to bring back.", markup=False)
            return
        highlight_id = self._deleted.pop()
        if not self._done(self.library.restore_highlight, highlight_id):
            return
        self.load_annotations()
        restored = next((h for h in self.highlights if h.id == highlight_id), None)
        if restored is not None and restored.start is not None:
            self.body.move_to_offset(restored.start)
        self.notify("Highlight restored.", markup=False)

    def action_jump_highlight(self, direction: int) -> None:
        """The next (1) or previous (-1) highlight."""
        here = self.body.cursor_offset
        starts = sorted({h.start for h in self.highlights if h.start is not None})
        target = (next((s for s in starts if s > here), None) if direction > 0
                  else next((s for s in reversed(starts) if s < here), None))
        if target is None:
            self.notify("No more highlights that way.", markup=False)
        else:
            self.body.move_to_offset(target)

    # -- the notes panel -----------------------------------------------------------------------

    @on(NotesPanel.Jump)
    def _jump_to_highlight(self, event: NotesPanel.Jump) -> None:
        highlight = next((h for h in self.highlights if h.id == event.highlight_id), None)
        if highlight is None:
            return
        if highlight.start is None:
            self.notify("This highlight is an orphan: its passage is no longer in the text. "
                        "It is kept, listed and exported.", severity="warning", markup=False)
            return
        self.show_offset(highlight.start)
