"""Hypothesis annotations as its API gives them: ``{"rows": [...]}`` from a search, or a
bare list of annotations.

What is read: ``id``, ``created``, ``uri`` (else the first target's ``source``), ``text``
(the note, Markdown), ``tags``, and in ``target[0].selector`` the TextQuoteSelector and
TextPositionSelector. An annotation without a selector is a page note: a note on the
whole article. Replies (those with ``references``) are passed over, and so are
RangeSelectors (XPath into the page as Hypothesis saw it), groups and permissions.
"""

from __future__ import annotations

from newsreader.ingest.interchange import values
from newsreader.ingest.interchange.model import (
    Annotation,
    FormatError,
    NoteText,
    Parsed,
    Problem,
    Targeted,
)
from newsreader.ingest.interchange.w3c import quote_from


def parse(data: bytes, name: str) -> Parsed:
    """The annotations of a Hypothesis API answer."""
    document = values.json_document(data)
    rows = document.get("rows") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        raise FormatError('it is not a Hypothesis export: neither a "rows" list nor a list')
    parsed = Parsed()
    for number, row in enumerate(rows, start=1):
        where = f"{name} annotation {number}"
        if isinstance(row, dict) and row.get("references"):
            parsed.skipped.append(Problem(where, "a reply to another annotation"))
            continue
        try:
            parsed.annotations.append(_annotation(row, where))
        except ValueError as error:
            parsed.problems.append(Problem(where, str(error)))
    return parsed


def _annotation(row: object, where: str) -> Targeted:
    if not isinstance(row, dict):
        raise ValueError("it is not an object")
    targets = row.get("target")
    target = targets[0] if isinstance(targets, list) and targets else {}
    target = target if isinstance(target, dict) else {}
    uri = row.get("uri") or target.get("source")
    if not isinstance(uri, str) or not uri.strip():
        raise ValueError("it has no uri")
    quote = quote_from(target.get("selector"))
    text = row.get("text")
    text = text if isinstance(text, str) else ""
    created = values.timestamp(row.get("created"))
    notes = (NoteText(text, None, created),) if text.strip() else ()
    if quote is None and not notes:
        raise ValueError("it has neither a quote nor a note")
    tags = row.get("tags")
    key = row.get("id")
    return Targeted(uri.strip(), Annotation(
        quote=quote, notes=notes, key=f"hypothesis:{key}" if isinstance(key, str) else None,
        created=created, tags=values.tags(tags if isinstance(tags, list) else []),
    ), where)
