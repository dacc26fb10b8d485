"""Export one article's highlights and notes to Markdown (the reader's ``E``), in one line.

Also the layout both TUI exports use: the settings file's ``export_template`` or
``export_preset``, as ``newsreader export`` uses them when given neither option.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsreader.exporting import export_markdown
from newsreader.exporting.templates import TemplateProblem
from newsreader.storage import Library, LibraryError

if TYPE_CHECKING:
    from newsreader.exporting.templates import RegionTemplate

Severity = Literal["information", "warning", "error"]


def configured_template() -> RegionTemplate:
    """The layout the settings file names, read when exporting (so an edit to the file
    counts without a restart): its template, else its preset, else the default.

    Raises TemplateProblem when the template cannot be read or is not valid Jinja, or
    the preset does not exist.
    """
    from newsreader.exporting.templates import preset, template_file
    from newsreader.storage.config import load_config

    config = load_config().config
    if config.export_template is not None:
        return template_file(config.export_template)
    return preset(config.export_preset or "default")


def export_article(library: Library, article_id: int, out_dir: Path) -> tuple[str, Severity]:
    """Export from a connection of its own (this runs in a worker thread); returns what to
    tell the reader (where the file went, or why there is none) and how loudly."""
    try:
        template = configured_template()
        with library.reopen() as own:
            report = export_markdown(own, [article_id], out_dir, template=template)
    except (OSError, LibraryError, TemplateProblem) as error:
        return f"Export failed: {error}", "error"
    result = report.results[0]
    if result.status == "written" and result.path is not None:
        return f"Exported to {result.path}", "information"
    if result.reason:
        return f"Not exported: {result.reason}", "warning"
    return f"Export: {report.summary()}", "information"
