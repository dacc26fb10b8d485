"""Sources -> cleaned articles in the library, one transaction each, with a report."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import BinaryIO, Literal
from urllib.parse import urlparse

from newsreader.domain.models import Article
from newsreader.ingest.cleaning import CLEANER_VERSION, SourceKind, clean
from newsreader.ingest.decoding import UnreadableSourceError, decode
from newsreader.ingest.sources import RawSource, Skipped, SourceError, Unlisted, expand, read
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
) -> ImportReport:
    """Import every source the arguments name; one bad source never stops the others."""
    report = ImportReport()
    sources: list[str | Unlisted] = []
    for argument in arguments:
        for item in expand(argument):
            if isinstance(item, Skipped):
                report.skipped.append(item.path)
            else:
                sources.append(item)
    for done, source in enumerate(sources, start=1):
        if isinstance(source, Unlisted):
            report.results.append(ImportResult(source.path, "failed", error=source.reason))
        else:
            report.results.append(import_one(library, source, stdin=stdin))
        if progress is not None:
            progress(done, len(sources), source if isinstance(source, str) else source.path)
    return report


def import_one(library: Library, source: str, *, stdin: BinaryIO | None = None) -> ImportResult:
    """Read, clean and save one source in its own transaction."""
    try:
        raw = read(source, stdin=stdin)
        return _save(library, raw)
    except (SourceError, UnreadableSourceError, LibraryError) as error:
        return ImportResult(source, "failed", error=str(error))
    except RecursionError:
        return ImportResult(source, "failed", error="the document is nested too deeply to read")
    except Exception as error:  # untrusted input: one odd page must not stop the batch
        return ImportResult(
            source, "failed", error=f"the cleaner could not read it ({type(error).__name__})"
        )


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


def _save(library: Library, raw: RawSource) -> ImportResult:
    text = decode(raw.data, html=raw.kind == "html", charset=raw.charset)
    article = clean(text, kind=raw.kind, url=raw.url)
    if not _has_readable_text(article, raw.kind):
        raise UnreadableSourceError("no readable text")
    if article.site is None and raw.url:
        article = replace(article, site=urlparse(raw.url).hostname)
    outcome = library.articles.add(
        article,
        Original(raw.data, raw.source, raw.source_kind, raw.kind),
        cleaner_version=CLEANER_VERSION,
    )
    return ImportResult(raw.source, outcome.status, outcome.article_id, outcome.title,
                        anchoring=outcome.anchoring)


def _has_readable_text(article: Article, kind: SourceKind) -> bool:
    """Whether there is anything to read: body text, or a title for plain text and
    Markdown, where the title line is itself the writer's words. An HTML page's title
    alone is not an article: a page that needs JavaScript to show anything has one."""
    if _readable(article.text):
        return True
    # "Untitled" is what the cleaners call a document in which they found no title
    return kind != "html" and article.title != "Untitled" and _readable(article.title)


def _readable(text: str) -> bool:
    """True if the text has a letter, digit, punctuation mark or symbol: something visible."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)


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
        article = clean(decode(original.data, html=kind == "html"), kind=kind, url=url)
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
