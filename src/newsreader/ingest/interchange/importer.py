"""An export from another tool into the library: articles, addresses to fetch, annotations.

Each item (a saved article, with its tags, flags, highlights and notes) and each article's
share of an annotation file is written in one transaction of its own, so one bad item
never stops the others and a failed one leaves nothing behind, and importing the same
file again adds nothing: items are matched to articles by web address, annotations carry
uids derived from their ids (or from the article, quote and position) and addresses are
kept once.
"""

from __future__ import annotations

import contextlib
import html
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal

from newsreader.domain.sanitize import collapse_whitespace
from newsreader.ingest.cleaning import CLEANER_VERSION
from newsreader.ingest.decoding import UnreadableSourceError
from newsreader.ingest.interchange import (
    hypothesis,
    instapaper,
    omnivore,
    pocket,
    readwise,
    w3c,
    wallabag,
)
from newsreader.ingest.interchange.model import (
    Annotation,
    FormatError,
    Item,
    Parsed,
    Problem,
    Targeted,
)
from newsreader.ingest.interchange.values import normalise_url
from newsreader.ingest.preparing import article_from, failure_message
from newsreader.ingest.sources import RawSource
from newsreader.storage import Library, Original
from newsreader.storage.annotations import DEFAULT_COLOR
from newsreader.storage.articles import AddOutcome
from newsreader.storage.imported import (
    ArticleChanges,
    AttachReport,
    ImportedHighlight,
    ImportedNote,
)
from newsreader.storage.pending import PendingUrl

ItemStatus = Literal["added", "merged", "unchanged", "pending", "already pending", "failed"]
ProgressCallback = Callable[[int, int, str], None]
PARSERS: dict[str, Callable[[bytes, str], Parsed]] = {
    "w3c": w3c.parse, "hypothesis": hypothesis.parse, "omnivore": omnivore.parse,
    "wallabag": wallabag.parse, "pocket": pocket.parse, "instapaper": instapaper.parse,
    "readwise": readwise.parse,
}
PLACEMENTS = ("exact", "moved", "fuzzy", "orphan", "duplicate")
_BATCH = 500  # addresses kept to fetch per transaction
_OWN_URN = re.compile(r"urn:newsreader:(?:highlight|note):([0-9a-f]{32})")


@dataclass(frozen=True)
class ItemResult:
    """What happened to one item, or to one article's annotations.

    ``highlights`` counts how the highlights landed (exact, moved, fuzzy, orphan) and
    how many were already there ("duplicate"); ``detail`` adds what the status alone
    does not say.
    """

    where: str
    status: ItemStatus
    url: str | None = None
    article_id: int | None = None
    title: str | None = None
    error: str | None = None
    highlights: dict[str, int] = field(default_factory=dict)
    notes: int = 0
    detail: str | None = None


@dataclass
class ImportReport:
    """What an import did, item by item; the annotations no article matched (by target
    address, with how many); and what was left out on purpose."""

    format: str
    results: list[ItemResult] = field(default_factory=list)
    unmatched: dict[str, int] = field(default_factory=dict)
    skipped: list[Problem] = field(default_factory=list)

    @property
    def failures(self) -> list[ItemResult]:
        """The files, rows and items that could not be imported."""
        return [result for result in self.results if result.status == "failed"]

    def count(self, status: ItemStatus) -> int:
        """How many items ended with this status."""
        return sum(1 for result in self.results if result.status == status)

    def highlights(self) -> dict[str, int]:
        """How all the highlights landed, by placement (and "duplicate")."""
        totals = Counter({placement: 0 for placement in PLACEMENTS})
        for result in self.results:
            totals.update(result.highlights)
        return dict(totals)


def import_files(library: Library, format_name: str, paths: Sequence[str], *,
                 progress: ProgressCallback | None = None) -> ImportReport:
    """Import export files of one format; a bad file, row or item is reported with its
    reason and the others are still imported."""
    parse = PARSERS[format_name]
    report = ImportReport(format_name)
    items: list[Item] = []
    annotations: list[Targeted] = []
    for path in paths:
        try:
            parsed = parse(_read(path), path)
        except FormatError as error:
            report.results.append(ItemResult(path, "failed", error=str(error)))
            continue
        items += parsed.items
        annotations += parsed.annotations
        report.skipped += parsed.skipped
        report.results += [ItemResult(problem.where, "failed", error=problem.reason)
                           for problem in parsed.problems]
    articles = _Articles(library)
    groups = _by_target(annotations)
    total = len(items) + len(groups)
    waiting: list[Item] = []  # addresses without text, kept a batch at a time

    def keep_waiting() -> None:
        try:
            report.results.extend(_keep(library, waiting, format_name))
        except Exception as error:  # reported for each item; the import goes on
            report.results.extend(ItemResult(item.where, "failed", url=item.url,
                                             error=failure_message(error))
                                  for item in waiting)
        waiting.clear()

    for done, item in enumerate(items, start=1):
        if item.content is None and articles.find(item.url) is None:
            waiting.append(item)
            if len(waiting) == _BATCH:
                keep_waiting()
        else:
            if waiting:  # written first, so the report keeps the file's order
                keep_waiting()
            report.results.append(_guarded(item.where, item.url, partial(
                _item, library, articles, item, format_name)))
        if progress is not None:
            progress(done, total, item.where)
    if waiting:
        keep_waiting()
    for done, group in enumerate(groups, start=len(items) + 1):
        target = group[0].target
        found = articles.find(target)
        if found is None:
            report.unmatched[target] = len(group)
        else:
            report.results.append(_guarded(target, target,
                                           partial(_annotate, library, found, group)))
        if progress is not None:
            progress(done, total, target)
    return report


def _read(path: str) -> bytes:
    file = Path(path).expanduser()
    try:
        if not file.is_file():
            raise FormatError("no such file" if not file.exists() else "it is not a file")
        return file.read_bytes()
    except OSError as error:
        raise FormatError(f"cannot read it ({error.strerror or error})") from None


def _guarded(where: str, url: str, work: Callable[[], ItemResult]) -> ItemResult:
    try:
        return work()
    except Exception as error:  # untrusted input: one odd item must not stop the import
        return ItemResult(where, "failed", url=url, error=failure_message(error))


class _Articles:
    """The library's articles by normalised web address, source and URN."""

    def __init__(self, library: Library) -> None:
        self._found: dict[str, tuple[int, str]] = {}
        for known in library.imports.known_articles():
            self.remember(known.id, known.uid, [known.url, known.source])

    def remember(self, article_id: int, uid: str, addresses: Iterable[str | None]) -> None:
        """Let the article be found by these addresses (and its own URNs)."""
        names = [f"urn:newsreader:{uid}", *(address for address in addresses if address)]
        with contextlib.suppress(ValueError):
            names.append(f"urn:uuid:{uuid.UUID(hex=uid)}")
        for name in names:
            self._found.setdefault(normalise_url(name), (article_id, uid))

    def find(self, address: str) -> tuple[int, str] | None:
        """The id and uid of the article at this address, if the library has it."""
        return self._found.get(normalise_url(address))


def _item(library: Library, articles: _Articles, item: Item, format_name: str) -> ItemResult:
    key = normalise_url(item.url)
    found = articles.find(item.url)
    detail = None
    if found is None and item.content is not None:
        try:
            outcome, attached = _add_article(library, item, key)
        except UnreadableSourceError as error:
            detail = f"its text could not be read ({error}); kept to fetch later"
        else:
            articles.remember(outcome.article_id, library.articles.uid(outcome.article_id),
                              [item.url])
            status: ItemStatus = ("added" if outcome.status == "added"
                                  else "merged" if attached.changed else "unchanged")
            return _result(library, item.where, item.url, status, outcome.article_id, attached)
    if found is not None:
        # The library holds this address's text: it no longer waits to be fetched.
        highlights, notes, changes = _annotations(found[1], item.annotations,
                                                  ArticleChanges(item.tags))
        attached = library.imports.attach(found[0], highlights, notes, changes,
                                          pending_key=key)
        return _result(library, item.where, item.url,
                       "merged" if attached.changed else "unchanged", found[0], attached)
    return _keep(library, [item], format_name, detail)[0]


def _keep(library: Library, items: Sequence[Item], format_name: str,
          reason: str | None = None) -> list[ItemResult]:
    """Keep items without a readable text as addresses to fetch later (one transaction)."""
    kept = library.pending.add_many([PendingUrl(
        key=normalise_url(item.url), url=item.url, origin=format_name, title=item.title,
        tags=item.tags, note=item.note, saved=item.saved, archived=item.archived,
        favourite=item.favourite) for item in items])
    results = []
    for item, new in zip(items, kept, strict=True):
        detail = reason
        if item.annotations:
            detail = (detail or "kept to fetch later") + (
                f", without its {len(item.annotations)} highlight(s) and note(s)")
        results.append(ItemResult(item.where, "pending" if new else "already pending",
                                  url=item.url, title=item.title, detail=detail))
    return results


def _add_article(library: Library, item: Item,
                 key: str) -> tuple[AddOutcome, AttachReport]:
    """Clean and save an item's text as an article, with its tags, flags, highlights and
    notes, in one transaction (the address stops waiting to be fetched in it too)."""
    url = collapse_whitespace(item.url)  # untrusted, and stored as the article's source
    raw = RawSource(data=_document(item), source=url, source_kind="url",
                    kind=item.content_kind, url=url, charset="utf-8")
    article = article_from(raw)
    # The export's own title wins (the user may have edited it); it is untrusted text,
    # sanitised as the cleaner sanitises the page's.
    article = replace(article, title=collapse_whitespace(item.title or "") or article.title,
                      byline=article.byline or (collapse_whitespace(item.byline or "") or None),
                      published=article.published or item.published)
    # The uid is chosen here so that the highlights' uids can be derived from it; were
    # the text already in the library, the article keeps its own and the highlights are
    # still recognised by their place.
    uid = uuid.uuid4().hex
    highlights, notes, changes = _annotations(uid, item.annotations, ArticleChanges(
        item.tags, item.archived, item.favourite, item.saved))
    return library.imports.add_article(
        article, Original(raw.data, raw.source, raw.source_kind, raw.kind),
        cleaner_version=CLEANER_VERSION, highlights=highlights, notes=notes, changes=changes,
        pending_key=key, uid=uid)


def _document(item: Item) -> bytes:
    """An item's text as a document to clean: an HTML fragment (what the services export)
    gets a head with the item's title and author, so that cleaning it again later finds
    them too."""
    content = item.content or b""
    if item.content_kind != "html" or b"<html" in content[:2048].lower():
        return content
    head = '<meta charset="utf-8">'
    if item.title:
        head += f"<title>{html.escape(item.title)}</title>"
    if item.byline:
        head += f'<meta name="author" content="{html.escape(item.byline)}">'
    return (f"<!DOCTYPE html><html><head>{head}</head><body>".encode()
            + content + b"</body></html>")


def _annotate(library: Library, found: tuple[int, str], group: list[Targeted]) -> ItemResult:
    tags = tuple(tag for targeted in group for tag in targeted.annotation.tags)
    highlights, notes, changes = _annotations(
        found[1], [targeted.annotation for targeted in group], ArticleChanges(tags))
    attached = library.imports.attach(found[0], highlights, notes, changes)
    return _result(library, group[0].target, group[0].target,
                   "merged" if attached.changed else "unchanged", found[0], attached)


def _annotations(article_uid: str, annotations: Sequence[Annotation], changes: ArticleChanges,
                 ) -> tuple[list[ImportedHighlight], list[ImportedNote], ArticleChanges]:
    """The highlights and article notes to store for an article's annotations, with
    stable uids, and the changes with the annotations' tags added."""
    highlights: list[ImportedHighlight] = []
    notes: list[ImportedNote] = []
    repeats: Counter[str] = Counter()
    for annotation in annotations:
        changes = replace(changes, tags=(*changes.tags, *annotation.tags))
        quote = annotation.quote
        if quote is None:
            for n, note in enumerate(annotation.notes):
                # An annotation with one note is that note (newsreader's own export
                # gives an article note's annotation the note's id, its body maybe none).
                key = note.key or (
                    f"newsreader-import:{article_uid}|note|{note.body}" if not annotation.key
                    else annotation.key if n == 0 else f"{annotation.key}#{n}")
                notes.append(ImportedNote(_uid(key), note.body,
                                          note.created or annotation.created))
            continue
        place = f"{article_uid}|{quote.exact}|{quote.start}|{quote.end}"
        repeats[place] += 1
        uid = _uid(annotation.key or f"newsreader-import:{place}|{repeats[place]}")
        highlights.append(ImportedHighlight(
            uid=uid, exact=quote.exact, prefix=quote.prefix, suffix=quote.suffix,
            start=quote.start, end=quote.end, color=annotation.color or DEFAULT_COLOR,
            created=annotation.created,
            notes=tuple(ImportedNote(_uid(note.key or f"{uid}#note-{n}"), note.body,
                                     note.created or annotation.created)
                        for n, note in enumerate(annotation.notes))))
    return highlights, notes, changes


def _uid(key: str) -> str:
    """A stable uid for what another tool identifies by ``key``: newsreader's own uids
    come back as they were, a ``urn:uuid:`` as its UUID, anything else as a UUID derived
    from it (so the same key always gives the same uid)."""
    own = _OWN_URN.fullmatch(key)
    if own is not None:
        return own.group(1)
    if key.lower().startswith("urn:uuid:"):
        try:
            return uuid.UUID(key[len("urn:uuid:"):]).hex
        except ValueError:
            pass
    return uuid.uuid5(uuid.NAMESPACE_URL, key).hex


def _result(library: Library, where: str, url: str, status: ItemStatus, article_id: int,
            attached: AttachReport) -> ItemResult:
    return ItemResult(where, status, url=url, article_id=article_id,
                      title=library.articles.summary(article_id).title,
                      highlights=dict(Counter(attached.placements)),
                      notes=attached.notes_added)


def _by_target(annotations: Sequence[Targeted]) -> list[list[Targeted]]:
    groups: dict[str, list[Targeted]] = {}
    for targeted in annotations:
        groups.setdefault(normalise_url(targeted.target), []).append(targeted)
    return list(groups.values())
