"""Highlights and notes as a W3C Web Annotation collection (JSON-LD).

Targets carry a TextQuoteSelector (exact/prefix/suffix) and, for highlights placed in the
current text, a TextPositionSelector (code points, end exclusive) over the canonical text
(ARCHITECTURE.md describes both). Notes are TextualBody bodies; colours are CSS classes on
the target.
"""

from __future__ import annotations

import json
from typing import Any

from newsreader.domain.models import Highlight, Note
from newsreader.exporting.markdown_export import gather
from newsreader.exporting.markdown_file import ArticleExport
from newsreader.storage import Library
from newsreader.storage.annotations import COLORS

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_STYLESHEET = {
    "type": "CssStylesheet",
    "value": " ".join(f".{color} {{ background-color: {color}; }}" for color in COLORS),
}


def _body(note: Note) -> dict[str, Any]:
    return {"id": f"urn:newsreader:note:{note.uid}", "type": "TextualBody",
            "purpose": "commenting", "format": "text/plain", "value": note.body,
            "created": note.created, "modified": note.updated}


def _source(item: ArticleExport) -> str:
    url = item.article.url
    return url if url and url.lower().startswith(("http://", "https://")) else (
        f"urn:newsreader:{item.uid}")


def _highlight(item: ArticleExport, highlight: Highlight) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": highlight.exact,
                                        "prefix": highlight.prefix, "suffix": highlight.suffix}]
    if highlight.start is not None and highlight.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": highlight.start,
                          "end": highlight.end})
    annotation: dict[str, Any] = {
        "id": f"urn:newsreader:highlight:{highlight.uid}",
        "type": "Annotation",
        "motivation": "commenting" if highlight.notes else "highlighting",
        "created": highlight.created,
        "modified": highlight.updated,
        "stylesheet": _STYLESHEET,
        "target": {"type": "SpecificResource", "source": _source(item),
                   "styleClass": highlight.color, "selector": selectors},
    }
    if highlight.notes:
        annotation["body"] = [_body(note) for note in highlight.notes]
    if highlight.start is None:
        annotation["newsreader:orphan"] = True
    return annotation


def _article_note(item: ArticleExport, note: Note) -> dict[str, Any]:
    return {"id": f"urn:newsreader:note:{note.uid}", "type": "Annotation",
            "motivation": "commenting", "created": note.created, "modified": note.updated,
            "body": _body(note), "target": _source(item)}


def article_annotations(item: ArticleExport) -> list[dict[str, Any]]:
    """An article's highlights (reading order, orphans last), then its article notes."""
    return ([_highlight(item, highlight) for highlight in item.highlights]
            + [_article_note(item, note) for note in item.notes])


def collection(library: Library, article_ids: list[int] | None = None) -> dict[str, Any]:
    """An AnnotationCollection of the named articles' annotations (all annotated ones if None).

    The items are in the collection's ``first`` AnnotationPage, as the Web Annotation
    vocabulary places them.
    """
    ids = library.annotations.annotated_article_ids() if article_ids is None else article_ids
    items = [annotation for article_id in ids
             for annotation in article_annotations(gather(library, article_id))]
    return {
        "@context": CONTEXT,
        "id": "urn:newsreader:annotations",
        "type": "AnnotationCollection",
        "label": "newsreader highlights and notes",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def to_json(data: dict[str, Any]) -> str:
    """The collection as indented JSON text, ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
