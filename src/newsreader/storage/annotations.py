"""Highlights, their anchors in each revision, and notes: ``library.annotations``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from sqlite3 import Connection
from typing import TYPE_CHECKING, Any, Literal

from newsreader.domain.models import ArticleSummary, Highlight, Note
from newsreader.domain.sanitize import sanitize
from newsreader.storage import fts
from newsreader.storage.errors import LibraryError, NotFoundError
from newsreader.storage.store import Store
from newsreader.storage.summaries import SUMMARY_COLUMNS, summary

if TYPE_CHECKING:
    from newsreader.domain.anchoring import Placement, Selector

COLORS = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOR = COLORS[0]
HighlightOrder = Literal["reading", "newest"]

_HIGHLIGHT_COLUMNS = (
    "h.id, h.uid, h.article_id, h.exact, h.prefix, h.suffix, h.color, h.created_at, "
    "h.updated_at, x.start AS anchor_start, x.\"end\" AS anchor_end, x.method, x.score"
)
_HIGHLIGHT_FROM = (
    "FROM highlights h JOIN articles a ON a.id = h.article_id "
    "LEFT JOIN anchors x ON x.highlight_id = h.id AND x.revision_id = a.current_revision_id "
    "WHERE h.deleted_at IS NULL"
)
_ORDERS: dict[HighlightOrder, str] = {
    "reading": "h.article_id, x.start IS NULL, x.start, h.id",
    "newest": "h.created_at DESC, h.id DESC",
}


@dataclass(frozen=True)
class AnchorCounts:
    """How an article's highlights landed in a new text: the count of each placement.

    Deleted highlights are placed too (so that they can be brought back) but not counted.
    """

    exact: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphan: int = 0

    @property
    def shifted(self) -> int:
        """How many highlights did not stay exactly where they were."""
        return self.moved + self.fuzzy + self.orphan

    def describe(self) -> str:
        """One line for people: ``2 exact, 1 moved, 0 fuzzy, 1 orphaned``."""
        return (f"{self.exact} exact, {self.moved} moved, {self.fuzzy} fuzzy, "
                f"{self.orphan} orphaned")


class Annotations:
    """Highlights and notes: ``library.annotations``. Every change is one transaction.

    New rows are written with sqlite-utils; reads use plain SQL, as everywhere in storage.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- highlights ----------------------------------------------------------------------

    def add_highlight(
        self, article_id: int, start: int, end: int, *, color: str = DEFAULT_COLOR,
        note: str | None = None,
    ) -> Highlight:
        """Highlight ``[start, end)`` of the article's current text, optionally with a note."""
        from newsreader.domain.anchoring import describe  # loaded on first use: not at start-up

        _check_color(color)
        note = sanitize(note) if note else note
        with self._store.write() as db:
            revision_id, text = self._current_text(db, article_id)
            try:
                selector = describe(text, start, end)
            except ValueError as error:
                raise LibraryError(str(error)) from None
            now = self._store.clock()
            highlight_id = self._store.insert("highlights", {
                "uid": uuid.uuid4().hex, "article_id": article_id, "revision_id": revision_id,
                "exact": selector.exact, "prefix": selector.prefix, "suffix": selector.suffix,
                "start": start, "end": end, "color": color, "created_at": now,
                "updated_at": now,
            })
            self._store.insert("anchors", {
                "highlight_id": highlight_id, "revision_id": revision_id, "start": start,
                "end": end, "method": "created", "score": 1.0,
            })
            if note and note.strip():
                self._insert_note(article_id, highlight_id, note, now)
            self._after_highlight_change(db, article_id, highlight_id)
        return self.get_highlight(highlight_id)

    def get_highlight(self, highlight_id: int) -> Highlight:
        """One highlight with its place in the current text and its notes."""
        rows = self._store.rows(f"SELECT {_HIGHLIGHT_COLUMNS} {_HIGHLIGHT_FROM} AND h.id = ?",
                          [highlight_id])
        if not rows:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        return self._with_notes(rows)[0]

    def highlights(
        self, article_id: int | None = None, *, order: HighlightOrder = "reading"
    ) -> list[Highlight]:
        """Highlights of one article (or all), in reading order (orphans last) or newest first."""
        where, params = ("AND h.article_id = ?", [article_id]) if article_id is not None else (
            "", [])
        rows = self._store.rows(
            f"SELECT {_HIGHLIGHT_COLUMNS} {_HIGHLIGHT_FROM} {where} ORDER BY {_ORDERS[order]}",
            params,
        )
        return self._with_notes(rows)

    def set_highlight_color(self, highlight_id: int, color: str) -> None:
        """Change a highlight's colour."""
        _check_color(color)
        with self._store.write() as db:
            self._touch_highlight(db, highlight_id, "color = ?", [color])

    def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight (and hide its notes); :meth:`restore_highlight` brings it back."""
        with self._store.write() as db:
            article_id = self._touch_highlight(db, highlight_id, "deleted_at = ?",
                                               [self._store.clock()])
            self._after_highlight_change(db, article_id, highlight_id)

    def restore_highlight(self, highlight_id: int) -> None:
        """Undo :meth:`delete_highlight`."""
        with self._store.write() as db:
            row = db.execute("SELECT article_id FROM highlights WHERE id = ?",
                             [highlight_id]).fetchone()
            if row is None:
                raise NotFoundError(f"no highlight with id {highlight_id}")
            db.execute("UPDATE highlights SET deleted_at = NULL WHERE id = ?", [highlight_id])
            self._after_highlight_change(db, row[0], highlight_id)

    # -- notes ---------------------------------------------------------------------------

    def set_highlight_note(self, highlight_id: int, body: str) -> Note | None:
        """Set the note on a highlight (creating or replacing it); an empty body removes it."""
        body = sanitize(body)
        with self._store.write() as db:
            article_id = self._touch_highlight(db, highlight_id, "updated_at = updated_at", [])
            existing = db.execute(
                "SELECT id FROM notes WHERE highlight_id = ? ORDER BY id LIMIT 1", [highlight_id]
            ).fetchone()
            now = self._store.clock()
            note_id: int | None
            if not body.strip():
                db.execute("DELETE FROM notes WHERE highlight_id = ?", [highlight_id])
                note_id = None
            elif existing is None:
                note_id = self._insert_note(article_id, highlight_id, body, now)
            else:
                note_id = existing[0]
                db.execute("UPDATE notes SET body = ?, updated_at = ? WHERE id = ?",
                           [body, now, note_id])
            self._after_highlight_change(db, article_id, highlight_id)
        return None if note_id is None else self.get_note(note_id)

    def add_article_note(self, article_id: int, body: str) -> Note:
        """Add a note on the whole article."""
        body = sanitize(body)
        if not body.strip():
            raise LibraryError("a note cannot be empty")
        with self._store.write() as db:
            self._current_text(db, article_id)
            note_id = self._insert_note(article_id, None, body, self._store.clock())
            fts.refresh_article(db, article_id)
        return self.get_note(note_id)

    def update_note(self, note_id: int, body: str) -> Note:
        """Replace the text of a note."""
        body = sanitize(body)
        with self._store.write() as db:
            highlight_id, article_id = self._note_owner(db, note_id)
            db.execute("UPDATE notes SET body = ?, updated_at = ? WHERE id = ?",
                       [body, self._store.clock(), note_id])
            self._refresh_after_note(db, highlight_id, article_id)
        return self.get_note(note_id)

    def delete_note(self, note_id: int) -> None:
        """Delete a note."""
        with self._store.write() as db:
            highlight_id, article_id = self._note_owner(db, note_id)
            db.execute("DELETE FROM notes WHERE id = ?", [note_id])
            self._refresh_after_note(db, highlight_id, article_id)

    def get_note(self, note_id: int) -> Note:
        """One note by id."""
        rows = self._store.rows("SELECT * FROM notes WHERE id = ?", [note_id])
        if not rows:
            raise NotFoundError(f"no note with id {note_id}")
        return _note(rows[0])

    def article_notes(self, article_id: int | None = None) -> list[Note]:
        """The notes on a whole article (not on its highlights), oldest first; with no
        ``article_id``, those of every article, newest first."""
        if article_id is None:
            rows = self._store.rows("SELECT * FROM notes WHERE highlight_id IS NULL "
                              "ORDER BY created_at DESC, id DESC")
        else:
            rows = self._store.rows(
                "SELECT * FROM notes WHERE article_id = ? AND highlight_id IS NULL ORDER BY id",
                [article_id],
            )
        return [_note(row) for row in rows]

    def annotated_articles(self) -> list[ArticleSummary]:
        """Every article (archived ones too) with a highlight or a note, by title."""
        return [summary(row) for row in self._store.rows(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a WHERE a.id IN (SELECT article_id FROM "
            "highlights WHERE deleted_at IS NULL UNION SELECT article_id FROM notes "
            "WHERE highlight_id IS NULL) "
            "ORDER BY a.title COLLATE NOCASE, a.id")]

    def annotated_article_ids(self) -> list[int]:
        """Ids of the articles with at least one highlight or article note, oldest first."""
        rows = self._store.rows(
            "SELECT id FROM articles a WHERE EXISTS (SELECT 1 FROM highlights h "
            "WHERE h.article_id = a.id AND h.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM "
            "notes n WHERE n.article_id = a.id AND n.highlight_id IS NULL) ORDER BY id"
        )
        return [row["id"] for row in rows]

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _current_text(db: Connection, article_id: int) -> tuple[int, str]:
        row = db.execute(
            "SELECT r.id, r.text FROM articles a JOIN revisions r ON r.id = a.current_revision_id "
            "WHERE a.id = ?", [article_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return row[0], row[1]

    def _touch_highlight(self, db: Connection, highlight_id: int, assignment: str,
                         params: list[Any]) -> int:
        row = db.execute("SELECT article_id FROM highlights WHERE id = ? AND deleted_at IS NULL",
                         [highlight_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        db.execute(f"UPDATE highlights SET {assignment}, updated_at = ? WHERE id = ?",
                   [*params, self._store.clock(), highlight_id])
        return int(row[0])

    @staticmethod
    def _note_owner(db: Connection, note_id: int) -> tuple[int | None, int]:
        row = db.execute("SELECT highlight_id, article_id FROM notes WHERE id = ?",
                         [note_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no note with id {note_id}")
        return row[0], row[1]

    @staticmethod
    def _refresh_after_note(db: Connection, highlight_id: int | None, article_id: int) -> None:
        if highlight_id is None:
            fts.refresh_article(db, article_id)
        else:
            fts.refresh_highlight(db, highlight_id)

    def _insert_note(self, article_id: int, highlight_id: int | None, body: str,
                     now: str) -> int:
        return self._store.insert("notes", {
            "uid": uuid.uuid4().hex, "article_id": article_id, "highlight_id": highlight_id,
            "body": body, "created_at": now, "updated_at": now,
        })

    def _after_highlight_change(self, db: Connection, article_id: int,
                                highlight_id: int | None) -> None:
        db.execute(
            "UPDATE articles SET highlight_count = (SELECT count(*) FROM highlights "
            "WHERE article_id = ? AND deleted_at IS NULL) WHERE id = ?",
            [article_id, article_id],
        )
        if highlight_id is not None:
            fts.refresh_highlight(db, highlight_id)

    def _with_notes(self, rows: list[dict[str, Any]]) -> list[Highlight]:
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        notes: dict[int, list[Note]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._store.rows(
                f"SELECT * FROM notes WHERE highlight_id IN ({marks}) ORDER BY id", chunk
            ):
                notes.setdefault(row["highlight_id"], []).append(_note(row))
        return [_highlight(row, tuple(notes.get(row["id"], ()))) for row in rows]


def plan_anchors(db: Connection, article_id: int, text: str) -> dict[Selector, Placement]:
    """Where each highlight of an article lands in a new text, keyed by what it was placed from.

    Called before the write lock is taken, so that a slow placement does not hold it:
    :func:`reanchor` then writes these and places only what changed in between.
    """
    from newsreader.domain.anchoring import anchor  # loaded on first use

    return {selector: anchor(selector, text) for _, selector, _ in _selectors(db, article_id)}


def count_anchors(db: Connection, article_id: int,
                  planned: dict[Selector, Placement]) -> AnchorCounts:
    """What :func:`reanchor` would report for these planned placements, writing nothing
    (``reclean --dry-run``)."""
    statuses = [planned[selector].status for _, selector, live in _selectors(db, article_id)
                if live and selector in planned]
    return _counts(statuses)


def reanchor(db: Connection, article_id: int, revision_id: int, text: str,
             planned: dict[Selector, Placement]) -> AnchorCounts:
    """Place every highlight of an article in its new revision's text (inside a write);
    returns how the highlights (not the deleted ones) landed.

    ``planned`` holds placements worked out by :func:`plan_anchors`; a highlight made or
    moved since is placed here. ARCHITECTURE.md ("Anchoring") gives the order of attempts.
    Plain SQL, not sqlite-utils: saving a changed article calls this, and ``newsreader open
    FILE`` saves while starting.
    """
    from newsreader.domain.anchoring import anchor  # loaded on first use

    statuses: list[str] = []
    for highlight_id, selector, live in _selectors(db, article_id):
        placement = planned[selector] if selector in planned else anchor(selector, text)
        db.execute(
            "INSERT OR REPLACE INTO anchors (highlight_id, revision_id, start, \"end\", "
            "method, score) VALUES (?, ?, ?, ?, ?, ?)",
            [highlight_id, revision_id, placement.start, placement.end, placement.status,
             placement.score],
        )
        if live:
            statuses.append(placement.status)
    return _counts(statuses)


def _counts(statuses: Sequence[str]) -> AnchorCounts:
    return AnchorCounts(exact=statuses.count("exact"), moved=statuses.count("moved"),
                        fuzzy=statuses.count("fuzzy"), orphan=statuses.count("orphan"))


def _selectors(db: Connection, article_id: int) -> list[tuple[int, Selector, bool]]:
    """Every highlight of an article as it was made, at the place it last had, and whether
    it is live (not deleted).

    The place is the one in the latest revision it was placed in, or where it was made.
    """
    from newsreader.domain.anchoring import Selector  # loaded on first use

    rows = db.execute(
        "SELECT h.id, h.exact, h.prefix, h.suffix, coalesce(x.start, h.start), "
        "coalesce(x.\"end\", h.\"end\"), h.deleted_at IS NULL FROM highlights h "
        "LEFT JOIN anchors x "
        "ON x.highlight_id = h.id AND x.revision_id = (SELECT max(revision_id) FROM anchors "
        "WHERE highlight_id = h.id AND start IS NOT NULL) "
        "WHERE h.article_id = ? ORDER BY h.id", [article_id],
    ).fetchall()
    return [(row[0], Selector(row[1], row[2], row[3], row[4], row[5]), bool(row[6]))
            for row in rows]


def _check_color(color: str) -> None:
    if color not in COLORS:
        raise LibraryError(f"unknown colour {color!r}; choose one of {', '.join(COLORS)}")


def _note(row: dict[str, Any]) -> Note:
    return Note(id=row["id"], uid=row["uid"], article_id=row["article_id"],
                highlight_id=row["highlight_id"], body=row["body"], created=row["created_at"],
                updated=row["updated_at"])


def _highlight(row: dict[str, Any], notes: tuple[Note, ...]) -> Highlight:
    method = row["method"]
    status = "exact" if method in ("created", "exact") else (method or "orphan")
    return Highlight(
        id=row["id"], uid=row["uid"], article_id=row["article_id"], exact=row["exact"],
        prefix=row["prefix"], suffix=row["suffix"], color=row["color"],
        created=row["created_at"], updated=row["updated_at"], start=row["anchor_start"],
        end=row["anchor_end"], status=status, score=row["score"], notes=notes,
    )
