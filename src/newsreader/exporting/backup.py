"""A full backup as JSON Lines, and restoring one into an empty library.

Line 1 is a header (``{"format": "newsreader-backup", "version": 1, "schema": N}``). Then
one line per row of the library-wide tables (tags, settings, pending addresses, feeds and
the entries seen in them, which name the articles that follow), then one line per
article holding its row and its revisions (text, structure with captions, links and
emphasis, and the original bytes), highlights, anchors, notes and tag links. Blobs are
``{"$base64": "..."}``. There is no timestamp, so a backup of a restored library is
byte-identical to the backup it came from.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsreader.storage import Library

# backup_check.py, which reads them back, has its own copy: this module imports it on
# restore, and the other way round would be a cycle.
FORMAT = "newsreader-backup"
VERSION = 1


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def backup_lines(library: Library) -> Iterator[str]:
    """The backup, one JSON text per line (each ending in a newline)."""
    header = {"format": FORMAT, "version": VERSION, "schema": library.backup.schema_version()}
    yield json.dumps(header) + "\n"
    for record in library.backup.records():
        yield json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":")) + "\n"


def write_backup(library: Library, out: IO[str]) -> None:
    """Write the whole library to ``out`` as JSON Lines."""
    for line in backup_lines(library):
        out.write(line)


def restore(library: Library, lines: Iterable[str] | Iterable[bytes], *,
            name: str = "the backup") -> int:
    """Load a backup into ``library``, which must be empty; returns the articles restored.

    ``lines`` may be text or bytes (read as UTF-8). The whole backup is checked first
    (:mod:`newsreader.exporting.backup_check`); a backup with any problem raises a
    LibraryError naming ``name``, the line and the field, and nothing is restored. Then
    every row is written in one transaction.
    """
    # Here, not at the top: the check loads pydantic, which only restore needs.
    from newsreader.exporting.backup_check import check_backup

    checked = check_backup(lines, name=name, known_schema=library.backup.schema_version())
    return library.backup.restore(checked.records, schema=checked.schema)
