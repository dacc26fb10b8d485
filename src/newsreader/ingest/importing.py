"""Sources -> cleaned articles in the library, one transaction each, with a report."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field, replace
from typing import BinaryIO, Literal

from newsreader.ingest.cleaning import CLEANER_VERSION, SourceKind, clean
from newsreader.ingest.cleaning.html_limits import PageTooLargeError
from newsreader.ingest.decoding import decode
from newsreader.ingest.preparing import Prepared, failure_message, prepare
from newsreader.ingest.sources import Skipped, Unlisted, expand
from newsreader.storage import DamagedArticleError, Library, LibraryError, Original
from newsreader.storage.annotations import AnchorCounts

ResultStatus = Literal["added", "updated", "restored", "unchanged", "failed"]
ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportResult:
    """What happened to one source; for a new revision, how its highlights landed."""

    source: str
    status: ResultStatus
    article_id: int | None = None
    title: str | None = None
    error: str | None = None
    anchoring: AnchorCounts | None = None


@dataclass
class ImportReport:
    """What an import did, source by source, and which files in folders it passed over."""

    results: list[ImportResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[ImportResult]:
        """The sources that could not be imported."""
        return [result for result in self.results if result.status == "failed"]

    def count(self, status: ResultStatus) -> int:
        """How many sources ended with this status."""
        return sum(1 for result in self.results if result.status == status)


def import_sources(
    library: Library,
    arguments: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    progress: ProgressCallback | None = None,
    workers: int = 1,
) -> ImportReport:
    """Import every source the arguments name; one bad source never stops the others.

    With ``workers`` above 1, files and URLs are read and cleaned by that many processes
    while this one saves them, in the same order and with the same report.
    """
    report = ImportReport()
    sources: list[str | Unlisted] = []
    for argument in arguments:
        for item in expand(argument):
            if isinstance(item, Skipped):
                report.skipped.append(item.path)
            else:
                sources.append(item)
    # Here, not at the top: the pool's modules (multiprocessing) are for batches, and opening
    # one article in the reader should not load them.
    from newsreader.ingest.import_pool import prepared_in_order

    pooled = [source for source in sources if isinstance(source, str) and source != "-"]
    parallel = workers > 1 and len(pooled) > 1
    with (closing(prepared_in_order(pooled if parallel else [], workers)) as ready,
          library.articles.importing()):
        for done, source in enumerate(sources, start=1):
            if isinstance(source, Unlisted):
                report.results.append(ImportResult(source.path, "failed", error=source.reason))
            else:
                prepared = next(ready, None) if source != "-" else None
                report.results.append(_save(library, prepared or prepare(source, stdin=stdin)))
            if progress is not None:
                progress(done, len(sources), source if isinstance(source, str) else source.path)
    return report


def import_one(library: Library, source: str, *, stdin: BinaryIO | None = None) -> ImportResult:
    """Read, clean and save one source in its own transaction."""
    return _save(library, prepare(source, stdin=stdin))


def resolve_source(library: Library, source: str) -> int:
    """The id of the article ``source`` names: a file (imported, or re-imported if changed),
    a URL (imported unless already saved) or an article id. LibraryError if it cannot be."""
    if not os.path.exists(os.path.expanduser(source)):
        if source.isdigit():
            return library.articles.get(int(source)).id
        found = library.articles.find_id(source)
        if found is not None:
            return found
    result = import_one(library, source)
    if result.article_id is None:
        raise LibraryError(f"cannot open {source}: {result.error or 'nothing was imported'}")
    return result.article_id


def _save(library: Library, prepared: Prepared) -> ImportResult:
    """Save a prepared source in its own transaction, or report why it failed."""
    raw, article = prepared.raw, prepared.article
    if raw is None or article is None:
        return ImportResult(prepared.source, "failed", error=prepared.error)
    try:
        outcome = library.articles.add(
            article,
            Original(raw.data, raw.source, raw.source_kind, raw.kind),
            cleaner_version=CLEANER_VERSION,
        )
    except Exception as error:  # one article that cannot be saved must not stop the batch
        return ImportResult(prepared.source, "failed", error=failure_message(error))
    return ImportResult(raw.source, outcome.status, outcome.article_id, outcome.title,
                        anchoring=outcome.anchoring)


@dataclass(frozen=True)
class RecleanResult:
    """What cleaning one article again did (or, in a dry run, would do)."""

    article_id: int
    changed: bool
    anchoring: AnchorCounts | None = None
    """How its highlights landed in the new text (None when the text did not change)."""


def reclean(
    library: Library,
    article_ids: Iterable[int] | None = None,
    *,
    progress: ProgressCallback | None = None,
    dry_run: bool = False,
) -> list[RecleanResult]:
    """Clean stored originals again with the current cleaner; highlights are re-anchored.

    Returns, for each article, whether its text or structure changed and how its highlights
    landed. A ``dry_run`` places the highlights in the new text and writes nothing.
    """
    changed: list[RecleanResult] = []
    ids = list(article_ids) if article_ids is not None else library.articles.ids()
    for done, article_id in enumerate(ids, start=1):
        original = library.articles.original(article_id)
        kind: SourceKind = original.media_type  # type: ignore[assignment]
        url = original.source if original.source_kind == "url" else None
        try:
            article = clean(decode(original.data, html=kind == "html"), kind=kind, url=url)
        except PageTooLargeError:
            # Saved before pages had a size limit: it keeps the text it was given then.
            changed.append(RecleanResult(article_id, False))
            if progress is not None:
                progress(done, len(ids), str(article_id))
            continue
        try:
            site = library.articles.get(article_id).article.site
        except DamagedArticleError:
            site = None  # cleaning the original again is what mends it
        if article.site is None and site is not None:
            article = replace(article, site=site)
        anchoring = (library.articles.preview_reclean(article_id, article) if dry_run
                     else library.articles.reclean(article_id, article,
                                                   cleaner_version=CLEANER_VERSION))
        changed.append(RecleanResult(article_id, anchoring is not None, anchoring))
        if progress is not None:
            progress(done, len(ids), str(article_id))
    return changed
