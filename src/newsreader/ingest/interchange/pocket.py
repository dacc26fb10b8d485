"""Pocket's CSV export: ``title,url,time_added,tags,status``.

Tags are separated by ``|``; ``status`` is ``unread`` or ``archive``; ``time_added`` is
seconds since 1970. The export holds no text, so every item is kept to fetch later.
"""

from __future__ import annotations

from newsreader.ingest.interchange import values
from newsreader.ingest.interchange.csv_rows import read_rows
from newsreader.ingest.interchange.model import Item, Parsed, Problem


def parse(data: bytes, name: str) -> Parsed:
    """The items of a Pocket CSV export."""
    rows, problems = read_rows(data, name, required=("url",), service="Pocket")
    parsed = Parsed(problems=problems)
    for row in rows:
        url = row.get("url")
        if not url:
            parsed.problems.append(Problem(row.where, "the row has no url"))
            continue
        parsed.items.append(Item(
            url=url, where=row.where, title=row.get("title") or None,
            tags=values.tags(row.get("tags").split("|")),
            archived=row.get("status").lower() == "archive",
            saved=values.timestamp(row.get("time_added")),
        ))
    return parsed
