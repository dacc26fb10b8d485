"""Highlights and notes on the article in the reader, and its export to Markdown.

Every change is one Library call, committed before the reader repaints or says "saved".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content

from newsreader.domain import motions
from newsreader.domain.models import Highlight, Note, StoredArticle
from newsreader.storage import Library, LibraryError
from newsreader.tui.highlight_rows import shorten
from newsreader.tui.highlight_style import COLOR_KEYS
from newsreader.tui.key_names import key_for
from newsreader.tui.screens.reader.spans import body_spans, highlight_spans
from newsreader.tui.screens.reader.visual_mode import VisualMode
from newsreader.tui.widgets.article_body import ArticleBody
from newsreader.tui.widgets.notes_panel import NoteList, NotesPanel

T = TypeVar("T")
NOTHING_SELECTED = "Select some text first: v, then w e b ( ) { } 0 $ or arrows (or shift+arrows)."


def _color_bindings() -> list[BindingType]:
    return [Binding(key, f"color('{key}')", f"Colour: {color}", show=False,
                    id=f"reader.colour_{color}")
            for key, color in COLOR_KEYS.items()]


class Annotator(Container):
    """Wraps the reader's layout (the body, the notes panel and the :class:`VisualMode` they
    sit in), so that its keys act wherever the focus is on the screen.

    It keeps the article's highlights and notes, paints them on the body, lists them in the
    notes panel, and saves every change. The keys act on the selection, else on the
    highlight under the body's cursor, or on the one chosen in the notes panel while the
    panel has the focus (orphaned highlights, which have no place in the text, are reached
    that way).
    """

    HELP_SECTION = "Highlights and notes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h,enter", "highlight", "Highlight the selection", show=False,
                id="reader.highlight"),
        *_color_bindings(),
        Binding("n", "note", "Note", id="reader.note"),
        Binding("N", "article_note", "Note on the article", show=False, id="reader.article_note"),
        Binding("x", "delete_highlight", "Delete highlight", show=False,
                id="reader.delete_highlight"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="reader.undo_delete"),
        Binding("greater_than_sign", "jump_highlight(1)", "Next highlight", show=False,
                key_display=">", id="reader.next_highlight"),
        Binding("less_than_sign", "jump_highlight(-1)", "Previous highlight", show=False,
                key_display="<", id="reader.previous_highlight"),
        Binding("E", "export", "Export to Markdown", show=False, id="reader.export"),
        Binding("Y", "copy_quote", "Copy as a Markdown quote", show=False,
                id="reader.copy_quote"),
    ]

    def __init__(self, library: Library, stored: StoredArticle, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.annotations = library.annotations
        self.stored = stored
        self.highlights: list[Highlight] = []
        self.article_notes: list[Note] = []
        self.color = COLOR_KEYS["1"]
        """The colour of new highlights."""
        self._base_spans = body_spans(stored)
        self._deleted: list[int] = []

    @property
    def body(self) -> ArticleBody:
        """The article body inside."""
        return self.query_one(ArticleBody)

    @property
    def visual_mode(self) -> VisualMode:
        """The visual mode inside, which holds the selection."""
        return self.query_one(VisualMode)

    def on_mount(self) -> None:
        """Paint the article's headings, links and highlights."""
        self.load_annotations()

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
        self.highlights = self._save(self.annotations.highlights, article_id) or []
        self.article_notes = self._save(self.annotations.article_notes, article_id) or []
        self.body.set_spans([*self._base_spans, *highlight_spans(self.highlights)])
        for panel in self.query(NotesPanel):  # none yet in the moment before it is mounted
            panel.show(self.highlights, self.article_notes, self.stored.article.text)

    @on(NotesPanel.Ready)
    def _fill_notes_panel(self, event: NotesPanel.Ready) -> None:
        """The notes panel was mounted (after the first frame): fill it."""
        event.panel.show(self.highlights, self.article_notes, self.stored.article.text)

    def current_highlight(self) -> Highlight | None:
        """The highlight the keys act on: while the notes list has focus, the one on its
        selected row; otherwise the innermost one under the body's cursor."""
        focused = self.screen.focused
        if not isinstance(focused, NoteList):
            return self.highlight_at(self.body.cursor_offset)
        chosen = focused.chosen_highlight_id
        return next((h for h in self.highlights if h.id == chosen), None)

    def highlight_at(self, offset: int) -> Highlight | None:
        """The innermost highlight whose passage holds the character at ``offset``."""
        found = [h for h in self.highlights
                 if h.start is not None and h.end is not None and h.start <= offset < h.end]
        return min(found, key=lambda h: (h.end or 0) - (h.start or 0), default=None)

    @on(NotesPanel.Jump)
    def _jump_to_highlight(self, event: NotesPanel.Jump) -> None:
        highlight = next((h for h in self.highlights if h.id == event.highlight_id), None)
        if highlight is None:
            return
        if highlight.start is None:
            self.notify("This highlight is an orphan: its passage is no longer in the text. "
                        "It is kept, listed and exported.", severity="warning", markup=False)
            return
        body = self.body
        body.move_cursor(body.offset_to_location(highlight.start), center=True)
        body.focus()

    # -- highlights ----------------------------------------------------------------------------

    def _selected(self) -> tuple[int, int] | None:
        """The selection without blanks at its edges; None (and why) if there is none."""
        span = self.body.selected_span
        if span is not None:
            span = motions.trim(self.body.text, *span)
        if span is None or span[0] == span[1]:
            self.notify(NOTHING_SELECTED, severity="warning", markup=False)
            return None
        return span

    def _made(self, highlight: Highlight | None, verb: str) -> None:
        """A highlight was saved (unless None): leave visual mode, show it, say so."""
        if highlight is None:
            return
        self.visual_mode.action_leave()
        self.load_annotations()
        self.body.move_to_offset(max((highlight.end or 1) - 1, 0))
        self.notify(f"{verb} ({highlight.color}): saved. {key_for(self, 'note', 'n')} adds a "
                    f"note, 1-5 change the colour, {key_for(self, 'delete_highlight', 'x')} "
                    "deletes.", markup=False)

    def action_highlight(self) -> None:
        """Highlight the selection in the current colour."""
        span = self._selected()
        if span is not None:
            self._made(self._save(self.annotations.add_highlight, self.stored.id, *span,
                                  color=self.color), "Highlighted")

    def action_color(self, key: str) -> None:
        """Set the colour: of the selection (highlighting it), else of the highlight under the
        cursor; later highlights use it too."""
        self.color = self.visual_mode.color = COLOR_KEYS[key]
        if self.body.selected_span is not None:
            self.action_highlight()
            return
        current = self.current_highlight()
        if current is None:
            self.notify(f"New highlights will be {self.color}.", markup=False)
            return
        if self._done(self.annotations.set_highlight_color, current.id, self.color):
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
        if not self._done(self.annotations.delete_highlight, current.id):
            return
        self._deleted.append(current.id)
        self.load_annotations()
        self.notify(f"Highlight deleted: {key_for(self, 'undo_delete', 'u')} brings it back.",
                    markup=False)

    def action_undo_delete(self) -> None:
        """Bring back the highlight deleted last."""
        if not self._deleted:
            self.notify("Nothing to bring back.", markup=False)
            return
        highlight_id = self._deleted.pop()
        if not self._done(self.annotations.restore_highlight, highlight_id):
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

    def action_copy_quote(self) -> None:
        """Copy the selection, else the highlight under the cursor (or chosen in the notes
        panel), as a Markdown quote with its source."""
        span = self.body.selected_span
        if span is not None:
            span = motions.trim(self.stored.article.text, *span)
        if span is None or span[0] == span[1]:
            current = self.current_highlight()
            if current is None:
                self.notify("Select text or put the cursor on a highlight to copy it as a "
                            "quote.", severity="warning", markup=False)
                return
            passage = (self.stored.article.text[current.start:current.end]
                       if current.start is not None and current.end is not None
                       else current.exact)
        else:
            passage = self.stored.article.text[span[0]:span[1]]
        from newsreader.tui.screens.reader.quote import markdown_quote

        self.app.copy_to_clipboard(markdown_quote(passage, self.stored))
        self.notify("Copied as a Markdown quote with its source.", markup=False)

    # -- notes ---------------------------------------------------------------------------------

    def _edit(self, heading: Content, text: str, save: Callable[[str], object]) -> None:
        """Open the note editor on ``text``; ``save`` gets the result if it was changed."""
        from newsreader.tui.screens.note_editor import NoteEditorModal

        def done(result: str | None) -> None:
            if result is not None and result != text:
                save(result)

        self.app.push_screen(NoteEditorModal(heading, text), done)

    def action_note(self) -> None:
        """Add or edit the note on the highlight under the cursor or chosen in the notes panel
        (or highlight the selection with a note)."""
        if self.body.selected_span is not None:
            span = self._selected()
            if span is None:
                return
            start, end = span
            quote = shorten(self.body.text[start:end], 200)

            def create(body: str) -> None:
                made = self._save(self.annotations.add_highlight, self.stored.id, start, end,
                                  color=self.color, note=body)
                self._made(made, "Highlighted with a note")

            self._edit(Content.assemble(("Note on: ", "bold"), f"\u201c{quote}\u201d"), "",
                       create)
            return
        current = self.current_highlight()
        if current is None:
            self.notify("Put the cursor on a highlight (or select text) to add a note; "
                        f"{key_for(self, 'article_note', 'N')} notes the whole article.",
                        severity="warning", markup=False)
            return
        self.edit_highlight_note(current)

    def edit_highlight_note(self, highlight: Highlight) -> None:
        """Open the editor on a highlight's note; an emptied note is removed."""
        existing = highlight.notes[0].body if highlight.notes else ""

        def save(body: str) -> None:
            if not self._done(self.annotations.set_highlight_note, highlight.id, body):
                return
            self.load_annotations()
            self.notify("Note removed." if not body.strip() else "Note saved.", markup=False)

        heading = Content.assemble(("Note on: ", "bold"),
                                   f"\u201c{shorten(highlight.exact, 200)}\u201d")
        self._edit(heading, existing, save)

    def action_article_note(self) -> None:
        """Add a note on the whole article."""

        def save(body: str) -> None:
            if not body.strip():
                return
            added = self._save(self.annotations.add_article_note, self.stored.id, body)
            if added is not None:
                self.load_annotations()
                self.notify("Article note saved.", markup=False)

        title = shorten(self.stored.article.title, 120)
        self._edit(Content.assemble(("Note on the article: ", "bold"), title), "", save)

    @on(NotesPanel.EditNote)
    def _edit_article_note(self, event: NotesPanel.EditNote) -> None:
        note = next((n for n in self.article_notes if n.id == event.note_id), None)
        if note is None:
            return

        def save(body: str) -> None:
            saved = (self._done(self.annotations.update_note, note.id, body) if body.strip()
                     else self._done(self.annotations.delete_note, note.id))
            if not saved:
                return
            self.load_annotations()
            self.notify("Article note saved." if body.strip() else "Article note deleted.",
                        markup=False)

        self._edit(Content.styled("Note on the article (empty it to delete):", "bold"),
                   note.body, save)

    # -- export --------------------------------------------------------------------------------

    def action_export(self) -> None:
        """Export this article's highlights and notes as Markdown, in the background."""
        from newsreader.exporting.destination import default_export_dir

        self.notify("Exporting\u2026", markup=False)
        self.export_in_background(default_export_dir())

    @work(thread=True, exclusive=True, group="export")
    def export_in_background(self, out_dir: Path) -> None:
        """Write the Markdown file in a thread; then say where it went."""
        from newsreader.tui.export_article import export_article

        message, severity = export_article(self.library, self.stored.id, out_dir)
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False,
                                  timeout=8)
