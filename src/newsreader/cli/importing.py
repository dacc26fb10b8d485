"""Commands that bring in what other tools hold: import FORMAT FILE..., and pending."""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from newsreader.cli.output import say, say_json
from newsreader.cli.shared import ProgressBar, Settings, complete_paths
from newsreader.ingest.interchange import FORMATS

if TYPE_CHECKING:
    from newsreader.ingest.interchange.importer import ImportReport, ItemStatus

_STATUS_WORDS: dict[ItemStatus, str] = {
    "added": "added",
    "merged": "merged into",
    "unchanged": "already in library",
    "pending": "kept to fetch",
    "already pending": "already kept",
    "failed": "failed",
}


@click.command(name="import")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("files", nargs=-1, required=True, shell_complete=complete_paths)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_obj
def import_command(settings: Settings, format_name: str, files: tuple[str, ...],
                   as_json: bool) -> None:
    """Import a library or annotations from another tool's export FILE(s).

    \b
    FORMAT is one of:
      w3c         Web Annotations (newsreader's own export --format w3c, or any tool's)
      hypothesis  Hypothesis API JSON (a "rows" list or a bare list)
      omnivore    Omnivore's export zip (metadata, content, highlights)
      wallabag    wallabag's JSON export
      pocket      Pocket's CSV export
      instapaper  Instapaper's CSV export
      readwise    Readwise Reader's CSV export

    Annotations attach to the articles with their web address and are placed by their
    quote; those no article matches are listed. Items with their text become articles
    (with tags, flags and highlights); items without it are kept as addresses to fetch
    later (see `newsreader pending`). Importing a file again adds nothing twice. A bad
    file, row or item is named with its reason and the rest still lands; the exit
    status is 1 if any failed.
    """
    from newsreader.ingest.interchange.importer import import_files

    with settings.open() as library:
        progress = None if as_json else ProgressBar.on_terminal("Importing")
        try:
            report = import_files(library, format_name, files, progress=progress)
        finally:
            if progress is not None:
                progress.close()
    if as_json:
        say_json({
            "format": report.format,
            "results": [asdict(result) for result in report.results],
            "unmatched": [{"target": target, "annotations": count}
                          for target, count in report.unmatched.items()],
            "skipped": [asdict(problem) for problem in report.skipped],
            "highlights": report.highlights(),
        })
    else:
        _print_report(report)
    if report.failures:
        sys.exit(1)


def _print_report(report: ImportReport) -> None:
    for result in report.results:
        if result.status == "failed":
            say(f"failed: {result.where}: {result.error}", err=True)
            continue
        number = f"{result.article_id:>6}" if result.article_id is not None else " " * 6
        say(f"{_STATUS_WORDS[result.status]:<18} {number}  {result.title or result.url}")
        if result.detail:
            say(f"{'':<26}{result.detail}", err=True)
    for target, count in report.unmatched.items():
        say(f"no article for {target}: {count} annotation(s) not imported", err=True)
    if report.skipped:
        say(f"passed over {len(report.skipped)} item(s) on purpose "
            f"(e.g. {report.skipped[0].where}: {report.skipped[0].reason})", err=True)
    counts = ", ".join(f"{report.count(status)} {_STATUS_WORDS[status]}"
                       for status in _STATUS_WORDS if report.count(status))
    placed = report.highlights()
    added = sum(placed[status] for status in ("exact", "moved", "fuzzy", "orphan"))
    highlights = (f"; highlights: {added} added ({placed['exact']} exact, {placed['moved']} "
                  f"moved, {placed['fuzzy']} fuzzy, {placed['orphan']} orphaned), "
                  f"{placed['duplicate']} already there") if added or placed["duplicate"] else ""
    say((counts or "nothing to import") + highlights, err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the addresses as a JSON list.")
@click.pass_obj
def pending(settings: Settings, as_json: bool) -> None:
    """List the addresses imported without their text, waiting to be fetched.

    Pocket, Instapaper and Readwise Reader exports hold only addresses: `import` keeps
    them here with their titles, tags and flags; `newsreader fetch` fetches them.
    """
    with settings.open(create=False) as library:
        waiting = library.pending.all()
    if as_json:
        say_json([asdict(item) for item in waiting])
        return
    if not waiting:
        say("No addresses waiting to be fetched.", err=True)
        return
    for item in waiting:
        tags = f"  [{', '.join(item.tags)}]" if item.tags else ""
        say(f"{item.id:>6}  {(item.saved or item.added or '')[:10]}  {item.url}"
            + (f"  {item.title}" if item.title else "") + tags)
    say(f"{len(waiting)} address(es) waiting to be fetched", err=True)
