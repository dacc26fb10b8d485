"""The command line: ``newsreader`` opens the reader; subcommands work without the TUI."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click

from newsreader import __version__
from newsreader.startup import resume_collection
from newsreader.storage import Library, LibraryError
from newsreader.storage.library import open_library
from newsreader.storage.location import database_path

F = TypeVar("F", bound=Callable[..., Any])

_STATUS_WORDS = {
    "added": "added",
    "updated": "updated (new revision)",
    "unchanged": "already in library",
    "failed": "failed",
}


class _Settings:
    """What the group options decided, for the subcommands."""

    def __init__(self, db: str | None) -> None:
        self.db_path = database_path(db)

    def open(self) -> Library:
        """Open the library these options name."""
        return open_library(self.db_path)


_TUI_COMMANDS = (None, "open")


class _FriendlyGroup(click.Group):
    """A click group that turns expected errors into one clear line, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning library errors into a one-line message."""
        try:
            return super().invoke(ctx)
        except LibraryError as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=_FriendlyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", metavar="PATH", envvar="NEWSREADER_DB",
              help="The library file to use (default: the user data folder; env NEWSREADER_DB).")
@click.version_option(__version__, prog_name="newsreader")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Read, highlight and annotate saved articles in the terminal.

    Run without a command to open the library in the reader.
    """
    ctx.obj = _Settings(db)
    if ctx.invoked_subcommand not in _TUI_COMMANDS:
        resume_collection()  # only the TUI keeps it paused, until its first frame
    if ctx.invoked_subcommand is None:
        from newsreader.tui.launch import launch

        ctx.exit(launch(ctx.obj.db_path))


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_obj
def add(settings: _Settings, sources: tuple[str, ...], as_json: bool) -> None:
    """Import articles: files (.html .htm .xhtml .txt .md, gzipped too), folders, URLs, or -.

    Each article is saved on its own; a source that fails is named with its reason and
    the others still land. The exit status is 1 if any source failed.
    """
    from newsreader.ingest.importing import import_sources

    with settings.open() as library:
        progress = ProgressBar("Importing") if sys.stderr.isatty() and not as_json else None
        try:
            report = import_sources(library, sources, progress=progress)
        finally:
            if progress is not None:
                progress.close()
    if as_json:
        click.echo(json.dumps({"results": [asdict(r) for r in report.results],
                               "skipped": report.skipped}, ensure_ascii=False, indent=2))
    else:
        for result in report.results:
            if result.status == "failed":
                click.echo(f"failed: {result.source}: {result.error}", err=True)
            else:
                click.echo(f"{_STATUS_WORDS[result.status]:<22} {result.article_id:>6}  "
                           f"{result.title}")
        if report.skipped:
            click.echo(f"skipped {len(report.skipped)} file(s) that are not articles "
                       f"(e.g. {report.skipped[0]})", err=True)
        counts = ", ".join(f"{report.count(status)} {_STATUS_WORDS[status]}"
                           for status in ("added", "updated", "unchanged", "failed")
                           if report.count(status))
        click.echo(counts or "nothing to import", err=True)
    if report.failures:
        sys.exit(1)


class ProgressBar:
    """A progress bar on stderr for work over several items (shown from two items on)."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None

    def __call__(self, done: int, total: int, item: str) -> None:
        """Advance by one item of ``total``."""
        if total < 2:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=self._label, file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        """Finish the bar, if one was shown."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the articles as a JSON list.")
@click.option("--sort", type=click.Choice(["saved", "published", "title"]), default="saved",
              show_default=True, help="Order of the list.")
@click.option("--filter", "filter_text", default="", metavar="TEXT",
              help="Only articles whose title or site contains TEXT.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.option("--archived", is_flag=True, help="Include archived articles.")
@click.pass_obj
def list_command(settings: _Settings, as_json: bool, sort: str, filter_text: str,
                 limit: int | None, archived: bool) -> None:
    """List the saved articles, newest first (archived ones only with --archived)."""
    with settings.open() as library:
        total = library.count_articles(filter_text=filter_text, include_archived=archived)
        articles = library.list_articles(filter_text=filter_text, sort=sort,  # type: ignore[arg-type]
                                         limit=limit or max(total, 1), include_archived=archived)
        hidden = 0 if archived else library.count_articles(include_archived=True) - total
    if as_json:
        click.echo(json.dumps([
            {"id": a.id, "title": a.title, "site": a.site, "source": a.source, "saved": a.saved,
             "published": a.published, "read": a.read, "highlights": a.highlight_count}
            for a in articles], ensure_ascii=False, indent=2))
        return
    if not articles:
        if filter_text or hidden:
            click.echo("No articles match" + (f" ({hidden} archived: add --archived)"
                                              if hidden else "."), err=True)
        else:
            click.echo("No articles yet. Add some with: newsreader add FILE_OR_URL", err=True)
        return
    for a in articles:
        mark = " " if a.read else "•"
        click.echo(f"{a.id:>6} {mark} {a.saved[:10]}  {a.highlight_count:>3} hl  {a.title}"
                   + (f"  ({a.site})" if a.site else ""))


@main.command()
@click.argument("article_id", metavar="ARTICLE", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--markdown", is_flag=True, help="Print the Markdown rendition of the body.")
@click.pass_obj
def show(settings: _Settings, article_id: int, as_json: bool, markdown: bool) -> None:
    """Print an article (ARTICLE is the id that `add` and `list` print)."""
    from newsreader.storage import NotFoundError

    with settings.open() as library:
        try:
            stored = library.get(article_id)
        except NotFoundError as error:
            raise click.ClickException(f"{error}; `newsreader list` shows the ids") from None
    article = stored.article
    if markdown:
        click.echo(article.markdown, nl=False)
        return
    if as_json:
        click.echo(json.dumps({
            "id": stored.id, "title": article.title, "dek": article.dek,
            "byline": article.byline, "published": article.published, "url": article.url,
            "site": article.site, "source": stored.source, "saved": stored.saved,
            "text": article.text,
            "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
            "links": [{"kind": link.kind, "label": link.label, "text": link.text,
                       "url": link.url, "start": link.start, "end": link.end}
                      for link in article.links],
            "headings": article.headings,
        }, ensure_ascii=False, indent=2))
        return
    click.echo(_plain(stored))


def _plain(stored: Any) -> str:
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


@main.command(name="open")
@click.argument("source", metavar="SOURCE")
@click.pass_obj
def open_command(settings: _Settings, source: str) -> None:
    """Open SOURCE in the reader: a file or URL (imported first if new) or an article id.

    `q` in the reader leads to the library; `q` there quits.
    """
    from newsreader.tui.launch import launch

    sys.exit(launch(settings.db_path, open_source=source))


@main.command()
@click.pass_obj
def locate(settings: _Settings) -> None:
    """Print the path of the library file in use."""
    click.echo(str(Path(settings.db_path)))


def _register_more_commands() -> None:
    from newsreader.cli import annotating as cli_annotations
    from newsreader.cli import export as cli_export
    from newsreader.cli import search as cli_search

    cli_annotations.register(main)
    cli_search.register(main)
    cli_export.register(main)


_register_more_commands()
