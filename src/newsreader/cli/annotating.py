"""Commands for highlights and notes: for scripts, tests, and people who like a shell."""

from __future__ import annotations

import sys
from contextlib import suppress
from typing import Any

import click

from newsreader.cli.output import say, say_json
from newsreader.cli.shared import ARTICLE_ID, ProgressBar, Settings, get_article
from newsreader.domain.anchoring import find_quote
from newsreader.domain.models import Highlight, Note
from newsreader.storage import DamagedArticleError
from newsreader.storage.annotations import COLORS


@click.command()
@click.argument("article_id", metavar="ARTICLE", type=ARTICLE_ID)
@click.option("--quote", required=True, help="The exact text to highlight.")
@click.option("--occurrence", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which occurrence of the quote, when it appears more than once.")
@click.option("--color", type=click.Choice(COLORS), default=COLORS[0], show_default=True,
              help="Highlight colour.")
@click.option("--note", "note_text", default=None, help="A note to attach to the highlight.")
@click.option("--json", "as_json", is_flag=True, help="Print the highlight as JSON.")
@click.pass_obj
def highlight(settings: Settings, article_id: int, quote: str, occurrence: int, color: str,
              note_text: str | None, as_json: bool) -> None:
    """Highlight a quote in an article (ARTICLE is its id), optionally with a note."""
    with settings.open() as library:
        text = get_article(library, article_id).article.text
        span = find_quote(text, quote, occurrence)
        if span is None:
            where = "" if occurrence == 1 else f" {occurrence} times"
            raise click.ClickException(f"the quote is not in article {article_id}{where}")
        made = library.annotations.add_highlight(article_id, *span, color=color, note=note_text)
    if as_json:
        say_json(highlight_json(made))
    else:
        say(f"highlight {made.id} added to article {article_id}")


@click.command()
@click.argument("article_id", metavar="ARTICLE", type=ARTICLE_ID)
@click.argument("text")
@click.pass_obj
def note(settings: Settings, article_id: int, text: str) -> None:
    """Add a note on a whole article (ARTICLE is its id)."""
    with settings.open() as library:
        get_article(library, article_id)
        made = library.annotations.add_article_note(article_id, text)
    say(f"note {made.id} added to article {article_id}")


@click.command()
@click.argument("article_id", metavar="[ARTICLE]", type=ARTICLE_ID, required=False)
@click.option("--json", "as_json", is_flag=True, help="Print highlights and notes as JSON.")
@click.pass_obj
def notes(settings: Settings, article_id: int | None, as_json: bool) -> None:
    """List highlights and their notes, for one article or the whole library."""
    with settings.open(create=False) as library:
        if article_id is not None:
            with suppress(DamagedArticleError):  # its highlights and notes can still be read
                get_article(library, article_id)
        found = library.annotations.highlights(article_id)
        ids = [article_id] if article_id is not None else sorted({h.article_id for h in found})
        article_notes = {i: library.annotations.article_notes(i) for i in ids}
        damaged = library.integrity.damaged(ids)
    if as_json:
        say_json({
            "highlights": [highlight_json(h) for h in found],
            "article_notes": [_note_json(n) for i in ids for n in article_notes[i]],
        })
        _report_damaged(damaged)
        return
    if not found and not any(article_notes.values()):
        say("No highlights or notes yet.", err=True)
    for item in found:
        place = "orphan" if item.start is None else f"{item.start}-{item.end}"
        say(f"[{item.id}] article {item.article_id} {place} ({item.status}, "
            f"{item.color}): “{item.exact}”")
        for attached in item.notes:
            say(f"    note: {attached.body}")
    for i in ids:
        for attached in article_notes[i]:
            say(f"article {i} note: {attached.body}")
    _report_damaged(damaged)


def _report_damaged(damaged: list[DamagedArticleError]) -> None:
    """Name each damaged article (its notes were listed all the same); status 1 if any."""
    for error in damaged:
        say(str(error), err=True)
    if damaged:
        sys.exit(1)


@click.command()
@click.argument("article_ids", metavar="[ARTICLE]...", type=ARTICLE_ID, nargs=-1)
@click.pass_obj
def reclean(settings: Settings, article_ids: tuple[int, ...]) -> None:
    """Clean saved articles again from their stored originals, re-anchoring highlights."""
    from newsreader.ingest.importing import reclean as run_reclean

    with settings.open() as library:
        for article_id in article_ids:
            with suppress(DamagedArticleError):  # its original can still be cleaned again
                get_article(library, article_id)
        progress = ProgressBar.on_terminal("Cleaning again")
        try:
            results = run_reclean(library, list(article_ids) or None, progress=progress)
        finally:
            if progress is not None:
                progress.close()
        changed = [i for i, did in results if did]
        orphans = [h for i in changed for h in library.annotations.highlights(i)
                   if h.status == "orphan"]
    say(f"{len(changed)} of {len(results)} article(s) changed")
    for item in orphans:
        say(f"orphaned highlight {item.id} in article {item.article_id}: “{item.exact}”",
            err=True)


def highlight_json(item: Highlight) -> dict[str, Any]:
    """A highlight as ``notes --json`` prints it."""
    return {
        "id": item.id, "uid": item.uid, "article_id": item.article_id, "exact": item.exact,
        "prefix": item.prefix, "suffix": item.suffix, "start": item.start, "end": item.end,
        "color": item.color, "status": item.status, "score": item.score,
        "notes": [_note_json(n) for n in item.notes],
        "created": item.created, "updated": item.updated,
    }


def _note_json(item: Note) -> dict[str, Any]:
    return {"id": item.id, "article_id": item.article_id, "highlight_id": item.highlight_id,
            "body": item.body, "created": item.created, "updated": item.updated}
