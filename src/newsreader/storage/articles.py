"""Articles and their revisions: saving a cleaned article, reading it back, listing, flags."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from sqlite3 import Connection
from typing import Any, Literal

from newsreader.domain.models import Article, ArticleSummary, StoredArticle
from newsreader.domain.reading_time import count_words
from newsreader.storage import fts
from newsreader.storage.annotations import AnchorCounts, count_anchors, plan_anchors, reanchor
from newsreader.storage.details import ArticleDetails, read_details
from newsreader.storage.errors import DamagedArticleError, NotFoundError
from newsreader.storage.originals import DamagedOriginalError, pack, unpack
from newsreader.storage.serialize import article_to_json, read_article
from newsreader.storage.store import Store
from newsreader.storage.summaries import SUMMARY_COLUMNS, like_pattern, summary

SortKey = Literal["saved", "published", "title"]
ListFlag = Literal["unread", "favourite"]
_FLAG_SQL: dict[ListFlag, str] = {"unread": "a.read = 0", "favourite": "a.favourite = 1"}
AddStatus = Literal["added", "updated", "restored", "unchanged"]

_ORDER_BY: dict[SortKey, str] = {
    "saved": "a.saved_at DESC, a.id DESC",
    "published": "a.published IS NULL, a.published DESC, a.id DESC",
    "title": "a.title COLLATE NOCASE, a.id",
}


def content_hash(original: bytes) -> str:
    """The hash that identifies identical imported content."""
    import hashlib  # here: it loads OpenSSL, which opening the reader has no use for

    return hashlib.sha256(original).hexdigest()


@dataclass(frozen=True)
class AddOutcome:
    """What adding a source did: added a new article, a new revision ("updated"), made an
    earlier revision's content current again ("restored"), or nothing ("unchanged").

    ``anchoring`` says how the highlights landed in a new revision (None when none was made
    of an article already saved).
    """

    status: AddStatus
    article_id: int
    title: str
    anchoring: AnchorCounts | None = None


@dataclass(frozen=True)
class Original:
    """The bytes an article was cleaned from, and where they came from."""

    data: bytes
    source: str
    source_kind: str  # "file", "url" or "stdin"
    media_type: str  # "html", "text" or "markdown"


class Articles:
    """The articles of a library: ``library.articles``.

    Saving uses plain SQL rather than sqlite-utils: ``newsreader open FILE`` saves the file
    while the app starts, and loading sqlite-utils would slow that start (ARCHITECTURE.md).
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- saving --------------------------------------------------------------------------

    def add(self, article: Article, original: Original, *, cleaner_version: str) -> AddOutcome:
        """Save a cleaned article, unless this content is already current in the library.

        Content from a source already saved becomes a new revision of that article: a
        changed version ("updated"), or the content of one of its earlier revisions made
        current again ("restored"). Either way its highlights are placed again. Content
        identical to an article's current revision is "unchanged".
        """
        with self.adding(article, original, cleaner_version=cleaner_version) as (_, outcome):
            return outcome

    @contextmanager
    def adding(self, article: Article, original: Original, *, cleaner_version: str,
               uid: str | None = None) -> Iterator[tuple[Connection, AddOutcome]]:
        """Save as :meth:`add` does, yielding the connection and the outcome while the
        transaction is still open: what comes with the article (an import's tags, flags,
        highlights and notes) is written in the same transaction, and an error there
        leaves nothing of the article either. ``uid`` is a new article's (32 hex
        digits; a fresh one if None)."""
        digest = content_hash(original.data)
        # Placing highlights can take a while: it is done before the write lock is taken,
        # and reanchor() places whatever changed in between.
        known = _same_source(self._store.conn, original)
        planned = (plan_anchors(self._store.conn, known[0], article.text)
                   if known is not None and known[2] != digest else {})
        # Compressed before the lock too; not when the content is already saved as it is.
        packed = b"" if known is not None and known[2] == digest else pack(original.data)
        with self._store.write() as db:
            known = _same_source(db, original)
            if known is None:
                same = db.execute(
                    "SELECT a.id, a.title FROM revisions r JOIN articles a "
                    "ON a.current_revision_id = r.id WHERE r.content_hash = ? "
                    "ORDER BY a.id LIMIT 1", [digest],
                ).fetchone()
                if same is not None:
                    yield db, AddOutcome("unchanged", same[0], same[1])
                    return
            elif known[2] == digest:
                yield db, AddOutcome("unchanged", known[0], known[1])
                return
            now = self._store.clock()
            status: AddStatus
            if known is None:
                cursor = db.execute(
                    "INSERT INTO articles (uid, source, source_kind, title, saved_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [uid or uuid.uuid4().hex, original.source, original.source_kind, article.title,
                     now, now],
                )
                article_id = int(cursor.lastrowid or 0)
                status = "added"
            else:
                article_id = known[0]
                earlier = db.execute(
                    "SELECT 1 FROM revisions WHERE article_id = ? AND content_hash = ? LIMIT 1",
                    [article_id, digest],
                ).fetchone()
                status = "updated" if earlier is None else "restored"
            revision_id = self._add_revision(article_id, article, original, digest, now,
                                             cleaner_version, packed=packed or pack(original.data))
            anchoring = (None if status == "added"
                         else reanchor(db, article_id, revision_id, article.text, planned))
            yield db, AddOutcome(status, article_id, article.title, anchoring)

    def importing(self) -> AbstractContextManager[None]:
        """A batch of imports: while inside, the articles added on this connection are
        committed without a sync to the disk each (see ``Store.unsynced_commits``).
        Highlights, notes and every other write made outside it are synced as committed."""
        return self._store.unsynced_commits()

    def reclean(self, article_id: int, article: Article, *,
                cleaner_version: str) -> AnchorCounts | None:
        """Store a fresh cleaning of the current original as a new revision, re-anchoring.

        Returns how the highlights landed, or None (and stores nothing) when the cleaner
        gives the same result as before.
        """
        fresh = (article.text, article_to_json(article))
        before = _current_revision(self._store.conn, article_id)
        planned = ({} if before is not None and before[:2] == fresh
                   else plan_anchors(self._store.conn, article_id, article.text))
        with self._store.write() as db:
            row = _current_revision(db, article_id)
            if row is None:
                raise NotFoundError(f"no article with id {article_id}")
            text, structure, digest, source_kind, source, media_type, packed = row
            if (text, structure) == fresh:
                return None
            # The new revision keeps the stored original as it is: no need to unpack it.
            revision_id = self._add_revision(
                article_id, article, Original(b"", source, source_kind, media_type), digest,
                self._store.clock(), cleaner_version, packed=packed,
            )
            return reanchor(db, article_id, revision_id, article.text, planned)

    def preview_reclean(self, article_id: int, article: Article) -> AnchorCounts | None:
        """What :meth:`reclean` would report for this cleaning, writing nothing: how the
        highlights would land, or None when the text would not change."""
        before = _current_revision(self._store.conn, article_id)
        if before is None:
            raise NotFoundError(f"no article with id {article_id}")
        if before[:2] == (article.text, article_to_json(article)):
            return None
        planned = plan_anchors(self._store.conn, article_id, article.text)
        return count_anchors(self._store.conn, article_id, planned)

    def _add_revision(
        self, article_id: int, article: Article, original: Original, digest: str, now: str,
        cleaner_version: str, *, packed: bytes,
    ) -> int:
        """Insert a revision and make it the article's current one (inside a write);
        ``packed`` is the original's stored form (``originals.pack``), made before the lock."""
        conn = self._store.conn
        cursor = conn.execute(
            "INSERT INTO revisions (article_id, created_at, content_hash, source_kind, source, "
            "media_type, cleaner_version, original, text, structure) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, now, digest, original.source_kind, original.source, original.media_type,
             cleaner_version, packed, article.text, article_to_json(article)],
        )
        conn.execute(
            "UPDATE articles SET current_revision_id = ?, title = ?, dek = ?, byline = ?, "
            "published = ?, url = ?, site = ?, updated_at = ?, word_count = ? WHERE id = ?",
            [cursor.lastrowid, article.title, article.dek, article.byline, article.published,
             article.url, article.site, now, count_words(article.text), article_id],
        )
        fts.refresh_article(conn, article_id)
        return int(cursor.lastrowid or 0)

    # -- reading -------------------------------------------------------------------------

    def get(self, article_id: int) -> StoredArticle:
        """The article with this id and its current revision; NotFoundError if there is none,
        DamagedArticleError if its current revision cannot be read."""
        rows = self._store.rows(
            "SELECT a.id, a.source, a.saved_at, a.read, a.reading_position, a.highlight_count, "
            "r.id AS revision_id, r.text, r.structure FROM articles a "
            "LEFT JOIN revisions r ON r.id = a.current_revision_id AND r.article_id = a.id "
            "WHERE a.id = ?",
            [article_id],
        )
        if not rows:
            raise NotFoundError(f"no article with id {article_id}")
        row = rows[0]
        if row["revision_id"] is None:
            raise DamagedArticleError(article_id, "it has no current revision")
        return StoredArticle(
            id=row["id"],
            source=row["source"],
            saved=row["saved_at"],
            read=bool(row["read"]),
            reading_position=row["reading_position"],
            revision_id=row["revision_id"],
            article=read_article(row["id"], row["structure"], row["text"]),
            highlight_count=row["highlight_count"],
        )

    def original(self, article_id: int) -> Original:
        """The bytes the current revision of an article was cleaned from."""
        rows = self._store.rows(
            "SELECT r.original, r.source, r.source_kind, r.media_type FROM articles a "
            "JOIN revisions r ON r.id = a.current_revision_id WHERE a.id = ?",
            [article_id],
        )
        if not rows:
            raise NotFoundError(f"no article with id {article_id}")
        row = rows[0]
        try:
            data = unpack(row["original"])
        except DamagedOriginalError as error:
            raise DamagedArticleError(article_id, str(error)) from None
        return Original(data, row["source"], row["source_kind"], row["media_type"])

    def find_id(self, source: str) -> int | None:
        """The id of the article saved from this path or URL, or with this uid (an export's
        ``newsreader-id``), if any."""
        rows = self._store.rows(
            "SELECT id FROM articles WHERE source = ? OR uid = ? ORDER BY id LIMIT 1",
            [source, source])
        return rows[0]["id"] if rows else None

    def ids(self) -> list[int]:
        """Every article id, oldest first."""
        return [row["id"] for row in self._store.rows("SELECT id FROM articles ORDER BY id")]

    def uid(self, article_id: int) -> str:
        """The stable external id of an article (what exports call ``newsreader-id``)."""
        rows = self._store.rows("SELECT uid FROM articles WHERE id = ?", [article_id])
        if not rows:
            raise NotFoundError(f"no article with id {article_id}")
        return str(rows[0]["uid"])

    def uids(self) -> dict[int, str]:
        """Every article's uid, by article id."""
        return {row["id"]: row["uid"]
                for row in self._store.rows("SELECT id, uid FROM articles")}

    def summary(self, article_id: int) -> ArticleSummary:
        """One article's list row (read even when its current revision is damaged)."""
        rows = self._store.rows(f"SELECT {SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?",
                                [article_id])
        if not rows:
            raise NotFoundError(f"no article with id {article_id}")
        return summary(rows[0])

    def details(self, article_ids: Sequence[int]) -> dict[int, ArticleDetails]:
        """Web address, author and reading position of these articles, by id."""
        return read_details(self._store, article_ids)

    def page(
        self,
        *,
        filter_text: str = "",
        sort: SortKey = "saved",
        limit: int = 200,
        offset: int = 0,
        include_archived: bool = False,
        only: tuple[ListFlag, ...] = (),
    ) -> list[ArticleSummary]:
        """A page of the library, newest first by default, optionally filtered by title/site.

        Archived articles are left out unless ``include_archived``; ``only`` keeps the
        unread ones, or the favourites.
        """
        where, params = _filter(filter_text, include_archived, only)
        rows = self._store.rows(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a {where} "
            f"ORDER BY {_ORDER_BY[sort]} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [summary(row) for row in rows]

    def count(self, *, filter_text: str = "", include_archived: bool = False,
              only: tuple[ListFlag, ...] = ()) -> int:
        """How many articles match the filter (all of them when it is empty)."""
        if not filter_text.strip() and not only:
            flags = "0, 1" if include_archived else "0"
            rows = self._store.rows(
                f"SELECT sum(n) AS n FROM article_counts WHERE archived IN ({flags})")
            return int(rows[0]["n"] or 0)
        where, params = _filter(filter_text, include_archived, only)
        return int(self._store.rows(
            f"SELECT count(*) AS n FROM articles a {where}", params)[0]["n"])

    def unread_count(self, *, include_archived: bool = False) -> int:
        """How many articles are unread (kept by triggers, as :meth:`count`'s total is)."""
        flags = "0, 1" if include_archived else "0"
        rows = self._store.rows(
            f"SELECT sum(unread) AS n FROM article_counts WHERE archived IN ({flags})")
        return int(rows[0]["n"] or 0)

    def is_empty(self) -> bool:
        """True if the library holds no article at all."""
        return not self._store.rows("SELECT 1 AS one FROM articles LIMIT 1")

    # -- changing ------------------------------------------------------------------------

    def delete(self, article_id: int) -> None:
        """Delete an article with its revisions, highlights and notes."""
        with self._store.write() as db:
            highlight_ids = [row[0] for row in db.execute(
                "SELECT id FROM highlights WHERE article_id = ?", [article_id]).fetchall()]
            cursor = db.execute("DELETE FROM articles WHERE id = ?", [article_id])
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article with id {article_id}")
            fts.forget_article(db, article_id, highlight_ids)

    def set_read(self, article_id: int, read: bool) -> None:
        """Mark an article read or unread."""
        self._update(article_id, "read", int(read))

    def set_reading_position(self, article_id: int, position: int) -> None:
        """Remember where the reader left off (an offset in the canonical text)."""
        self._update(article_id, "reading_position", max(0, position))

    def set_archived(self, article_id: int, archived: bool) -> None:
        """Archive an article (hidden from the list unless asked for) or bring it back."""
        self._update(article_id, "archived", int(archived))

    def set_favourite(self, article_id: int, favourite: bool) -> None:
        """Mark or unmark an article as a favourite."""
        self._update(article_id, "favourite", int(favourite))

    def _update(self, article_id: int, column: str, value: Any) -> None:
        # Plain SQL: the reader marks an article read as it opens it.
        with self._store.write() as db:
            cursor = db.execute(f"UPDATE articles SET {column} = ? WHERE id = ?",
                                [value, article_id])
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article with id {article_id}")


def _same_source(db: Connection, original: Original) -> tuple[int, str, str | None] | None:
    """The article saved from the same path or URL: its id, title and current content hash.

    What came from standard input has no source to recognise it by.
    """
    if original.source_kind == "stdin":
        return None
    row = db.execute(
        "SELECT a.id, a.title, r.content_hash FROM articles a LEFT JOIN revisions r "
        "ON r.id = a.current_revision_id WHERE a.source = ? ORDER BY a.id LIMIT 1",
        [original.source],
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2])


def _current_revision(db: Connection, article_id: int) -> tuple[Any, ...] | None:
    """The current revision's text, structure, hash, source and original (packed)."""
    row = db.execute(
        "SELECT r.text, r.structure, r.content_hash, r.source_kind, r.source, "
        "r.media_type, r.original FROM articles a JOIN revisions r "
        "ON r.id = a.current_revision_id WHERE a.id = ?", [article_id],
    ).fetchone()
    return None if row is None else tuple(row)


def _filter(filter_text: str, include_archived: bool,
            only: tuple[ListFlag, ...] = ()) -> tuple[str, list[str]]:
    conditions = [] if include_archived else ["a.archived = 0"]
    conditions += [_FLAG_SQL[flag] for flag in only]
    params: list[str] = []
    if filter_text.strip():
        conditions.append(
            "(a.title LIKE ? ESCAPE '\\' OR coalesce(a.site, '') LIKE ? ESCAPE '\\')")
        params += [like_pattern(filter_text.strip())] * 2
    return ("WHERE " + " AND ".join(conditions) if conditions else ""), params
