"""Readwise Reader's CSV export of a library:
``Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen``.

``Document tags`` is written as a list (``['one', 'two']``); ``Location`` is ``new``,
``later``, ``shortlist`` (Reader's starred documents), ``archive`` or ``feed``. Feed items
were never saved by the user and are passed over. The export holds no text, so every
item is kept to fetch later.
"""

from __future__ import annotations

import ast
import json

from newsreader.ingest.interchange import values
from newsreader.ingest.interchange.csv_rows import read_rows
from newsreader.ingest.interchange.model import Item, Parsed, Problem

_LONGEST_TAG_LIST = 10_000


def parse(data: bytes, name: str) -> Parsed:
    """The items of a Readwise Reader CSV export."""
    rows, problems = read_rows(data, name, required=("url",), service="Readwise Reader")
    parsed = Parsed(problems=problems)
    for row in rows:
        url = row.get("url")
        location = row.get("location").lower()
        if location == "feed":
            parsed.skipped.append(Problem(row.where, "a feed item, not saved to the library"))
            continue
        if not url:
            parsed.problems.append(Problem(row.where, "the row has no URL"))
            continue
        parsed.items.append(Item(
            url=url, where=row.where, title=row.get("title") or None,
            tags=values.tags(_tags(row.get("document tags", "tags"))),
            archived=location == "archive", favourite=location == "shortlist",
            saved=values.timestamp(row.get("saved date", "saved at")),
        ))
    return parsed


def _tags(field: str) -> list[object]:
    """A list of names written as Python or JSON (``['a', 'b']``), else names and commas."""
    if not field or field == "[]":
        return []
    if field.startswith("[") and len(field) <= _LONGEST_TAG_LIST:
        for read in (json.loads, ast.literal_eval):
            try:
                found = read(field)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                continue
            if isinstance(found, list):
                return found
    return [part.strip(" []'\"") for part in field.split(",")]
