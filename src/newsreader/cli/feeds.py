"""``newsreader feeds``: follow, list, unfollow, import and export feeds."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from newsreader.cli.output import say, say_json, write_document
from newsreader.cli.shared import Settings, complete_paths
from newsreader.storage import Library
from newsreader.storage.feeds import Feed


@click.group()
def feeds() -> None:
    """Follow RSS, Atom and JSON feeds; `newsreader fetch` brings in their new entries."""


@feeds.command()
@click.argument("url")
@click.pass_obj
def add(settings: Settings, url: str) -> None:
    """Follow the feed at URL, or the feed a web page at URL names in its head."""
    from newsreader.ingest.feeds.model import FeedError
    from newsreader.ingest.feeds.subscribe import follow
    from newsreader.ingest.http import HttpError

    with settings.open() as library:
        try:
            followed = follow(library, url)
        except (FeedError, HttpError) as error:
            raise click.ClickException(f"cannot follow {url}: {error}") from None
    say(followed.summary())


@feeds.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the feeds as a JSON list.")
@click.pass_obj
def list_feeds(settings: Settings, as_json: bool) -> None:
    """List the feeds followed, with unread articles and how the last fetch went."""
    with settings.open(create=False) as library:
        followed = library.feeds.all()
    if as_json:
        say_json([asdict(feed) for feed in followed])
        return
    if not followed:
        say("No feeds followed; add one with `newsreader feeds add URL`.", err=True)
        return
    for feed in followed:
        result = feed.last_result or "not fetched yet"
        say(f"{feed.id:>4}  {feed.unread:>5} unread  {feed.name}  <{feed.url}>  [{result}]")


@feeds.command()
@click.argument("names", metavar="FEED...", nargs=-1, required=True)
@click.pass_obj
def remove(settings: Settings, names: tuple[str, ...]) -> None:
    """Stop following FEED(s) (an id, an address or a title); their articles stay."""
    with settings.open(create=False) as library:
        chosen = named(library, names)
        for feed in chosen:
            library.feeds.remove(feed.id)
            say(f"no longer following {feed.name}")


@feeds.command(name="import")
@click.argument("file", metavar="FILE.opml", shell_complete=complete_paths)
@click.pass_obj
def import_opml(settings: Settings, file: str) -> None:
    """Follow every feed an OPML subscription list holds (from another reader)."""
    from newsreader.ingest.feeds.model import FeedError
    from newsreader.ingest.feeds.opml import read_opml

    try:
        outlines = read_opml(Path(file).expanduser().read_bytes())
    except OSError as error:
        raise click.ClickException(f"cannot read {file}: {error.strerror or error}") from None
    except FeedError as error:
        raise click.ClickException(f"cannot read {file}: {error}") from None
    added = 0
    with settings.open() as library:
        for outline in outlines:
            _, new = library.feeds.add(outline.url, title=outline.title,
                                       site_url=outline.site_url)
            added += new
    say(f"{added} feed(s) added, {len(outlines) - added} already followed", err=True)


@feeds.command(name="export")
@click.pass_obj
def export_opml(settings: Settings) -> None:
    """Print the feeds followed as an OPML 2.0 subscription list."""
    from newsreader.ingest.feeds.opml import Outline, write_opml

    with settings.open(create=False) as library:
        followed = library.feeds.all()
    write_document(write_opml(Outline(feed.url, feed.title, feed.site_url)
                              for feed in followed), is_json=False)


def named(library: Library, names: tuple[str, ...]) -> list[Feed]:
    """The feeds the arguments name; a name that matches none is an error, and nothing
    is done."""
    found: list[Feed] = []
    for name in names:
        feed = library.feeds.find(name)
        if feed is None:
            raise click.ClickException(f"no feed named {name}; see `newsreader feeds list`")
        found.append(feed)
    return found


