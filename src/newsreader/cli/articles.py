"""Commands on the library's articles: add, list, show, delete, and where files are."""

from __future__ import annotations

import os
import sys
from dataclasses import asdict

import click

from newsreader.cli.output import say, say_json, say_records
from newsreader.cli.shared import (
    ARTICLE_ID,
    ProgressBar,
    Settings,
    complete_paths,
    get_article,
    newline_json,
)
from newsreader.domain.models import ArticleSummary, StoredArticle
from newsreader.domain.sanitize import sanitize
from newsreader.storage import Library, NotFoundError

_STATUS_WORDS = {
    "added": "added",
    "updated": "updated (new revision)",
    "restored": "restored (old text)",
    "unchanged": "already in library",
    "failed": "failed",
}


@click.command()
@click.argument("sources", nargs=-1, required=True, shell_complete=complete_paths)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Clean N pages at a time (default: one per CPU core).")
@click.option("--later", is_flag=True,
              help="Keep the URLs to fetch later (`newsreader fetch`) instead of now.")
@click.pass_obj
def add(settings: Settings, sources: tuple[str, ...], as_json: bool, jobs: int | None,
        later: bool) -> None:
    """Import articles: files (.html .htm .xhtml .txt .md, gzipped too), folders, URLs, or -.

    Each article is saved on its own; a source that fails is named with its reason and
    the others still land. The exit status is 1 if any source failed.
    """
    if later:
        _keep_for_later(settings, sources)
        return
    from newsreader.ingest.importing import import_sources

    with settings.open() as library:
        progress = None if as_json else ProgressBar.on_terminal("Importing")
        try:
            report = import_sources(library, sources, progress=progress,
                                    workers=jobs or os.cpu_count() or 1)
        finally:
            if progress is not None:
                progress.close()
    if as_json:
        say_json({"results": [asdict(r) for r in report.results], "skipped": report.skipped})
    else:
        for result in report.results:
            if result.status == "failed":
                say(f"failed: {result.source}: {result.error}", err=True)
            else:
                say(f"{_STATUS_WORDS[result.status]:<22} {result.article_id:>6}  "
                    f"{result.title}")
                if result.anchoring is not None and result.anchoring.shifted:
                    say(f"{'':<30}highlights placed again: {result.anchoring.describe()}")
        if report.skipped:
            say(f"skipped {len(report.skipped)} file(s) that are not articles "
                f"(e.g. {report.skipped[0]})", err=True)
        counts = ", ".join(f"{report.count(status)} {_STATUS_WORDS[status]}"
                           for status in ("added", "updated", "restored", "unchanged", "failed")
                           if report.count(status))
        say(counts or "nothing to import", err=True)
    if report.failures:
        sys.exit(1)


def _keep_for_later(settings: Settings, urls: tuple[str, ...]) -> None:
    """``add --later``: the URLs join the addresses `newsreader fetch` fetches."""
    from newsreader.ingest.interchange.values import normalise_url
    from newsreader.ingest.sources import is_url
    from newsreader.storage.pending import PendingUrl

    refused = [url for url in urls if not is_url(url)]
    if refused:
        raise click.ClickException(f"--later takes http(s) URLs, not {refused[0]}")
    with settings.open() as library:
        added = library.pending.add_many([PendingUrl(key=normalise_url(url), url=url,
                                                     origin="later") for url in urls])
    for url, new in zip(urls, added, strict=True):
        say(f"{'kept to fetch' if new else 'already kept':<14} {url}")


@click.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the articles as a JSON list.")
@click.option("--sort", type=click.Choice(["saved", "published", "title"]), default="saved",
              show_default=True, help="Order of the list.")
@click.option("--filter", "filter_text", default="", metavar="TEXT",
              help="Only articles whose title or site contains TEXT.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.option("--archived", is_flag=True, help="Include archived articles.")
@newline_json
@click.pass_obj
def list_command(settings: Settings, as_json: bool, sort: str, filter_text: str,
                 limit: int | None, archived: bool, as_lines: bool) -> None:
    """List the saved articles, newest first (archived ones only with --archived).

    With --json or --nl each article carries its tags, flags (read, archived, favourite),
    address, author, dates, reading position and word count.
    """
    filter_text = sanitize(filter_text)  # as titles are (and SQLite takes no lone surrogate)
    with settings.open(create=False) as library:
        total = library.articles.count(filter_text=filter_text, include_archived=archived)
        articles = library.articles.page(filter_text=filter_text, sort=sort,  # type: ignore[arg-type]
                                         limit=limit or max(total, 1), include_archived=archived)
        hidden = 0 if archived else library.articles.count(include_archived=True) - total
        records = _records(library, articles) if as_json or as_lines else []
    if as_json or as_lines:
        say_records(records, nl=as_lines)
        return
    if not articles:
        if filter_text or hidden:
            say("No articles match" + (f" ({hidden} archived: add --archived)"
                                       if hidden else "."), err=True)
        else:
            say("No articles yet. Add some with: newsreader add FILE_OR_URL", err=True)
        return
    for a in articles:
        mark = " " if a.read else "•"
        say(f"{a.id:>6} {mark} {a.saved[:10]}  {a.highlight_count:>3} hl  {a.title}"
            + (f"  ({a.site})" if a.site else ""))


@click.command()
@click.argument("article_id", metavar="ARTICLE", type=ARTICLE_ID)
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--markdown", is_flag=True, help="Print the Markdown rendition of the body.")
@click.pass_obj
def show(settings: Settings, article_id: int, as_json: bool, markdown: bool) -> None:
    """Print an article (ARTICLE is the id that `add` and `list` print)."""
    with settings.open(create=False) as library:
        stored = get_article(library, article_id)
    article = stored.article
    if markdown:
        from newsreader.exporting.rendition import article_markdown

        say(article_markdown(article), nl=False)
        return
    if as_json:
        say_json({
            "id": stored.id, "title": article.title, "dek": article.dek,
            "byline": article.byline, "published": article.published, "url": article.url,
            "site": article.site, "source": stored.source, "saved": stored.saved,
            "text": article.text,
            "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
            "links": [{"kind": link.kind, "label": link.label, "text": link.text,
                       "url": link.url, "start": link.start, "end": link.end}
                      for link in article.links],
            "headings": article.headings,
        })
        return
    say(_plain(stored))


def _plain(stored: StoredArticle) -> str:
    article = stored.article
    lines = [article.title]
    lines += [value for value in (article.dek, article.byline, article.published) if value]
    lines += [f"Source: {stored.source}", "", article.text]
    if article.captions:
        lines += ["", "Captions:"] + [
            f"  - {c.text}" + (f" ({c.credit})" if c.credit else "") for c in article.captions]
    if article.links:
        lines += ["", "Links:"] + [
            f"  [{n}] " + (f"{link.label}: " if link.label else "") + link.text
            + (f" <{link.url}>" if link.url else "")
            for n, link in enumerate(article.links, start=1)]
    return "\n".join(lines)


def _records(library: Library, articles: list[ArticleSummary]) -> list[dict[str, object]]:
    """The articles as ``list --json`` prints them."""
    ids = [a.id for a in articles]
    tags = library.tags.of_each(ids)
    details = library.articles.details(ids)
    records: list[dict[str, object]] = []
    for a in articles:
        more = details.get(a.id)
        records.append({
            "id": a.id, "title": a.title, "site": a.site, "source": a.source,
            "url": more.url if more else None, "author": more.byline if more else None,
            "saved": a.saved, "published": a.published, "read": a.read,
            "archived": a.archived, "favourite": a.favourite, "tags": tags.get(a.id, []),
            "highlights": a.highlight_count,
            "reading_position": more.reading_position if more else 0,
            "word_count": a.word_count,
        })
    return records


@click.command()
@click.argument("article_ids", metavar="ARTICLE...", type=ARTICLE_ID, nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Delete without asking first.")
@click.pass_obj
def delete(settings: Settings, article_ids: tuple[int, ...], yes: bool) -> None:
    """Delete articles for good, with their revisions, highlights and notes.

    Asks first, naming each article; --yes skips the question (it is needed when standard
    input is not a terminal). To keep an article out of the list instead, archive it.
    """
    ids = list(dict.fromkeys(article_ids))
    with settings.open(create=False) as library:
        doomed = [_summary(library, article_id) for article_id in ids]
        if not yes:
            _confirm_delete(doomed)
        for article in doomed:
            library.articles.delete(article.id)
    say(f"deleted {len(doomed)} article(s)")


def _summary(library: Library, article_id: int) -> ArticleSummary:
    """The list row of one article; a one-line error if there is no such article."""
    try:
        return library.articles.summary(article_id)
    except NotFoundError as error:
        raise click.ClickException(f"{error}; `newsreader list` shows the ids") from None


def _confirm_delete(doomed: list[ArticleSummary]) -> None:
    """Ask before deleting; refuse where nobody can answer (a script, a pipe)."""
    if not sys.stdin.isatty():
        raise click.ClickException("deleting needs a yes: run it in a terminal to be asked, "
                                   "or add --yes")
    for article in doomed:
        notes = (f", {article.highlight_count} highlight(s) and their notes"
                 if article.highlight_count else "")
        say(f"{article.id:>6}  {article.title}{notes}")
    if not click.confirm(f"Delete {len(doomed)} article(s) for good?", default=False):
        say("Nothing deleted.", err=True)
        sys.exit(1)


@click.command()
@click.argument("what", type=click.Choice(["library", "config"]), default="library")
@click.pass_obj
def locate(settings: Settings, what: str) -> None:
    """Print the path of the library file in use, or of the settings file (`config`).

    The settings file need not exist yet: this is where newsreader looks for it.
    """
    if what == "config":
        from newsreader.storage.config import config_path

        say(str(config_path()))
    else:
        say(str(settings.db_path))
