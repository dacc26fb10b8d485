"""W3C Web Annotations (JSON-LD): what ``newsreader export --format w3c`` writes, and any
conforming collection, page, list or single annotation.

What is read: the annotation's ``id``, ``created``, its first target (a ``source`` with a
TextQuoteSelector and TextPositionSelector, also inside ``refinedBy``, and a
``styleClass`` colour), and its bodies: TextualBody values become notes (``tagging`` ones
tags), ``bodyValue`` too. A target that is only an address makes a note on the whole
article. Pages that are links (not inside the file), further targets, RangeSelectors,
XPath and CSS selectors are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsreader.ingest.interchange import values
from newsreader.ingest.interchange.model import (
    Annotation,
    FormatError,
    NoteText,
    Parsed,
    Problem,
    Quote,
    Targeted,
)

_DEEPEST_SELECTOR = 4


class Unusable(ValueError):
    """One annotation cannot be imported (the message says why)."""


def parse(data: bytes, name: str) -> Parsed:
    """The annotations of a W3C Web Annotation file."""
    parsed = Parsed()
    for number, item in enumerate(_annotations(values.json_document(data)), start=1):
        where = f"{name} annotation {number}"
        try:
            parsed.annotations.append(annotation(item, where))
        except Unusable as error:
            parsed.problems.append(Problem(where, str(error)))
    return parsed


def annotation(item: object, where: str) -> Targeted:
    """One Web Annotation as an annotation aimed at its target's address."""
    if not isinstance(item, dict):
        raise Unusable("it is not an object")
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    style: object = None
    selectors: object = None
    if isinstance(target, dict):
        source = target.get("source") or target.get("id")
        style = target.get("styleClass")
        selectors = target.get("selector")
    else:
        source = target
    if not isinstance(source, str) or not source.strip():
        raise Unusable("it has no target address")
    quote = quote_from(selectors)
    notes, tags = _bodies(item.get("body"), values.timestamp(item.get("created")))
    if isinstance(item.get("bodyValue"), str) and item["bodyValue"].strip():
        notes.append(NoteText(item["bodyValue"]))
    if quote is None and not notes:
        raise Unusable("it has neither a quote nor a note")
    key = item.get("id", item.get("@id"))
    return Targeted(source.strip(), Annotation(
        quote=quote, notes=tuple(notes), key=key if isinstance(key, str) else None,
        color=style if isinstance(style, str) else None,
        created=values.timestamp(item.get("created")), tags=values.tags(tags),
    ), where)


def _types(value: object) -> set[str]:
    names = value if isinstance(value, list) else [value]
    return {name.rsplit(":", 1)[-1] for name in names if isinstance(name, str)}


def _annotations(document: object) -> list[object]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise FormatError("it holds no Web Annotation, page or collection")
    kinds = _types(document.get("type", document.get("@type")))
    if "AnnotationCollection" in kinds:
        first = document.get("first")
        if first is None:
            return []
        if not isinstance(first, dict):
            raise FormatError("the collection's pages are links, not in the file; only a "
                              "collection that holds its pages can be read")
        return _page_items(first)
    if "AnnotationPage" in kinds:
        return _page_items(document)
    if "Annotation" in kinds:
        return [document]
    raise FormatError("it holds no Web Annotation, page or collection (no such type)")


def _page_items(page: dict[str, Any]) -> list[object]:
    items: list[object] = []
    seen = 0
    while isinstance(page, dict) and seen < 10_000:
        found = page.get("items")
        if isinstance(found, list):
            items.extend(found)
        page = page.get("next")  # type: ignore[assignment]
        seen += 1
    return items


def _selectors(found: list[Any], depth: int) -> Iterator[dict[str, Any]]:
    for selector in found:
        if isinstance(selector, dict):
            yield selector
            refined = selector.get("refinedBy")
            if refined is not None and depth < _DEEPEST_SELECTOR:
                yield from _selectors(refined if isinstance(refined, list) else [refined],
                                      depth + 1)


def quote_from(selectors: object) -> Quote | None:
    """The quote that W3C selectors (a list, or one) describe: a TextQuoteSelector with a
    TextPositionSelector beside it or in its ``refinedBy``; None without a quote."""
    exact: str | None = None
    prefix = suffix = ""
    start = end = None
    found = selectors if isinstance(selectors, list) else [selectors]
    for selector in _selectors(found, 0):
        kinds = _types(selector.get("type"))
        if "TextQuoteSelector" in kinds and isinstance(selector.get("exact"), str):
            exact = selector["exact"]
            prefix = _string(selector.get("prefix"))
            suffix = _string(selector.get("suffix"))
        elif "TextPositionSelector" in kinds:
            first, last = selector.get("start"), selector.get("end")
            if (isinstance(first, int) and isinstance(last, int)
                    and not isinstance(first, bool) and 0 <= first <= last):
                start, end = first, last
    if not exact or not exact.strip():
        return None
    return Quote(exact, prefix, suffix, start, end)


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _bodies(body: object, created: str | None) -> tuple[list[NoteText], list[str]]:
    notes: list[NoteText] = []
    tags: list[str] = []
    for item in body if isinstance(body, list) else [body]:
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            continue
        purposes = item.get("purpose")
        purposes = purposes if isinstance(purposes, list) else [purposes]
        if "tagging" in purposes:
            tags.append(item["value"])
        elif item["value"].strip():
            key = item.get("id", item.get("@id"))
            notes.append(NoteText(item["value"], key if isinstance(key, str) else None,
                                  values.timestamp(item.get("created")) or created))
    return notes, tags
