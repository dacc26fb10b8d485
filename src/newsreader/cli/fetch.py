"""``newsreader fetch``: the feeds' new entries and the pending addresses, into the library."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from newsreader.cli.feeds import named
from newsreader.cli.output import say, say_json
from newsreader.cli.shared import ProgressBar, Settings

if TYPE_CHECKING:
    from newsreader.ingest.feeds.fetching import FetchReport


@click.command()
@click.argument("names", metavar="[FEED]...", nargs=-1)
@click.option("--no-pending", is_flag=True,
              help="Leave the addresses imported without their text for later.")
@click.option("--json", "as_json", is_flag=True,
              help="Print what each feed and address gave as JSON.")
@click.pass_obj
def fetch(settings: Settings, names: tuple[str, ...], no_pending: bool, as_json: bool) -> None:
    """Fetch new entries of every feed followed (or of each FEED named) as unread
    articles, and the addresses waiting in `newsreader pending`.

    An entry's page is fetched and cleaned like `add URL`, unless the feed holds the
    whole text. Quiet unless on a terminal (for cron): only failures are printed, each
    feed or address named with its reason; the others are still fetched, and the exit
    status is then 1.
    """
    from newsreader.ingest.feeds.fetching import fetch as fetch_all

    terminal = sys.stderr.isatty()
    with settings.open() as library:
        chosen = named(library, names) if names else library.feeds.all()
        waiting = [] if names or no_pending else library.pending.all()
        progress = None if as_json else ProgressBar.on_terminal("Fetching")
        try:
            report = fetch_all(library, chosen, pending=waiting, progress=progress)
        finally:
            if progress is not None:
                progress.close()
    if as_json:
        say_json(_as_json(report))
    else:
        _say_report(report, terminal=terminal)
    if report.failed:
        sys.exit(1)


def _as_json(report: FetchReport) -> dict[str, object]:
    return {
        "added": report.added,
        "feeds": [{"feed_id": result.feed_id, "name": result.name, "status": result.status,
                   "added": result.added, "error": result.error,
                   "entries_not_read": [{"source": source, "reason": reason}
                                        for source, reason in result.entry_errors]}
                  for result in report.feeds],
        "pending": [{"url": item.url, "article_id": item.article_id, "error": item.error}
                    for item in report.pending],
    }


def _say_report(report: FetchReport, *, terminal: bool) -> None:
    """Failures, one line each; on a terminal, a last line that counts what came in."""
    for result in report.feeds:
        if result.status == "failed":
            say(f"failed: {result.name}: {result.error}", err=True)
        for source, reason in result.entry_errors:
            say(f"entry not read: {result.name}: {source}: {reason}", err=True)
    for item in report.pending:
        if item.error:
            say(f"failed: {item.url}: {item.error}", err=True)
    if terminal:
        unchanged = sum(1 for result in report.feeds if result.status == "not modified")
        say(f"{report.added} new article(s) from {len(report.feeds)} feed(s)"
            + (f" ({unchanged} unchanged)" if unchanged else "")
            + (f" and {len(report.pending)} pending address(es)" if report.pending else ""),
            err=True)
