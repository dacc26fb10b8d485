"""Import a file, folder or URL from inside the app, in a worker, with progress."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from newsreader.ingest.importing import ImportReport, import_sources
from newsreader.storage import Library
from newsreader.tui.safe import one_line


def report_summary(report: ImportReport) -> str:
    """One line that says what an import did."""
    words = {"added": "added", "updated": "updated", "restored": "restored",
             "unchanged": "already saved", "failed": "failed"}
    parts = [f"{report.count(status)} {word}" for status, word in words.items()  # type: ignore[arg-type]
             if report.count(status)]  # type: ignore[arg-type]
    text = ", ".join(parts) or "nothing to import"
    if report.failures:
        first = report.failures[0]
        text += f" ({one_line(first.source)}: {one_line(first.error)})"
    return text


class ImportModal(ModalScreen[ImportReport | None]):
    """Asks for a source, imports it in a thread with a progress bar, returns the report."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.running = False

    def compose(self) -> ComposeResult:
        """The prompt, the source box, a progress bar and a status line."""
        with Vertical(id="import-dialog", classes="dialog"):
            yield Static(Content("Import a file, folder or URL (enter starts, escape cancels):"))
            yield Input(placeholder="~/Downloads/page.html or https://\u2026", id="import-source")
            yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Static(id="import-status")

    @on(Input.Submitted, "#import-source")
    def _submitted(self, event: Input.Submitted) -> None:
        source = event.value.strip()
        if not source or self.running:
            return
        self.running = True
        event.input.disabled = True
        status = Content(f"Importing {one_line(source)}\u2026")
        self.query_one("#import-status", Static).update(status)
        self.run_import(source)

    @work(thread=True, exclusive=True)
    def run_import(self, source: str) -> None:
        """Import in a thread, on a connection of its own; report progress to the bar."""
        with self.library.reopen() as library:
            report = import_sources(library, [source], progress=self._progress_from_thread)
        self.app.call_from_thread(self.dismiss, report)

    def _progress_from_thread(self, done: int, total: int, source: str) -> None:
        self.app.call_from_thread(self._progress, done, total, source)

    def _progress(self, done: int, total: int, source: str) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#import-status", Static).update(
            Content(f"{done} of {total}: {one_line(source)}"))

    def action_cancel(self) -> None:
        """Close (an import already running finishes in the background)."""
        if not self.running:
            self.dismiss(None)
