"""What each line of a backup may hold: one strict pydantic model per kind of row.

The models describe the tables as the current schema has them (storage/migrations.py):
every column, with its type, whether it may be empty, and the range SQLite and the program
accept. tests/test_restore_validation.py checks that their fields are the tables' columns,
so a schema step that changes a table changes its model here too. Strict means no
coercion: ``"1"`` is not a number and ``true`` is not 1. References between rows are not
checked here but in :mod:`newsreader.exporting.backup_check`, which sees the whole backup.

Imported only by ``restore``: loading pydantic is not something start-up should pay for.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from newsreader.domain.anchoring import AnchorStatus
from newsreader.domain.models import BlockKind, LinkKind, MarkTag
from newsreader.storage.annotations import COLORS

SQLITE_INTEGER_MAX = 2**63 - 1


def _unicode(value: str) -> str:
    # JSON can spell a lone surrogate ("\ud800"); SQLite cannot store it as UTF-8.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("unicode", "holds a lone surrogate, which is not text"
                                  ) from None
    return value


def _color(value: str) -> str:
    if value not in COLORS:
        raise PydanticCustomError("color", "must be one of {colors}",
                                  {"colors": ", ".join(COLORS)})
    return value


def _http(value: str) -> str:
    # A feed is only ever followed at an http(s) address (`feeds add` and OPML import
    # take nothing else): a backup is not a way round that.
    if not value.lower().startswith(("http://", "https://")):
        raise PydanticCustomError("http", "must be an http(s) address")
    return value


def _blob(value: Any) -> bytes:
    if isinstance(value, dict) and set(value) == {"$base64"} and isinstance(
            value["$base64"], str):
        try:
            return base64.b64decode(value["$base64"], validate=True)
        except (binascii.Error, ValueError):
            raise PydanticCustomError("base64", "is not valid base64") from None
    raise PydanticCustomError("blob", 'must be an object holding "$base64" text')


Text = Annotated[str, AfterValidator(_unicode)]
Id = Annotated[int, Field(ge=1, le=SQLITE_INTEGER_MAX)]
Offset = Annotated[int, Field(ge=0, le=SQLITE_INTEGER_MAX)]
Flag = Annotated[int, Field(ge=0, le=1)]
Blob = Annotated[bytes, BeforeValidator(_blob)]
Color = Annotated[str, AfterValidator(_color)]
HttpAddress = Annotated[Text, AfterValidator(_http)]
SourceKind = Literal["file", "url", "stdin"]
MediaType = Literal["html", "text", "markdown"]
AnchorMethod = Literal["created", AnchorStatus]
HeadingLevel = Annotated[int, Field(ge=0, le=6)]


class Row(BaseModel):
    """A row as the backup spells it: every column present, no other key, no coercion."""

    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


def _span_end(end: int | None, info: ValidationInfo) -> int | None:
    """``end`` after ``start``, and both given or neither (an orphaned anchor has neither)."""
    if "start" not in info.data:
        return end  # start itself was refused: that is the problem to report
    start = info.data["start"]
    if (start is None) != (end is None):
        raise PydanticCustomError("span", "must be empty exactly when start is")
    if start is not None and end is not None and end < start:
        raise PydanticCustomError("span", "must be >= start ({start})", {"start": start})
    return end


class ArticleRow(Row):
    """A row of ``articles``."""

    id: Id
    uid: Text
    source: Text
    source_kind: SourceKind
    title: Text
    dek: Text | None
    byline: Text | None
    published: Text | None
    url: Text | None
    site: Text | None
    saved_at: Text
    updated_at: Text
    read: Flag
    archived: Flag
    favourite: Flag
    reading_position: Offset
    current_revision_id: Id
    highlight_count: Offset
    word_count: Offset | None = None  # schema 4 on


class RevisionRow(Row):
    """A row of ``revisions``: the cleaned text and its structure, the original."""

    id: Id
    article_id: Id
    created_at: Text
    content_hash: Text
    source_kind: SourceKind
    source: Text
    media_type: MediaType
    cleaner_version: Text
    original: Blob
    text: Text
    structure: Text


class HighlightRow(Row):
    """A row of ``highlights``: the selectors as first made, in the revision named."""

    id: Id
    uid: Text
    article_id: Id
    revision_id: Id
    exact: Text
    prefix: Text
    suffix: Text
    start: Offset
    end: Annotated[Offset, AfterValidator(_span_end)]
    color: Color
    block_key: Text | None
    created_at: Text
    updated_at: Text
    deleted_at: Text | None


class AnchorRow(Row):
    """A row of ``anchors``: where a highlight sits in one revision (nowhere if orphaned)."""

    highlight_id: Id
    revision_id: Id
    start: Offset | None
    end: Annotated[Offset | None, AfterValidator(_span_end)]
    method: AnchorMethod
    score: float | None


class NoteRow(Row):
    """A row of ``notes``: on a highlight, or on the whole article."""

    id: Id
    uid: Text
    article_id: Id
    highlight_id: Id | None
    body: Text
    created_at: Text
    updated_at: Text


class ArticleTagRow(Row):
    """A row of ``article_tags``."""

    article_id: Id
    tag_id: Id


class TagRow(Row):
    """A row of ``tags``."""

    id: Id
    name: Text


class SettingRow(Row):
    """A row of ``settings``."""

    key: Text
    value: Text


class ArticleRecord(Row):
    """One article's line: its row and every row that belongs to it."""

    article: ArticleRow
    revisions: Annotated[list[RevisionRow], Field(min_length=1)]
    highlights: list[HighlightRow]
    anchors: list[AnchorRow]
    notes: list[NoteRow]
    article_tags: list[ArticleTagRow]


class PendingRow(Row):
    """A row of ``pending``: an address imported without its text, to fetch later."""

    id: Id
    key: Text
    url: Text
    title: Text | None
    tags: Text
    note: Text | None
    saved_at: Text | None
    archived: Flag
    favourite: Flag
    origin: Text
    added_at: Text


class FeedRow(Row):
    """A row of ``feeds``: a feed followed, with what its next fetch needs."""

    id: Id
    url: HttpAddress
    title: Text | None
    site_url: Text | None
    etag: Text | None
    last_modified: Text | None
    fetched_at: Text | None
    last_result: Text | None
    failed: Flag
    added_at: Text


class FeedEntryRow(Row):
    """A row of ``feed_entries``: an entry seen in a feed, and the article it became (none
    if it became none, or the article was deleted)."""

    feed_id: Id
    key: Text
    article_id: Id | None
    seen_at: Text


TABLE_ROWS: dict[str, type[Row]] = {"tags": TagRow, "settings": SettingRow,
                                    "pending": PendingRow, "feeds": FeedRow,
                                    "feed_entries": FeedEntryRow}
"""The library-wide tables a ``{"table": ..., "row": ...}`` line may name, and their rows."""

ARTICLE_PARTS: dict[str, type[Row]] = {
    "articles": ArticleRow, "revisions": RevisionRow, "highlights": HighlightRow,
    "anchors": AnchorRow, "notes": NoteRow, "article_tags": ArticleTagRow,
}
"""The tables an article's line holds, and their rows."""


class Structure(Row):
    """A revision's ``structure``: what storage/serialize.py writes beside the text.

    Read from JSON, where a list may stand for a tuple.
    """

    title: Text
    dek: Text | None
    byline: Text | None
    published: Text | None
    url: Text | None
    site: Text | None
    blocks: list[tuple[BlockKind, HeadingLevel] | tuple[BlockKind, HeadingLevel, Text]]
    captions: list[tuple[Text, Text | None]]
    links: list[tuple[LinkKind, Text | None, Text, Text | None, Offset | None, Offset | None]]
    ordered: list[Offset] = []
    marks: list[tuple[MarkTag, Offset, Offset]] = []
