"""wallabag's JSON export (v2): a list of entries.

What is read from an entry: ``url``, ``title``, ``content`` (the article as wallabag
cleaned it, HTML), ``mimetype``, ``tags`` (names, or objects with a ``label``),
``is_archived``, ``is_starred``, ``created_at`` (when it was saved), ``published_by`` and
``published_at``, and its ``annotations``: ``quote``, ``text`` (the note), ``created_at``
and ``id``. Their ``ranges`` are XPath offsets into wallabag's HTML, which newsreader's
text does not keep, so the quote alone places them. Preview pictures, reading times,
languages and wallabag's own ids for entries are not kept.
"""

from __future__ import annotations

from typing import Any

from newsreader.ingest.interchange import values
from newsreader.ingest.interchange.model import (
    Annotation,
    ContentKind,
    FormatError,
    Item,
    NoteText,
    Parsed,
    Problem,
    Quote,
)


def parse(data: bytes, name: str) -> Parsed:
    """The entries of a wallabag JSON export."""
    document = values.json_document(data)
    if isinstance(document, dict) and isinstance(document.get("entries"), list):
        document = document["entries"]
    if not isinstance(document, list):
        raise FormatError("it is not a wallabag export: not a list of entries")
    parsed = Parsed()
    for number, entry in enumerate(document, start=1):
        where = f"{name} entry {number}"
        if not isinstance(entry, dict):
            parsed.problems.append(Problem(where, "it is not an object"))
            continue
        url = values.text(entry.get("url")) or values.text(entry.get("given_url"))
        if url is None:
            parsed.problems.append(Problem(where, "it has no url"))
            continue
        content = values.text(entry.get("content"))
        parsed.items.append(Item(
            url=url, where=where, title=values.text(entry.get("title")),
            content=content.encode("utf-8") if content else None,
            content_kind=_kind(entry.get("mimetype")),
            tags=values.tags(_tag_names(entry.get("tags"))),
            archived=values.flag(entry.get("is_archived")),
            favourite=values.flag(entry.get("is_starred")),
            saved=values.timestamp(entry.get("created_at")),
            byline=_byline(entry.get("published_by")),
            published=values.timestamp(entry.get("published_at")),
            annotations=tuple(_annotations(entry.get("annotations"), url)),
        ))
    return parsed


def _kind(mimetype: object) -> ContentKind:
    return "text" if isinstance(mimetype, str) and mimetype.startswith("text/plain") else "html"


def _tag_names(tags: object) -> list[object]:
    if not isinstance(tags, list):
        return []
    return [tag.get("label") if isinstance(tag, dict) else tag for tag in tags]


def _byline(authors: object) -> str | None:
    if isinstance(authors, list):
        names = [name.strip() for name in authors if isinstance(name, str) and name.strip()]
        return ", ".join(names) or None
    return values.text(authors)


def _annotations(found: object, url: str) -> list[Annotation]:
    annotations = []
    for item in found if isinstance(found, list) else []:
        if not isinstance(item, dict):
            continue
        quote = values.text(item.get("quote"))
        note = values.text(item.get("text")) or ""
        if quote is None and not note.strip():
            continue
        annotations.append(_annotation(item, url, quote, note))
    return annotations


def _annotation(item: dict[str, Any], url: str, quote: str | None, note: str) -> Annotation:
    created = values.timestamp(item.get("created_at"))
    key = item.get("id")
    return Annotation(
        quote=Quote(quote) if quote else None,
        notes=(NoteText(note, None, created),) if note.strip() else (),
        key=f"wallabag:{url}#{key}" if isinstance(key, int | str) else None,
        created=created,
    )
