"""Highlights, notes, tags and flags brought in from other tools: ``library.imports``.

A highlight made elsewhere arrives as a quote (with its context and position in the other
tool's copy of the page, when it has them) and is placed in the article's current text as
a re-anchored highlight is (domain/anchoring.py): exact, moved, fuzzy, or an orphan, which
is kept. The selectors stored are the other tool's quote and context; the position is
where it landed here (an orphan keeps the other tool's, within the text), so placing it
again later starts from there.

Nothing is added twice: a highlight or note whose uid the library already holds is passed
over, and so is a highlight with the same quote already at the same place, or an article
note with the same text.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from sqlite3 import Connection
from typing import TYPE_CHECKING

from newsreader.domain.sanitize import collapse_whitespace, sanitize
from newsreader.storage import fts
from newsreader.storage.annotations import COLORS, DEFAULT_COLOR
from newsreader.storage.articles import AddOutcome, Articles, Original
from newsreader.storage.errors import NotFoundError
from newsreader.storage.pending import PendingUrl, take
from newsreader.storage.store import Store

if TYPE_CHECKING:
    from newsreader.domain.anchoring import Placement
    from newsreader.domain.models import Article

_MAX_TAG = 64


@dataclass(frozen=True)
class ImportedNote:
    """A note from another tool; ``uid`` is stable across imports of the same note."""

    uid: str
    body: str
    created: str | None = None


@dataclass(frozen=True)
class ImportedHighlight:
    """A highlight from another tool: its quote, context and position there (if known)."""

    uid: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    color: str = DEFAULT_COLOR
    created: str | None = None
    notes: tuple[ImportedNote, ...] = ()


@dataclass(frozen=True)
class ArticleChanges:
    """What else an import sets on an article: tags to add, flags, when it was saved.

    None leaves a flag or the saved time as it is.
    """

    tags: tuple[str, ...] = ()
    archived: bool | None = None
    favourite: bool | None = None
    saved: str | None = None


@dataclass(frozen=True)
class KnownArticle:
    """What an article can be recognised by: its uid, web address and source."""

    id: int
    uid: str
    url: str | None
    source: str


@dataclass
class AttachReport:
    """What attaching did: each highlight's placement (or "duplicate"), notes and tags."""

    placements: list[str] = field(default_factory=list)
    notes_added: int = 0
    notes_duplicate: int = 0
    tags_added: int = 0

    @property
    def changed(self) -> bool:
        """Whether anything new was written."""
        return (self.notes_added + self.tags_added > 0
                or any(status != "duplicate" for status in self.placements))


class Imports:
    """Attaching what other tools made to the library's articles."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._articles = Articles(store)

    def known_articles(self) -> list[KnownArticle]:
        """Every article's uid, web address and source, to match imported URLs against."""
        return [KnownArticle(row["id"], row["uid"], row["url"], row["source"])
                for row in self._store.rows("SELECT id, uid, url, source FROM articles")]

    def attach(self, article_id: int, highlights: Sequence[ImportedHighlight] = (),
               notes: Sequence[ImportedNote] = (),
               changes: ArticleChanges = ArticleChanges(), *,
               pending_key: str | None = None) -> AttachReport:
        """Add highlights, article notes, tags and flags to an article in one transaction.

        Highlights are placed before the write lock is taken (again inside it if the
        article's text changed in between). ``pending_key`` names an address waiting to
        be fetched that this article now answers: see :meth:`add_article`.
        """
        highlights = _sanitised(highlights)
        _, text = self._current(self._store.conn, article_id)
        planned = (text, _plan(highlights, text))
        with self._store.write() as db:
            return self._write(db, article_id, highlights, planned, notes, changes,
                               pending_key, fresh=False)

    def add_article(self, article: Article, original: Original, *, cleaner_version: str,
                    highlights: Sequence[ImportedHighlight] = (),
                    notes: Sequence[ImportedNote] = (),
                    changes: ArticleChanges = ArticleChanges(),
                    pending_key: str | None = None,
                    uid: str | None = None) -> tuple[AddOutcome, AttachReport]:
        """Save an imported article with everything that comes with it (tags, flags,
        highlights, notes) in one transaction: if any of it fails, nothing of the article
        is left.

        An article the library already held (the same text, or the same source) gets
        the tags, highlights and notes but keeps its own flags and saved time. When
        ``pending_key`` (a normalised URL) is waiting to be fetched, it stops waiting in
        the same transaction and the article takes over what was kept with it: its tags
        and note, and (when the article is new) its flags and saved time (see
        ``_carried``). ``uid`` is the article's if it is new (see ``Articles.adding``).
        """
        highlights = _sanitised(highlights)
        planned = (article.text, _plan(highlights, article.text))
        with self._articles.adding(article, original, cleaner_version=cleaner_version,
                                   uid=uid) as (db, outcome):
            fresh = outcome.status == "added"
            report = self._write(db, outcome.article_id, highlights, planned, notes,
                                 changes if fresh else ArticleChanges(changes.tags),
                                 pending_key, fresh=fresh)
        return outcome, report

    def _write(self, db: Connection, article_id: int, highlights: list[ImportedHighlight],
               planned: tuple[str, list[Placement]], notes: Sequence[ImportedNote],
               changes: ArticleChanges, pending_key: str | None, *,
               fresh: bool) -> AttachReport:
        """Inside a write: attach everything to the article (placing the highlights
        again if its text is not the one they were placed in)."""
        revision_id, text = self._current(db, article_id)
        placements = planned[1] if planned[0] == text else _plan(highlights, text)
        if pending_key is not None and (waiting := take(db, pending_key)) is not None:
            changes, notes = _carried(waiting, changes, notes, fresh=fresh)
        report = AttachReport()
        for highlight, placement in zip(highlights, placements, strict=True):
            report.placements.append(
                self._add_highlight(db, article_id, revision_id, text, highlight, placement))
        db.execute("UPDATE articles SET highlight_count = (SELECT count(*) FROM highlights "
                   "WHERE article_id = ? AND deleted_at IS NULL) WHERE id = ?",
                   [article_id, article_id])
        for note in notes:
            if self._add_note(db, article_id, None, note):
                report.notes_added += 1
            else:
                report.notes_duplicate += 1
        report.tags_added = _add_tags(db, article_id, changes.tags)
        self._set_flags(db, article_id, changes)
        if report.notes_added:
            fts.refresh_article(db, article_id)
        return report

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _current(db: Connection, article_id: int) -> tuple[int, str]:
        row = db.execute(
            "SELECT r.id, r.text FROM articles a JOIN revisions r ON r.id = a.current_revision_id "
            "WHERE a.id = ?", [article_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return row[0], row[1]

    def _add_highlight(self, db: Connection, article_id: int, revision_id: int, text: str,
                       highlight: ImportedHighlight, placement: Placement) -> str:
        if _exists(db, "highlights", highlight.uid) or _same_place(db, article_id, highlight,
                                                                    placement):
            return "duplicate"
        prefix, suffix = highlight.prefix, highlight.suffix
        if placement.start is not None and placement.end is not None:
            start, end = placement.start, placement.end
            if not prefix and not suffix:  # context from here helps place it again later
                from newsreader.domain.anchoring import describe

                context = describe(text, start, end)
                prefix, suffix = context.prefix, context.suffix
        else:
            start = min(max(highlight.start or 0, 0), len(text))
            end = min(max(highlight.end or start, start), len(text))
        now = self._store.clock()
        created = highlight.created or now
        cursor = db.execute(
            "INSERT INTO highlights (uid, article_id, revision_id, exact, prefix, suffix, start, "
            "\"end\", color, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [highlight.uid, article_id, revision_id, highlight.exact, prefix, suffix,
             start, end, highlight.color if highlight.color in COLORS else DEFAULT_COLOR,
             created, created])
        highlight_id = int(cursor.lastrowid or 0)
        db.execute("INSERT INTO anchors (highlight_id, revision_id, start, \"end\", method, "
                   "score) VALUES (?, ?, ?, ?, ?, ?)",
                   [highlight_id, revision_id, placement.start, placement.end,
                    placement.status, placement.score])
        for note in highlight.notes:
            self._add_note(db, article_id, highlight_id, note)
        fts.refresh_highlight(db, highlight_id)
        return placement.status

    def _add_note(self, db: Connection, article_id: int, highlight_id: int | None,
                  note: ImportedNote) -> bool:
        body = sanitize(note.body)
        if not body.strip() or _exists(db, "notes", note.uid):
            return False
        if highlight_id is None and db.execute(
                "SELECT 1 FROM notes WHERE article_id = ? AND highlight_id IS NULL AND body = ?",
                [article_id, body]).fetchone() is not None:
            return False  # the same note on the article, come by another route
        created = note.created or self._store.clock()
        db.execute("INSERT INTO notes (uid, article_id, highlight_id, body, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                   [note.uid, article_id, highlight_id, body, created, created])
        return True

    @staticmethod
    def _set_flags(db: Connection, article_id: int, changes: ArticleChanges) -> None:
        for column, value in (("archived", changes.archived), ("favourite", changes.favourite)):
            if value is not None:
                db.execute(f"UPDATE articles SET {column} = ? WHERE id = ?",
                           [int(value), article_id])
        if changes.saved is not None:
            db.execute("UPDATE articles SET saved_at = ? WHERE id = ?",
                       [changes.saved, article_id])


def _sanitised(highlights: Sequence[ImportedHighlight]) -> list[ImportedHighlight]:
    return [replace(highlight, exact=sanitize(highlight.exact),
                    prefix=sanitize(highlight.prefix), suffix=sanitize(highlight.suffix))
            for highlight in highlights]


def _carried(waiting: PendingUrl, changes: ArticleChanges, notes: Sequence[ImportedNote], *,
             fresh: bool) -> tuple[ArticleChanges, list[ImportedNote]]:
    """What an article takes over from the address it answers: the tags and note always;
    when it is new (an article already held keeps its own flags and time), a flag set in
    either export (being archived or starred in one service is the reader's mark; a
    service without the flag says False) and the saved time where the import gives none."""
    carried = [*notes]
    if waiting.note:
        key = f"newsreader-pending:{waiting.key}|note"
        carried.append(ImportedNote(uuid.uuid5(uuid.NAMESPACE_URL, key).hex, waiting.note,
                                    waiting.added))
    tags = (*changes.tags, *waiting.tags)
    if not fresh:
        return replace(changes, tags=tags), carried
    return ArticleChanges(
        tags=tags,
        archived=True if waiting.archived else changes.archived,
        favourite=True if waiting.favourite else changes.favourite,
        saved=changes.saved or waiting.saved), carried


def _plan(highlights: Sequence[ImportedHighlight], text: str) -> list[Placement]:
    from newsreader.domain.anchoring import Selector, anchor  # loaded on first use

    placements = []
    for highlight in highlights:
        start = highlight.start if highlight.start is not None else 0
        end = highlight.end if highlight.end is not None else start + len(highlight.exact)
        placement = anchor(Selector(highlight.exact, highlight.prefix, highlight.suffix,
                                    start, end), text)
        # Without a position from the other tool, the quote found as it is is as exact as
        # a placement can be; "moved" would claim a position that was never given.
        if highlight.start is None and placement.status == "moved":
            placement = replace(placement, status="exact")
        placements.append(placement)
    return placements


def _exists(db: Connection, table: str, uid: str) -> bool:
    return db.execute(f"SELECT 1 FROM {table} WHERE uid = ?", [uid]).fetchone() is not None


def _same_place(db: Connection, article_id: int, highlight: ImportedHighlight,
                placement: Placement) -> bool:
    """Whether the article already has a highlight of this quote where this one landed."""
    return db.execute(
        "SELECT 1 FROM highlights h JOIN articles a ON a.id = h.article_id "
        "LEFT JOIN anchors x ON x.highlight_id = h.id AND x.revision_id = a.current_revision_id "
        "WHERE h.article_id = ? AND h.exact = ? AND x.start IS ? AND x.\"end\" IS ?",
        [article_id, highlight.exact, placement.start, placement.end],
    ).fetchone() is not None


def _add_tags(db: Connection, article_id: int, names: Sequence[str]) -> int:
    added = 0
    for raw in names:
        name = collapse_whitespace(raw)[:_MAX_TAG].strip()
        if not name or name.startswith("-"):
            continue
        db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", [name])
        tag_id = db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()[0]
        cursor = db.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) "
                            "VALUES (?, ?)", [article_id, tag_id])
        added += cursor.rowcount
    return added
