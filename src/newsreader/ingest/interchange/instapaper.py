"""Instapaper's CSV export: ``URL,Title,Selection,Folder,Timestamp`` (newer ones add
``Tags``, a JSON list).

``Folder`` is ``Unread``, ``Archive``, ``Starred`` or a folder of the user's, which becomes
a tag. ``Selection`` (text chosen when the page was saved) is kept as a note with the
address. The export holds no article text, so every item is kept to fetch later.
"""

from __future__ import annotations

import json

from newsreader.ingest.interchange import values
from newsreader.ingest.interchange.csv_rows import read_rows
from newsreader.ingest.interchange.model import Item, Parsed, Problem

_BUILT_IN_FOLDERS = {"unread", "archive", "starred", ""}


def parse(data: bytes, name: str) -> Parsed:
    """The items of an Instapaper CSV export."""
    rows, problems = read_rows(data, name, required=("url",), service="Instapaper")
    parsed = Parsed(problems=problems)
    for row in rows:
        url = row.get("url")
        if not url:
            parsed.problems.append(Problem(row.where, "the row has no URL"))
            continue
        folder = row.get("folder")
        tags = _tags(row.get("tags"))
        if folder.lower() not in _BUILT_IN_FOLDERS:
            tags = (*tags, folder)
        parsed.items.append(Item(
            url=url, where=row.where, title=row.get("title") or None, tags=values.tags(tags),
            archived=folder.lower() == "archive", favourite=folder.lower() == "starred",
            saved=values.timestamp(row.get("timestamp")), note=row.get("selection") or None,
        ))
    return parsed


def _tags(field: str) -> tuple[str, ...]:
    """The Tags column: a JSON list of names (or of objects with a name), else commas."""
    if not field:
        return ()
    try:
        found = json.loads(field)
    except ValueError:
        return tuple(field.split(","))
    if not isinstance(found, list):
        return ()
    return tuple(tag.get("name", "") if isinstance(tag, dict) else tag for tag in found)
