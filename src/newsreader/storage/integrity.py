"""The library's health: SQLite's own checks, the library's invariants, and a repair of
what can be rebuilt safely: ``library.integrity`` (``newsreader check [--repair]``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from newsreader.domain.models import Article
from newsreader.storage import fts
from newsreader.storage.annotations import reanchor
from newsreader.storage.connection import translate
from newsreader.storage.errors import DamagedArticleError
from newsreader.storage.originals import DamagedOriginalError, unpack
from newsreader.storage.serialize import article_from_json, revision_problem
from newsreader.storage.store import Store

ProblemKind = Literal["file", "foreign_key", "revision", "damaged", "original", "search_index",
                      "counts"]
# More rows than this from SQLite's own check say no more than the first ones do.
_FILE_CHECK_ROWS = 20
_SHOWN_IDS = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a library: its kind, one line for a person, the article it
    concerns (if one) and whether :meth:`Integrity.repair` can fix it."""

    kind: ProblemKind
    message: str
    article_id: int | None = None
    repairable: bool = False


class Integrity:
    """Checks and repairs: ``library.integrity``.

    :meth:`check` reads only. :meth:`repair` is one write transaction that fixes what can
    be rebuilt from what is stored (the search indexes, the counts, an article pointed at
    its newest readable revision); it never deletes a row, and does nothing at all when
    SQLite finds the file itself damaged, since writing to such a file can lose more.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def check(self) -> list[Problem]:
        """Every problem found, SQLite's first, then the library's own."""
        try:
            return _problems(self._store.conn)
        except sqlite3.Error as error:
            raise translate(error, self._store.path) from None

    def damaged(self, article_ids: Iterable[int]) -> list[DamagedArticleError]:
        """The articles among ``article_ids`` whose current revision cannot be read, each
        as the error :meth:`Articles.get` would raise for it (missing ids are left out)."""
        found: list[DamagedArticleError] = []
        for article_id in article_ids:
            rows = self._store.rows(
                "SELECT r.id, r.structure, r.text FROM articles a LEFT JOIN "
                "revisions r ON r.id = a.current_revision_id AND r.article_id = a.id "
                "WHERE a.id = ?", [article_id])
            if not rows:
                continue
            row = rows[0]
            reason = ("it has no current revision" if row["id"] is None else
                      revision_problem(row["structure"], row["text"]))
            if reason is not None:
                found.append(DamagedArticleError(article_id, reason))
        return found

    def repair(self) -> list[str]:
        """Fix what can be rebuilt safely; one line for each thing done."""
        done: list[str] = []
        with self._store.write() as db:
            if _file_problems(db):
                return []
            for problem in _revision_problems(db):
                if problem.repairable and problem.article_id is not None:
                    done.append(self._go_back(db, problem.article_id))
            if _index_problems(db):
                fts.rebuild(db)
                done.append("rebuilt the search indexes")
            done += _recount(db)
        return done

    def _go_back(self, db: sqlite3.Connection, article_id: int) -> str:
        """Make the article's newest readable revision its current one, as a new revision
        would be made current: its metadata, its highlights placed again, its index."""
        found = _newest_readable(db, article_id)
        assert found is not None  # the problem was repairable
        revision_id, created, article = found
        db.execute(
            "UPDATE articles SET current_revision_id = ?, title = ?, dek = ?, byline = ?, "
            "published = ?, url = ?, site = ?, updated_at = ? WHERE id = ?",
            [revision_id, article.title, article.dek, article.byline, article.published,
             article.url, article.site, self._store.clock(), article_id])
        # Placed inside the lock, unlike an import's: a repair is rare and run on purpose.
        reanchor(db, article_id, revision_id, article.text, {})
        fts.refresh_article(db, article_id)
        return f"article {article_id} now shows its revision {revision_id} of {created}"


def _problems(db: sqlite3.Connection) -> list[Problem]:
    return [*_file_problems(db), *_revision_problems(db), *_original_problems(db),
            *_index_problems(db), *_count_problems(db)]


def _file_problems(db: sqlite3.Connection) -> list[Problem]:
    """SQLite's integrity and foreign-key checks."""
    problems = [Problem("file", f"the file is damaged: {row[0]}") for row in db.execute(
        f"PRAGMA integrity_check({_FILE_CHECK_ROWS})") if row[0] != "ok"]
    problems += [
        Problem("foreign_key", f"{table} row {rowid} refers to a missing {parent} row")
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check")]
    return problems


def _revision_problems(db: sqlite3.Connection) -> list[Problem]:
    """Articles without a current revision of their own, or whose current one is damaged."""
    problems: list[Problem] = []
    for article_id, current, owner in db.execute(
            "SELECT a.id, a.current_revision_id, r.article_id FROM articles a LEFT JOIN "
            "revisions r ON r.id = a.current_revision_id "
            "WHERE r.id IS NULL OR r.article_id != a.id ORDER BY a.id").fetchall():
        why = ("has no current revision" if current is None else
               f"points at revision {current}, which does not exist" if owner is None else
               f"points at revision {current}, which belongs to article {owner}")
        problems.append(_problem(db, "revision", article_id, f"article {article_id} {why}"))
    for article_id, reason in _unreadable(db):
        problems.append(_problem(db, "damaged", article_id,
                                 f"article {article_id} is damaged: {reason}"))
    return problems


def _original_problems(db: sqlite3.Connection) -> list[Problem]:
    """Revisions whose stored original bytes do not unpack: a backup cannot hold them and
    reclean cannot read them, though the article still shows."""
    problems: list[Problem] = []
    for revision_id, article_id, blob in db.execute(
            "SELECT id, article_id, original FROM revisions ORDER BY id"):
        try:
            unpack(blob)
        except DamagedOriginalError as error:
            problems.append(Problem("original", f"revision {revision_id} of article "
                                                f"{article_id}: {error}", article_id))
    return problems


def _problem(db: sqlite3.Connection, kind: ProblemKind, article_id: int,
             message: str) -> Problem:
    repairable = _newest_readable(db, article_id) is not None
    remedy = ("--repair brings back its newest readable revision" if repairable
              else "no readable revision to go back to; `newsreader reclean "
                   f"{article_id}` cleans its original again")
    return Problem(kind, f"{message} ({remedy})", article_id, repairable)


def _unreadable(db: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """Each article whose current revision is stored but cannot be read, with why."""
    rows = db.execute(
        "SELECT a.id, r.structure, r.text FROM articles a JOIN revisions r "
        "ON r.id = a.current_revision_id AND r.article_id = a.id ORDER BY a.id").fetchall()
    for article_id, structure, text in rows:
        reason = revision_problem(structure, text)
        if reason is not None:
            yield article_id, reason


def _newest_readable(db: sqlite3.Connection,
                     article_id: int) -> tuple[int, str, Article] | None:
    """The newest revision of the article that can be read and is not its (unreadable)
    current one: its id, when it was made, and the article it holds."""
    for revision_id, created, structure, text in db.execute(
            "SELECT r.id, r.created_at, r.structure, r.text FROM revisions r "
            "WHERE r.article_id = ? ORDER BY r.id DESC", [article_id]).fetchall():
        if revision_problem(structure, text) is None:
            current = db.execute("SELECT current_revision_id FROM articles WHERE id = ?",
                                 [article_id]).fetchone()[0]
            if revision_id == current:
                return None  # the current revision is readable: nothing to go back for
            return revision_id, created, article_from_json(structure, text)
    return None


def _index_problems(db: sqlite3.Connection) -> list[Problem]:
    """The full-text indexes out of step with the articles and highlights they index."""
    problems: list[Problem] = []
    for index, (missing, stray) in fts.missing_and_stray(db).items():
        what = "articles" if index == "articles_fts" else "highlights"
        if missing:
            problems.append(Problem(
                "search_index", f"the search index is missing {what} {_ids(missing)} "
                "(--repair rebuilds it)", repairable=True))
        if stray:
            problems.append(Problem(
                "search_index", f"the search index has entries for {what} that are gone or "
                f"not current: {_ids(stray)} (--repair rebuilds it)", repairable=True))
    return problems


def _count_problems(db: sqlite3.Connection) -> list[Problem]:
    """The kept counts (articles archived or not; each article's highlights) that are wrong."""
    problems: list[Problem] = []
    recorded, found = _article_counts(db)
    for archived, label in ((0, "unarchived"), (1, "archived")):
        whats = (f"{label} articles", f"{label} articles unread")
        for kept, there, what in zip(recorded[archived], found[archived], whats, strict=True):
            if kept != there:
                problems.append(Problem(
                    "counts", f"the library counts {'no' if kept is None else kept} {what}; "
                    f"there are {there} (--repair recounts)", repairable=True))
    wrong = _wrong_highlight_counts(db)
    if wrong:
        problems.append(Problem(
            "counts", f"{len(wrong)} article(s) show a wrong number of highlights "
            f"(ids {_ids(wrong)}) (--repair recounts)", repairable=True))
    return problems


Counts = dict[int, tuple[int | None, int | None]]  # archived -> (articles, unread ones)


def _article_counts(db: sqlite3.Connection) -> tuple[Counts, Counts]:
    """The counts kept in ``article_counts`` and the counts of the articles themselves."""
    recorded: Counts = {0: (None, None), 1: (None, None)}
    found: Counts = {0: (0, 0), 1: (0, 0)}
    for archived, n, unread in db.execute("SELECT archived, n, unread FROM article_counts"):
        recorded[archived] = (n, unread)
    for archived, n, unread in db.execute(
            "SELECT archived, count(*), count(*) FILTER (WHERE read = 0) FROM articles "
            "GROUP BY archived"):
        found[archived] = (n, unread)
    return recorded, found


def _wrong_highlight_counts(db: sqlite3.Connection) -> list[int]:
    return [row[0] for row in db.execute(
        "SELECT a.id FROM articles a WHERE a.highlight_count != (SELECT count(*) FROM "
        "highlights h WHERE h.article_id = a.id AND h.deleted_at IS NULL) ORDER BY a.id")]


def _recount(db: sqlite3.Connection) -> list[str]:
    done: list[str] = []
    recorded, found = _article_counts(db)
    if recorded != found:
        db.execute("DELETE FROM article_counts WHERE archived IN (0, 1)")
        db.executemany("INSERT INTO article_counts (archived, n, unread) VALUES (?, ?, ?)",
                       [(archived, *found[archived]) for archived in (0, 1)])
        done.append("recounted the articles")
    wrong = _wrong_highlight_counts(db)
    if wrong:
        db.executemany(
            "UPDATE articles SET highlight_count = (SELECT count(*) FROM highlights "
            "WHERE article_id = ? AND deleted_at IS NULL) WHERE id = ?",
            [(article_id, article_id) for article_id in wrong])
        done.append(f"recounted the highlights of {len(wrong)} article(s)")
    return done


def _ids(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:_SHOWN_IDS])
    return shown + (f" and {len(ids) - _SHOWN_IDS} more" if len(ids) > _SHOWN_IDS else "")
