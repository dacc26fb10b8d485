"""A full backup as JSON Lines, and restoring one into an empty library.

Line 1 is a header (``{"format": "newsreader-backup", "version": 1, "schema": N}``). Then
one line per row of the library-wide tables (tags, settings...), then one line per
article holding its row and its revisions (text, Markdown, structure with captions and
links, and the original bytes), highlights, anchors, notes and tag links. Blobs are
``{"$base64": "..."}``. There is no timestamp, so a backup of a restored library is
byte-identical to the backup it came from.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsreader.storage import Library, LibraryError

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


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$base64"}:
            return base64.b64decode(value["$base64"], validate=True)
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
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


def _records(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise LibraryError(f"line {number} of the backup is not JSON: {error}") from None
        if not isinstance(record, dict):
            raise LibraryError(f"line {number} of the backup is not a record")
        yield _decode(record)


def restore(library: Library, lines: Iterable[str]) -> int:
    """Load a backup into ``library``, which must be empty; returns the articles restored.

    Nothing is restored unless everything is (one transaction).
    """
    iterator = iter(lines)
    first = next(iterator, "")
    try:
        header = json.loads(first)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise LibraryError("this is not a newsreader backup (made by `newsreader export "
                           "--format json`)")
    if header.get("version") != VERSION:
        raise LibraryError(f"unsupported backup version {header.get('version')!r}; "
                           "a newer newsreader may read it")
    return library.backup.restore(_records(iterator), schema=int(header.get("schema", 0)))
