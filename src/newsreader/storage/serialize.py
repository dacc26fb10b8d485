"""Article <-> JSON, for the structure a revision stores alongside its text; reading it back
checks it, so that a damaged revision is one article's clear error."""

from __future__ import annotations

import json
from typing import Any, get_args

from newsreader.domain.models import (
    BLOCK_SEPARATOR,
    MARK_TAGS,
    Article,
    Block,
    BlockKind,
    Caption,
    Link,
    LinkKind,
    Mark,
)
from newsreader.storage.errors import DamagedArticleError


def article_to_json(article: Article) -> str:
    """Serialise everything about an article except its canonical text.

    Block texts are left out when the canonical text splits back into them exactly, which
    is the normal case: the text is then stored once, not twice. ``ordered`` (the numbered
    list items, by block index) and ``marks`` are left out when empty.
    """
    texts = [block.text for block in article.blocks]
    derivable = texts == (article.text.split(BLOCK_SEPARATOR) if texts else [])
    optional: dict[str, object] = {}
    ordered = [index for index, block in enumerate(article.blocks) if block.ordered]
    if ordered:
        optional["ordered"] = ordered
    if article.marks:
        optional["marks"] = [[mark.tag, mark.start, mark.end] for mark in article.marks]
    return json.dumps(
        {
            "title": article.title,
            "dek": article.dek,
            "byline": article.byline,
            "published": article.published,
            "url": article.url,
            "site": article.site,
            "blocks": [[b.kind, b.level] if derivable else [b.kind, b.level, b.text]
                       for b in article.blocks],
            "captions": [[c.text, c.credit] for c in article.captions],
            "links": [
                [link.kind, link.label, link.text, link.url, link.start, link.end]
                for link in article.links
            ],
            **optional,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def article_from_json(data: object, text: object) -> Article:
    """Rebuild an Article from :func:`article_to_json` output and its text.

    What is stored is checked before it is trusted: a revision damaged on disk or by hand
    raises :class:`UnreadableRevisionError` saying what is wrong, never a KeyError or
    TypeError from deep inside. The reason names fields and positions only, never stored
    content, so it is safe to print.
    """
    if not isinstance(text, str):
        raise UnreadableRevisionError("its text is not text")
    raw = _structure(data)
    blocks = _ordered(_blocks(raw["blocks"], text), raw.get("ordered", []))
    if BLOCK_SEPARATOR.join(block.text for block in blocks) != text:
        raise UnreadableRevisionError("its text does not match its structure")
    return Article(
        title=_text(raw, "title"),
        dek=_optional(raw, "dek"),
        byline=_optional(raw, "byline"),
        published=_optional(raw, "published"),
        url=_optional(raw, "url"),
        site=_optional(raw, "site"),
        blocks=blocks,
        captions=_captions(raw["captions"]),
        links=_links(raw["links"], len(text)),
        marks=_marks(raw.get("marks", []), len(text)),
    )


def read_article(article_id: int, data: object, text: object) -> Article:
    """:func:`article_from_json` for a stored revision of article ``article_id``; a revision
    that cannot be read raises :class:`DamagedArticleError` naming the article."""
    try:
        return article_from_json(data, text)
    except UnreadableRevisionError as error:
        raise DamagedArticleError(article_id, str(error)) from None


def revision_problem(data: object, text: object) -> str | None:
    """Why a stored revision cannot be read, or None if it can."""
    try:
        article_from_json(data, text)
    except UnreadableRevisionError as error:
        return str(error)
    return None


class UnreadableRevisionError(ValueError):
    """A stored revision's structure or text is not what it should be."""


_KEYS = ("title", "dek", "byline", "published", "url", "site", "blocks", "captions", "links")
_BLOCK_KINDS = frozenset(get_args(BlockKind))
_MARK_TAGS = frozenset(MARK_TAGS)
_LINK_KINDS = frozenset(get_args(LinkKind))


def _structure(data: object) -> dict[str, Any]:
    if not isinstance(data, str):
        raise UnreadableRevisionError("its structure is not text")
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError):
        raise UnreadableRevisionError("its structure is not JSON") from None
    if not isinstance(raw, dict):
        raise UnreadableRevisionError("its structure is not a JSON object")
    for key in _KEYS:
        if key not in raw:
            raise UnreadableRevisionError(f"its structure has no {key}")
    for key in ("blocks", "captions", "links"):
        if not isinstance(raw[key], list):
            raise UnreadableRevisionError(f"its {key} are not a list")
    return raw


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise UnreadableRevisionError(f"its {key} is not text")
    return value


def _optional(raw: dict[str, Any], key: str) -> str | None:
    return None if raw[key] is None else _text(raw, key)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _blocks(entries: list[Any], text: str) -> tuple[Block, ...]:
    texts = text.split(BLOCK_SEPARATOR) if text else []
    blocks: list[Block] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, list) or len(entry) not in (2, 3):
            raise UnreadableRevisionError(f"its block {number} is not [kind, level, text]")
        kind, level = entry[0], entry[1]
        if not isinstance(kind, str) or kind not in _BLOCK_KINDS:
            raise UnreadableRevisionError(f"its block {number} is of an unknown kind")
        if not _is_count(level):
            raise UnreadableRevisionError(f"its block {number} has no level")
        if len(entry) == 3:
            block_text = entry[2]
        elif number <= len(texts):
            block_text = texts[number - 1]
        else:
            raise UnreadableRevisionError("its text does not match its structure")
        if not isinstance(block_text, str):
            raise UnreadableRevisionError(f"its block {number} has no text")
        blocks.append(Block(kind=kind, level=level, text=block_text))  # type: ignore[arg-type]
    return tuple(blocks)


def _captions(entries: list[Any]) -> tuple[Caption, ...]:
    captions: list[Caption] = []
    for number, entry in enumerate(entries, start=1):
        if (not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str)
                or not isinstance(entry[1], str | None)):
            raise UnreadableRevisionError(f"its caption {number} is not [text, credit]")
        captions.append(Caption(text=entry[0], credit=entry[1]))
    return tuple(captions)


def _links(entries: list[Any], text_length: int) -> tuple[Link, ...]:
    links: list[Link] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, list) or len(entry) != 6:
            raise UnreadableRevisionError(
                f"its link {number} is not [kind, label, text, url, start, end]")
        kind, label, link_text, url, start, end = entry
        if (not isinstance(kind, str) or kind not in _LINK_KINDS
                or not isinstance(link_text, str) or not isinstance(label, str | None)
                or not isinstance(url, str | None)):
            raise UnreadableRevisionError(f"its link {number} is not a link")
        if (start is None) != (end is None) or (start is not None and not (
                _is_count(start) and _is_count(end) and start <= end <= text_length)):
            raise UnreadableRevisionError(f"its link {number} lies outside the text")
        links.append(Link(kind=kind, label=label, text=link_text,  # type: ignore[arg-type]
                          url=url, start=start, end=end))
    return tuple(links)


def _ordered(blocks: tuple[Block, ...], entries: object) -> tuple[Block, ...]:
    if not isinstance(entries, list) or not all(
            _is_count(index) and index < len(blocks) for index in entries):
        raise UnreadableRevisionError("its numbered list items are not block positions")
    numbered = set(entries)
    return tuple(Block(kind=block.kind, text=block.text, level=block.level, ordered=True)
                 if index in numbered else block for index, block in enumerate(blocks))


def _marks(entries: object, text_length: int) -> tuple[Mark, ...]:
    if not isinstance(entries, list):
        raise UnreadableRevisionError("its marks are not a list")
    marks: list[Mark] = []
    for number, entry in enumerate(entries, start=1):
        if (not isinstance(entry, list) or len(entry) != 3 or not isinstance(entry[0], str)
                or entry[0] not in _MARK_TAGS
                or not (_is_count(entry[1]) and _is_count(entry[2])
                        and entry[1] <= entry[2] <= text_length)):
            raise UnreadableRevisionError(f"its mark {number} is not [tag, start, end] in the text")
        marks.append(Mark(entry[0], entry[1], entry[2]))
    return tuple(marks)
