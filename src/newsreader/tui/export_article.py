"""Export one article's highlights and notes to Markdown (the reader's ``E``), in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from newsreader.exporting import export_markdown
from newsreader.storage import Library, LibraryError

Severity = Literal["information", "warning", "error"]


def export_article(library: Library, article_id: int, out_dir: Path) -> tuple[str, Severity]:
    """Export from a connection of its own (this runs in a worker thread); returns what to
    tell the reader (where the file went, or why there is none) and how loudly."""
    try:
        with library.reopen() as own:
            report = export_markdown(own, [article_id], out_dir)
    except (OSError, LibraryError) as error:
        return f"Export failed: {error}", "error"
    result = report.results[0]
    if result.status == "written" and result.path is not None:
        return f"Exported to {result.path}", "information"
    if result.reason:
        return f"Not exported: {result.reason}", "warning"
    return f"Export: {report.summary()}", "information"
