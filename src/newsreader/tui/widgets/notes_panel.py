"""The notes panel beside the body: the article's notes, then its highlights in reading order."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsreader.domain.models import Highlight, Note
from newsreader.tui.highlight_rows import (
    QUOTE_LIMIT,
    article_note_prompt,
    highlight_prompt,
    shorten,
)
from newsreader.tui.key_names import key_for
from newsreader.tui.widgets.row_list import RowList
from newsreader.tui.wrapping import hanging


def row_target(option_id: str | None) -> tuple[str, int] | None:
    """What a row stands for: ``("h", highlight id)`` or ``("n", article note id)``."""
    kind, _, number = (option_id or "").partition(":")
    return (kind, int(number)) if kind in ("h", "n") and number.isdigit() else None


def highlight_row(highlight: Highlight, text: str, width: int | None) -> Content:
    """A highlight's row: for one placed by a fuzzy match, the passage it covers now, then
    the quote as it was when it was made."""
    start, end = highlight.start, highlight.end
    if (highlight.status != "fuzzy" or start is None or end is None or not text
            or text[start:end] == highlight.exact):
        return highlight_prompt(highlight, width=width)
    row = highlight_prompt(replace(highlight, exact=text[start:end]), width=width)
    was = Content.assemble(("  was: ", "bold"),
                           (f"\u201c{shorten(highlight.exact, QUOTE_LIMIT)}\u201d", "italic"))
    if width is not None:
        was = hanging(was, width, 8)
    return Content("\n").join([row, was])


class NoteList(RowList):
    """The list inside the notes panel."""

    HELP_SECTION = "In the notes panel"

    @property
    def chosen_highlight_id(self) -> int | None:
        """The id of the highlight on the selected row, if that row is a highlight."""
        index = self.highlighted
        target = None if index is None else row_target(self.get_option_at_index(index).id)
        return target[1] if target is not None and target[0] == "h" else None


class NotesPanel(Vertical):
    """Lists article notes and highlights (orphans last, marked); ``enter`` acts on one."""

    class Ready(Message):
        """The panel is mounted and can be filled."""

        def __init__(self, panel: NotesPanel) -> None:
            super().__init__()
            self.panel = panel

    class Jump(Message):
        """The reader chose a highlight: show its passage."""

        def __init__(self, highlight_id: int) -> None:
            super().__init__()
            self.highlight_id = highlight_id

    class EditNote(Message):
        """The reader chose an article note: edit it."""

        def __init__(self, note_id: int) -> None:
            super().__init__()
            self.note_id = note_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Notes"
        self._shown: tuple[list[Highlight], list[Note], str] = ([], [], "")
        self._width = 0

    def on_resize(self) -> None:
        """Wrap the rows again for the new width, once the list has it."""
        self.call_after_refresh(self._wrap)

    def _wrap(self) -> None:
        note_list = self.note_list
        width = (note_list.scrollable_content_region.width if note_list is not None
                 else self.scrollable_content_region.width)
        if width > 8 and width != self._width:
            self._width = width
            if note_list is not None:
                self.show(*self._shown)

    def on_mount(self) -> None:
        """Ask to be filled."""
        self.post_message(self.Ready(self))

    def compose(self) -> ComposeResult:
        """A line for when there is nothing yet; the list comes with the first row (an
        option list is costly to build, and most articles open with nothing to list)."""
        yield Static(Content(self.empty_text()), classes="panel-empty", id="notes-empty")

    def empty_text(self) -> str:
        """What the panel says while there is nothing to list, naming the keys as they are
        bound now (the settings file may remap them)."""
        return (f"No highlights or notes yet: {key_for(self, 'toggle_visual', 'v')} selects, "
                f"{key_for(self, 'highlight', 'h')} highlights, {key_for(self, 'note', 'n')} "
                f"adds a note, {key_for(self, 'article_note', 'N')} notes the article.")

    @property
    def note_list(self) -> NoteList | None:
        """The list widget, once there has been something to list."""
        lists = self.query(NoteList)
        return lists.first() if lists else None

    def show(self, highlights: list[Highlight], notes: list[Note], text: str = "") -> None:
        """Fill the list again, keeping the cursor on the same row where possible. A
        highlight placed by a fuzzy match shows the passage it covers now in ``text`` (the
        article's text), and its original quote as what it was."""
        self._shown = (highlights, notes, text)
        width = self._width or None
        options = [Option(article_note_prompt(note, width=width), id=f"n:{note.id}")
                   for note in notes]
        options += [Option(highlight_row(highlight, text, width), id=f"h:{highlight.id}")
                    for highlight in highlights]
        note_list = self.note_list
        if note_list is not None:
            highlighted = note_list.highlighted
            note_list.set_options(options)
            if options:
                note_list.highlighted = min(highlighted or 0, len(options) - 1)
        elif options:
            note_list = NoteList(*options, id="notes-list")
            note_list.highlighted = 0
            self.mount(note_list)
            # A scrollbar that comes or goes with the list's size changes the room the rows
            # have, not the panel's width.
            self.watch(note_list, "virtual_size", self.on_resize, init=False)
        orphans = sum(1 for highlight in highlights if highlight.status == "orphan")
        counts = [f"{len(highlights)} highlight{'' if len(highlights) == 1 else 's'}"
                  if highlights else "", f"{len(notes)} note{'' if len(notes) == 1 else 's'}"
                  if notes else "", f"{orphans} orphaned" if orphans else ""]
        shown = ", ".join(count for count in counts if count)
        self.border_title = f"Notes ({shown})" if shown else "Notes"
        self.query_one("#notes-empty").display = not options

    @property
    def option_ids(self) -> list[str]:
        """The ids of the rows, in order: ``n:<note id>`` and ``h:<highlight id>``."""
        note_list = self.note_list
        if note_list is None:
            return []
        return [note_list.get_option_at_index(index).id or ""
                for index in range(note_list.option_count)]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """``enter`` on a highlight jumps to it; on an article note, edits it."""
        event.stop()
        target = row_target(event.option.id)
        if target is not None:
            kind, number = target
            self.post_message(self.Jump(number) if kind == "h" else self.EditNote(number))
