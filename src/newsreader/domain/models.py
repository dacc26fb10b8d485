"""Plain data the whole program shares: articles, their parts, highlights and notes.

Nothing here talks to a database, a terminal or the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "quote", "list_item"]
LinkKind = Literal["inline", "related"]
MarkTag = Literal["em", "strong", "code", "sub", "sup", "del", "mark"]
MARK_TAGS: tuple[MarkTag, ...] = ("em", "strong", "code", "sub", "sup", "del", "mark")

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One block of the article body: a heading, paragraph, quote or list item."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level (1-6); 0 for other kinds
    ordered: bool = False  # a list item of a numbered list


@dataclass(frozen=True)
class Caption:
    """A photo caption lifted out of the body, with its credit split off."""

    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Link:
    """A link taken from the article.

    Inline links keep their words in the canonical text; ``start``/``end`` is their span
    there (code points, end exclusive). Related links ("Read also: ...") were lifted out
    of the body and have no span.
    """

    text: str
    url: str | None
    kind: LinkKind
    label: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Mark:
    """Inline emphasis (italic, bold, code...) over ``start``-``end`` of the canonical text
    (code points, end exclusive). Kept for the Markdown rendition made at export time."""

    tag: MarkTag
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata, body blocks, captions, links and inline emphasis."""

    title: str
    blocks: tuple[Block, ...] = ()
    dek: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None
    captions: tuple[Caption, ...] = ()
    links: tuple[Link, ...] = ()
    marks: tuple[Mark, ...] = ()

    @property
    def text(self) -> str:
        """The canonical text: the blocks joined by a blank line. Every offset (links,
        highlights, reading position) is into it; see ARCHITECTURE.md."""
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    @property
    def headings(self) -> list[str]:
        """The text of every heading block, in order."""
        return [block.text for block in self.blocks if block.kind == "heading"]

    def block_starts(self) -> list[int]:
        """The offset in :attr:`text` where each block begins."""
        starts: list[int] = []
        offset = 0
        for block in self.blocks:
            starts.append(offset)
            offset += len(block.text) + len(BLOCK_SEPARATOR)
        return starts


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the library list: enough to show and sort, without the body."""

    id: int
    title: str
    site: str | None
    source: str
    saved: str
    published: str | None
    read: bool
    highlight_count: int
    archived: bool = False
    favourite: bool = False
    word_count: int | None = None  # None: not counted (a row restored from an old backup)


@dataclass(frozen=True)
class StoredArticle:
    """An article as the library holds it: its id, provenance and the current cleaned text."""

    id: int
    source: str
    saved: str
    read: bool
    reading_position: int
    revision_id: int
    article: Article
    highlight_count: int = 0


@dataclass(frozen=True)
class Highlight:
    """A highlighted passage with its W3C selectors and where it sits in the current text."""

    id: int
    uid: str
    article_id: int
    exact: str
    prefix: str
    suffix: str
    color: str
    created: str
    updated: str
    start: int | None = None  # in the current revision; None for an orphan
    end: int | None = None
    status: str = "exact"
    score: float | None = None
    notes: tuple[Note, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Note:
    """A note on a highlight, or on the whole article when ``highlight_id`` is None."""

    id: int
    uid: str
    article_id: int
    highlight_id: int | None
    body: str
    created: str
    updated: str
