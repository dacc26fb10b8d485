"""Export articles with highlights or notes as Markdown files, one per article."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from newsreader.exporting import frontmatter, vault
from newsreader.exporting.filenames import file_name
from newsreader.exporting.markdown_file import ArticleExport, front_values, render_region
from newsreader.exporting.templates import RegionTemplate
from newsreader.storage import DamagedArticleError, Library

ExportStatus = Literal["written", "unchanged", "refused", "skipped", "failed"]


@dataclass(frozen=True)
class ExportResult:
    """What exporting one article did, where its file is, and why if it did nothing
    (``failed``: the article itself cannot be read, its title then unknown)."""

    article_id: int
    title: str
    status: ExportStatus
    path: Path | None = None
    reason: str | None = None


@dataclass
class ExportReport:
    """The results of one export, article by article."""

    out_dir: Path
    results: list[ExportResult] = field(default_factory=list)
    # Files carrying the newsreader-id of another file, which was the one updated.
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)

    def count(self, status: ExportStatus) -> int:
        """How many articles ended with this status."""
        return sum(1 for result in self.results if result.status == status)

    @property
    def refused(self) -> list[ExportResult]:
        """The files left alone because they were edited inside the generated region."""
        return [result for result in self.results if result.status == "refused"]

    @property
    def failed(self) -> list[ExportResult]:
        """The articles that could not be read (damaged), so not exported."""
        return [result for result in self.results if result.status == "failed"]

    def summary(self) -> str:
        """One line for a person: the counts and the folder."""
        counts = ", ".join(f"{self.count(status)} {status}" for status in
                           ("written", "unchanged", "refused", "skipped", "failed")
                           if self.count(status))
        copies = len(self.duplicates)
        warning = (f" ({copies} file{'s' if copies != 1 else ''} with another's newsreader-id)"
                   if copies else "")
        return f"{counts or 'nothing to export'} in {self.out_dir}{warning}"

    def duplicate_warnings(self) -> list[str]:
        """One line per file that has another file's newsreader-id."""
        return [f"{copy} has the same newsreader-id as {kept}, which was updated instead; "
                "give the copy no newsreader-id (or delete it) to silence this"
                for copy, kept in self.duplicates]


def gather(library: Library, article_id: int) -> ArticleExport:
    """Read what an article's export shows from the library."""
    return ArticleExport(
        stored=library.articles.get(article_id),
        uid=library.articles.uid(article_id),
        tags=tuple(library.tags.of(article_id)),
        highlights=tuple(library.annotations.highlights(article_id, order="reading")),
        notes=tuple(library.annotations.article_notes(article_id)),
    )


def render_file(item: ArticleExport, *, with_article: bool = False,
                template: RegionTemplate | None = None) -> bytes:
    """A fresh export file for one article, as bytes."""
    entries = frontmatter.merge(None, front_values(item))
    region = render_region(item, with_article=with_article, template=template)
    return vault.compose(entries, "\n", region, "")


def render_all(library: Library, article_ids: list[int] | None, *,
               with_article: bool = False,
               template: RegionTemplate | None = None) -> Iterator[bytes]:
    """Fresh export files (for standard output): the named articles or all annotated ones."""
    if article_ids is None:
        article_ids = library.annotations.annotated_article_ids()
    for article_id in article_ids:
        yield render_file(gather(library, article_id), with_article=with_article,
                          template=template)


def export_markdown(library: Library, article_ids: list[int] | None, out_dir: Path, *,
                    with_article: bool = False, force: bool = False,
                    template: RegionTemplate | None = None) -> ExportReport:
    """Write or update one Markdown file per article in ``out_dir``.

    With ``article_ids`` None: every article with highlights or notes, plus any article
    that already has a file there (so deleting its last highlight updates the file). A
    named article with nothing to export (and no file yet) is skipped unless
    ``with_article``. Unchanged files are not touched; files edited inside the generated
    region are refused unless ``force``. A file is found by its ``newsreader-id`` wherever
    it sits under ``out_dir`` and whatever it is called. A damaged article (one that
    cannot be read) is reported as ``failed`` and the others are still exported.
    ``template`` lays out the generated region (the default preset if None).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = vault.Folder.scan(out_dir)
    if article_ids is None:
        wanted = set(library.annotations.annotated_article_ids())
        if folder.by_id:
            wanted |= {i for i, uid in library.articles.uids().items() if uid in folder.by_id}
        article_ids = sorted(wanted)
    report = ExportReport(out_dir, duplicates=list(folder.duplicates))
    for article_id in dict.fromkeys(article_ids):
        try:
            item = gather(library, article_id)
        except DamagedArticleError as error:  # one damaged article does not stop the rest
            report.results.append(ExportResult(article_id, "", "failed", reason=str(error)))
            continue
        report.results.append(_export_one(folder, item, with_article=with_article,
                                          force=force, template=template))
    return report


def _export_one(folder: vault.Folder, item: ArticleExport, *, with_article: bool,
                force: bool, template: RegionTemplate | None) -> ExportResult:
    title = item.article.title
    region = render_region(item, with_article=with_article, template=template)
    found = folder.by_id.get(item.uid)
    if found is None:
        if not (item.has_annotations or with_article):
            return ExportResult(item.stored.id, title, "skipped",
                                reason="no highlights or notes to export")
        name = file_name(title, item.uid, folder.taken)
        path = folder.root / name
        folder.taken.add(name.lower())
        data = vault.compose(frontmatter.merge(None, front_values(item)), "\n", region, "")
        vault.write_atomic(path, data)
        folder.by_id[item.uid] = (path, data.decode("utf-8"))
        return ExportResult(item.stored.id, title, "written", path)
    path, text = found
    parsed = vault.parse(text)
    assert parsed is not None  # it was found by the id in its front matter
    if parsed.hand_edited and not force:
        what = ("its newsreader markers are missing" if parsed.region is None
                else "it was edited inside the generated region")
        return ExportResult(
            item.stored.id, title, "refused", path,
            reason=f"{path} was not updated: {what}. Move your text outside the markers "
                   "(your own text there is kept), or export again with --force to "
                   "replace the region.")
    before, after = parsed.before, parsed.after
    if parsed.region is None:  # forced, markers gone: the region goes first, their text after
        before, after = "\n", ("\n" + parsed.after.lstrip("\n")) if parsed.after.strip() else ""
    data = vault.compose(frontmatter.merge(parsed.entries, front_values(item)), before, region,
                         after, newline=parsed.newline, bom=parsed.bom)
    if data == text.encode("utf-8"):
        return ExportResult(item.stored.id, title, "unchanged", path)
    vault.write_atomic(path, data)
    folder.by_id[item.uid] = (path, data.decode("utf-8"))
    return ExportResult(item.stored.id, title, "written", path)
