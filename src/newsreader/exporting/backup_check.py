"""Checking a backup whole before anything is restored: every line, field and reference.

A backup is untrusted input. Before ``restore`` writes a row, every line is read as UTF-8
JSON, every row is checked against its model (:mod:`newsreader.exporting.backup_rows`),
and the rows are checked against each other: ids unique, every reference pointing at a
row that is there (a feed's entry at its feed and at the article it became, wherever in
the backup that is), offsets inside the text they point into, each revision's structure
an Article that agrees with its text (read as ``show`` reads it), counts that match what
they count. Problems are named by line and field ("backup.jsonl line 12,
highlights.start: must be >= 0"); if there is any, nothing is restored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from newsreader.exporting.backup_rows import (
    TABLE_ROWS,
    ArticleRecord,
    FeedEntryRow,
    FeedRow,
    PendingRow,
    SettingRow,
    Structure,
    TagRow,
)
from newsreader.storage import LibraryError
from newsreader.storage.serialize import revision_problem

FORMAT = "newsreader-backup"
VERSION = 1
_NOT_A_BACKUP = "not a newsreader backup (made by `newsreader export --format json`)"
_SHOWN = 3  # problems named in the message; the rest are counted
_KEPT = 1000  # problems remembered, so a backup that is wrong everywhere stays cheap

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a backup: where, which field, and what."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, {self.field}" if self.field else f"line {self.line}"
        return f"{where}: {self.message}"


class BackupError(LibraryError):
    """A backup that cannot be restored, with the first problems found in it."""

    def __init__(self, name: str, problems: list[Problem], total: int) -> None:
        first, rest = problems[0], problems[1:_SHOWN]
        message = f"{name} {first}"
        if total > 1:
            more = "; ".join(str(problem) for problem in rest)
            message += f" (and {total - 1} more: {more}{'; ...' if total > _SHOWN else ''})"
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class CheckedBackup:
    """A backup that passed every check: its schema number and its records, ready for
    ``library.backup.restore`` (blobs as bytes)."""

    schema: int
    records: list[dict[str, Any]]


def check_backup(lines: Iterable[str | bytes], *, name: str, known_schema: int) -> CheckedBackup:
    """Read and check a whole backup; raise :class:`BackupError` naming its first problems.

    ``lines`` may be text or bytes (bytes are read as UTF-8). ``known_schema`` is the
    schema this library has: a backup from a newer one is refused.
    """
    checker = _Checker(known_schema)
    iterator = iter(lines)
    header = checker.header(next(iterator, b""))
    if header is not None:
        for number, line in enumerate(iterator, start=2):
            checker.line(number, line)
        checker.finish()
    if checker.problems:
        problems = sorted(checker.problems, key=lambda problem: problem.line)
        raise BackupError(name, problems, checker.total)
    assert header is not None
    return CheckedBackup(header, checker.records)


class _Checker:
    """The state of one backup's check: what has been seen, and what is wrong."""

    def __init__(self, known_schema: int) -> None:
        self.known_schema = known_schema
        self.schema = known_schema  # the backup's own, once its header is read
        self.problems: list[Problem] = []
        self.total = 0
        self.records: list[dict[str, Any]] = []
        self._seen: dict[str, dict[object, int]] = {}  # kind -> key -> line first seen
        self._tag_uses: list[tuple[int, int]] = []  # (line, tag id) of each article_tags row
        # (line, entry) of each feed_entries row: they are written before the articles
        # they name, so their references are checked once the whole backup is read.
        self._entries: list[tuple[int, FeedEntryRow]] = []

    def problem(self, line: int, field: str, message: str) -> None:
        """Note one problem (the first ones are kept, all are counted)."""
        self.total += 1
        if len(self.problems) < _KEPT:
            self.problems.append(Problem(line, field, message))

    # -- lines ---------------------------------------------------------------------------------

    def header(self, line: str | bytes) -> int | None:
        """Check line 1; its schema number, or None if the rest cannot be read."""
        value = self._json(1, line, quiet=True)
        if not isinstance(value, dict) or value.get("format") != FORMAT:
            self.problem(1, "", _NOT_A_BACKUP)
            return None
        version = value.get("version")
        if type(version) is not int or version != VERSION:
            self.problem(1, "version", f"unsupported backup version {_shown(version)}; a "
                                       "newer newsreader may read it")
            return None
        unknown = sorted(set(value) - {"format", "version", "schema"})
        if unknown:
            self.problem(1, unknown[0], "is not a field this backup may have")
        schema = value.get("schema")
        if type(schema) is not int or schema < 1:
            self.problem(1, "schema", f"must be a whole number from 1 (it is {_shown(schema)})")
            return None
        if schema > self.known_schema:
            self.problem(1, "schema", f"the backup was made by a newer newsreader (schema "
                                      f"{schema}, this one knows {self.known_schema}); "
                                      "upgrade newsreader to restore it")
            return None
        self.schema = schema
        return schema

    def line(self, number: int, line: str | bytes) -> None:
        """Check one line after the header: a table's row or an article with its parts."""
        if not line.strip():
            return
        value = self._json(number, line)
        if value is None:
            return
        if not isinstance(value, dict):
            self.problem(number, "", "must be a JSON object (a record of the backup)")
        elif "article" in value:
            record = self._model(number, ArticleRecord, _upgraded(value, self.schema), "")
            if record is not None:
                self._article(number, record)
        elif "table" in value:
            self._table_row(number, value)
        else:
            self.problem(number, "", 'must hold "article" or "table"')

    def finish(self) -> None:
        """The checks that need the whole backup: references to tags, and a feed entry's
        to its feed and its article (restore loads every row in one transaction, so a
        reference may point forward)."""
        tags = self._seen.get("tags.id", {})
        for number, tag_id in self._tag_uses:
            if tag_id not in tags:
                self.problem(number, "article_tags.tag_id", f"names no tag ({tag_id})")
        feeds = self._seen.get("feeds.id", {})
        articles = self._seen.get("articles.id", {})
        for number, entry in self._entries:
            if entry.feed_id not in feeds:
                self.problem(number, "feed_entries.feed_id",
                             f"names no feed of the backup ({entry.feed_id})")
            if entry.article_id is not None and entry.article_id not in articles:
                self.problem(number, "feed_entries.article_id",
                             f"names no article of the backup ({entry.article_id})")

    # -- reading -------------------------------------------------------------------------------

    def _json(self, number: int, line: str | bytes, *, quiet: bool = False) -> Any:
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as error:
                if not quiet:
                    self.problem(number, "", f"is not UTF-8 text (byte {error.start + 1})")
                return None
        try:
            return json.loads(line)
        except (ValueError, RecursionError) as error:
            if not quiet:
                reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
                self.problem(number, "", f"is not JSON ({reason})")
            return None

    def _model(self, number: int, model: type[Model], value: Any,
               prefix: str) -> Model | None:
        try:
            return model.model_validate(value)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                self.problem(number, _field(prefix, detail), _message(detail))
            return None

    def _unique(self, number: int, kind: str, key: object, field: str,
                shown: object = None) -> None:
        seen = self._seen.setdefault(kind, {})
        if key in seen:
            self.problem(number, field, f"{_shown(key if shown is None else shown)} is "
                                        f"already used (line {seen[key]})")
        else:
            seen[key] = number

    # -- records -------------------------------------------------------------------------------

    def _table_row(self, number: int, value: dict[str, Any]) -> None:
        table = value["table"]
        unknown = sorted(set(value) - {"table", "row"})
        if unknown:
            self.problem(number, unknown[0], "is not a field this backup may have")
        if not isinstance(table, str) or table not in TABLE_ROWS:
            self.problem(number, "table", f"must be one of {', '.join(TABLE_ROWS)} "
                                          f"(it is {_shown(table)})")
            return
        row = self._model(number, TABLE_ROWS[table], value.get("row"), table)
        if isinstance(row, TagRow):
            self._unique(number, "tags.id", row.id, "tags.id")
            # SQLite's NOCASE folds ASCII letters only: so does bytes.lower().
            self._unique(number, "tags.name", row.name.encode("utf-8").lower(), "tags.name",
                         row.name)
        elif isinstance(row, SettingRow):
            self._unique(number, "settings.key", row.key, "settings.key")
        elif isinstance(row, PendingRow):
            self._unique(number, "pending.id", row.id, "pending.id")
            self._unique(number, "pending.key", row.key, "pending.key")
        elif isinstance(row, FeedRow):
            self._unique(number, "feeds.id", row.id, "feeds.id")
            self._unique(number, "feeds.url", row.url, "feeds.url")
        elif isinstance(row, FeedEntryRow):
            self._unique(number, "feed_entries", (row.feed_id, row.key), "feed_entries.key",
                         row.key)
            self._entries.append((number, row))
        if row is None:
            return
        self.records.append({"table": table, "row": row.model_dump()})

    def _article(self, number: int, record: ArticleRecord) -> None:
        def problem(field: str, message: str) -> None:
            self.problem(number, field, message)

        article = record.article
        self._unique(number, "articles.id", article.id, "article.id")
        self._unique(number, "articles.uid", article.uid, "article.uid")
        texts: dict[int, str] = {}
        for revision in record.revisions:
            self._unique(number, "revisions.id", revision.id, "revisions.id")
            if revision.article_id != article.id:
                problem("revisions.article_id", f"must be its article's id, {article.id}")
            texts[revision.id] = revision.text
            wrong = structure_problem(revision.structure, revision.text)
            if wrong:
                problem("revisions.structure", wrong)
        if article.current_revision_id not in texts:
            problem("article.current_revision_id",
                    f"names no revision of this article ({article.current_revision_id})")

        def inside(field: str, revision_id: int, end: int | None) -> None:
            if revision_id not in texts:
                problem(f"{field}.revision_id", f"names no revision of this article "
                                                f"({revision_id})")
            elif end is not None and end > len(texts[revision_id]):
                problem(f"{field}.end", f"must be <= {len(texts[revision_id])}, the length "
                                        f"of revision {revision_id}'s text (it is {end})")

        highlights = set()
        for highlight in record.highlights:
            self._unique(number, "highlights.id", highlight.id, "highlights.id")
            self._unique(number, "highlights.uid", highlight.uid, "highlights.uid")
            if highlight.article_id != article.id:
                problem("highlights.article_id", f"must be its article's id, {article.id}")
            inside("highlights", highlight.revision_id, highlight.end)
            highlights.add(highlight.id)
        live = sum(highlight.deleted_at is None for highlight in record.highlights)
        if article.highlight_count != live:
            problem("article.highlight_count", f"must be {live}, the highlights not deleted "
                                               f"(it is {article.highlight_count})")
        for anchor in record.anchors:
            self._unique(number, "anchors", (anchor.highlight_id, anchor.revision_id),
                         "anchors.revision_id")
            if anchor.highlight_id not in highlights:
                problem("anchors.highlight_id", f"names no highlight of this article "
                                                f"({anchor.highlight_id})")
            inside("anchors", anchor.revision_id, anchor.end)
        for note in record.notes:
            self._unique(number, "notes.id", note.id, "notes.id")
            self._unique(number, "notes.uid", note.uid, "notes.uid")
            if note.article_id != article.id:
                problem("notes.article_id", f"must be its article's id, {article.id}")
            if note.highlight_id is not None and note.highlight_id not in highlights:
                problem("notes.highlight_id", f"names no highlight of this article "
                                              f"({note.highlight_id})")
        for link in record.article_tags:
            self._unique(number, "article_tags", (link.article_id, link.tag_id),
                         "article_tags.tag_id")
            if link.article_id != article.id:
                problem("article_tags.article_id", f"must be its article's id, {article.id}")
            self._tag_uses.append((number, link.tag_id))
        self.records.append({
            "article": article.model_dump(),
            **{part: [row.model_dump() for row in getattr(record, part)]
               for part in ("revisions", "highlights", "anchors", "notes", "article_tags")},
        })


def _upgraded(record: dict[str, Any], schema: int) -> dict[str, Any]:
    """An article's record as the current schema has it. Before schema 3 each revision
    held its Markdown rendition, which is now made when exported: it is left out."""
    revisions = record.get("revisions")
    if schema >= 3 or not isinstance(revisions, list):
        return record
    return {**record, "revisions": [
        {key: value for key, value in revision.items() if key != "markdown"}
        if isinstance(revision, dict) else revision for revision in revisions]}


def structure_problem(structure: str, text: str) -> str | None:
    """What is wrong with a revision's structure for its text, or None if it reads back.

    The reader's own check comes first (storage/serialize.py, what ``show`` runs), so a
    backup that restores is one the library can read; then the strict model, for what
    the reader lets through but a library never holds (a lone surrogate, a heading level
    past 6).
    """
    reason = revision_problem(structure, text)
    if reason is not None:
        return f"does not read back as an article ({reason})"
    try:
        Structure.model_validate_json(structure)
    except ValidationError as error:
        detail = error.errors(include_url=False)[0]
        return f"is not an article's structure ({_field('', detail)}: {_message(detail)})"
    return None


# -- how problems are worded ----------------------------------------------------------------


_MESSAGES = {
    "missing": "is missing",
    "extra_forbidden": "is not a field this backup may have",
    "int_type": "must be a whole number",
    "string_type": "must be text",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "greater_than_equal": "must be >= {ge}",
    "less_than_equal": "must be <= {le}",
    "literal_error": "must be one of {expected}",
    "too_short": "must have at least {min_length} item(s)",
    "too_long": "must have at most {max_length} item(s)",
}
_NO_INPUT = {"missing", "extra_forbidden"}


def _field(prefix: str, detail: ErrorDetails) -> str:
    """``highlights.start`` for loc ``("highlights", 0, "start")``: list positions and the
    names pydantic gives the members of a union are left out."""
    parts = [part for part in detail["loc"]
             if isinstance(part, str) and not any(mark in part for mark in "[(")]
    return ".".join([prefix, *parts] if prefix else parts)


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    template = _MESSAGES.get(kind)
    context = detail.get("ctx") or {}
    message = template.format(**context) if template else detail["msg"]
    if kind not in _NO_INPUT and isinstance(detail["input"], (int, float, str, type(None))):
        message += f" (it is {_shown(detail['input'])})"
    return message


def _shown(value: object) -> str:
    """A value as a problem quotes it: its repr (which escapes control characters), cut
    short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
