"""The reader's notes: on a highlight (``n``), on the whole article (``N``), from the notes
panel; and ``E``, which exports them. ``ReaderScreen`` subclasses :class:`NotingScreen`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.content import Content

from newsreader.domain.models import Highlight
from newsreader.exporting.destination import default_export_dir
from newsreader.tui.highlight_rows import shorten
from newsreader.tui.screens.reader_annotations import AnnotatingScreen
from newsreader.tui.widgets.notes_panel import NotesPanel


class NotingScreen(AnnotatingScreen):
    """Notes and export over :class:`AnnotatingScreen`'s highlights."""

    def _edit(self, heading: Content, text: str, save: Callable[[str], object]) -> None:
        from newsreader.tui.screens.note_editor import NoteEditorModal

        def done(result: str | None) -> None:
            if result is not None and result != text:
                save(result)

        self.app.push_screen(NoteEditorModal(heading, text), done)

    def action_note(self) -> None:
        """Add or edit the note on the highlight under the cursor or chosen in the notes panel
        (or highlight the selection with a note)."""
        span = self.body.selected_span
        if span is not None:
            span = self._selected()
            if span is None:
                return
            start, end = span
            quote = shorten(self.body.text[start:end], 200)

            def create(body: str) -> None:
                self._made(self._save(self.library.add_highlight, self.stored.id, start, end,
                                      color=self.color, note=body), "Highlighted with a note")

            self._edit(Content.assemble(("Note on: ", "bold"), f"\u201c{quote}\u201d"), "",
                       create)
            return
        current = self.current_highlight()
        if current is None:
            self.notify("Put the cursor on a highlight (or select text) to add a note; "
                        "N notes the whole article.", severity="warning", markup=False)
            return
        self.edit_highlight_note(current)

    def edit_highlight_note(self, highlight: Highlight) -> None:
        """Open the editor on a highlight's note; an emptied note is removed."""
        existing = highlight.notes[0].body if highlight.notes else ""

        def save(body: str) -> None:
            if not self._done(self.library.set_highlight_note, highlight.id, body):
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
            if self._save(self.library.add_article_note, self.stored.id, body) is not None:
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
            saved = (self._done(self.library.update_note, note.id, body) if body.strip()
                     else self._done(self.library.delete_note, note.id))
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
        self.notify("Exporting\u2026", markup=False)
        self.export_in_background(default_export_dir())

    @work(thread=True, exclusive=True, group="export")
    def export_in_background(self, out_dir: Path) -> None:
        """Write the Markdown file in a thread; then say where it went."""
        from newsreader.tui.export_article import export_article

        message, severity = export_article(self.library, self.stored.id, out_dir)
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False,
                                  timeout=8)
