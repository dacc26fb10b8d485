"""What every format's parser gives: items, annotations aimed at URLs, and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ContentKind = Literal["html", "markdown", "text"]


class FormatError(Exception):
    """The file as a whole cannot be read as this format (the message says why)."""


@dataclass(frozen=True)
class Quote:
    """The passage a highlight marks: the quote, its context, and its offsets in the other
    tool's copy of the text, when the export gives them."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class NoteText:
    """A note's text, with its id in the other tool (if it has one) and when it was made."""

    body: str
    key: str | None = None
    created: str | None = None


@dataclass(frozen=True)
class Annotation:
    """A highlight (with a quote) or notes on a whole article (without one).

    ``key`` identifies it in the other tool (an id or URN), so that importing it again
    adds nothing; without one, the article, quote and position identify it.
    """

    quote: Quote | None
    notes: tuple[NoteText, ...] = ()
    key: str | None = None
    color: str | None = None
    created: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Targeted:
    """An annotation aimed at a web address (or a ``urn:newsreader:`` article)."""

    target: str
    annotation: Annotation
    where: str


@dataclass(frozen=True)
class Item:
    """One saved item of a read-it-later service: where it is, what it is called and
    flagged as, and its text and highlights when the export holds them."""

    url: str
    where: str
    title: str | None = None
    content: bytes | None = None
    content_kind: ContentKind = "html"
    tags: tuple[str, ...] = ()
    archived: bool = False
    favourite: bool = False
    saved: str | None = None
    byline: str | None = None
    published: str | None = None
    note: str | None = None
    annotations: tuple[Annotation, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A part of a file that could not be read, and why (one line)."""

    where: str
    reason: str


@dataclass
class Parsed:
    """A file read: its items, its annotations, what failed, and what was left out on
    purpose (with the reason)."""

    items: list[Item] = field(default_factory=list)
    annotations: list[Targeted] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
