"""Export every annotated article to Markdown in a thread, then say where the files went."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.worker import Worker

from newsreader.exporting import export_markdown
from newsreader.exporting.destination import default_export_dir
from newsreader.exporting.templates import TemplateProblem
from newsreader.storage import Library, LibraryError
from newsreader.tui.export_article import configured_template


class ExportFailed(Exception):
    """The export could not be done; the message says why, for a person."""


def export_everything(library: Library, out_dir: Path) -> str:
    """Export all annotated articles from a second connection; one line saying what happened.

    Runs in a worker thread: it opens its own connection so the UI thread can keep using
    the library's. The layout is the settings file's (``configured_template``).
    """
    try:
        template = configured_template()
        with library.reopen() as own:
            report = export_markdown(own, None, out_dir, template=template)
    except (OSError, LibraryError, TemplateProblem) as error:
        raise ExportFailed(f"The export failed: {error}") from error
    return f"Exported: {report.summary()}"


def start_export(app: App[object], library: Library) -> Worker[None]:
    """Export in a thread worker; notify the result (markup off: paths may hold brackets)."""
    out_dir = default_export_dir()
    app.notify(f"Exporting notes to {out_dir} \u2026", markup=False)

    def work() -> None:
        try:
            message = export_everything(library, out_dir)
        except ExportFailed as error:
            app.call_from_thread(app.notify, str(error), severity="error", markup=False,
                                 timeout=10)
            return
        app.call_from_thread(app.notify, message, markup=False, timeout=10)

    return app.run_worker(work, thread=True, group="export", exclusive=True,
                          name="export-all")
