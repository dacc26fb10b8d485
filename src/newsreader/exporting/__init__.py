"""Exports: Markdown files people can live with, W3C Web Annotations, JSON Lines backups.

Pure domain: it reads the Library through its methods and never imports a UI.
"""

from newsreader.exporting.markdown_export import (
    ExportReport,
    ExportResult,
    export_markdown,
    render_all,
)

__all__ = ["ExportReport", "ExportResult", "export_markdown", "render_all"]
