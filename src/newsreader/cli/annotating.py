"""Commands for highlights and notes: for scripts, tests, and people who like a shell."""

from __future__ import annotations

import sys
from contextlib import suppress
from dataclasses import asdict
from typing import Any

import click

from newsreader.cli.output import say, say_json, say_json_lines
from newsreader.cli.shared import ARTICLE_ID, ProgressBar, Settings, get_article, newline_json
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
@click.argument("text", required=False)
@click.option("--edit", is_flag=True,
              help="Write the note in $EDITOR (starting from TEXT, if given).")
@click.pass_obj
def note(settings: Settings, article_id: int, text: str | None, edit: bool) -> None:
    """Add a note on a whole article (ARTICLE is its id).

    TEXT is the note; `-` reads it from standard input; --edit opens $EDITOR (or
    $VISUAL) to write it.
    """
    if text == "-":
        text = sys.stdin.read()
    if edit:
        text = click.edit(text or "", extension=".md")
        if text is None:
            raise click.ClickException("no note added: the editor closed without saving")
    elif text is None:
        raise click.UsageError("give the note's text, - to read it from standard input, "
                               "or --edit to write it in $EDITOR")
    if not text.strip():
        raise click.ClickException("no note added: it is empty")
    with settings.open() as library:
        get_article(library, article_id)
        made = library.annotations.add_article_note(article_id, text.strip("\n"))
    say(f"note {made.id} added to article {article_id}")


@click.command()
@click.argument("article_id", metavar="[ARTICLE]", type=ARTICLE_ID, required=False)
@click.option("--json", "as_json", is_flag=True, help="Print highlights and notes as JSON.")
@newline_json
@click.pass_obj
def notes(settings: Settings, article_id: int | None, as_json: bool, as_lines: bool) -> None:
    """List highlights and their notes, for one article or the whole library.

    With --nl each line is one object: a highlight ("kind": "highlight", its notes inside)
    or a note on a whole article ("kind": "article_note").
    """
    with settings.open(create=False) as library:
        if article_id is not None:
            with suppress(DamagedArticleError):  # its highlights and notes can still be read
                get_article(library, article_id)
        found = library.annotations.highlights(article_id)
        ids = [article_id] if article_id is not None else sorted({h.article_id for h in found})
        article_notes = {i: library.annotations.article_notes(i) for i in ids}
        damaged = library.integrity.damaged(ids)
    if as_lines:
        say_json_lines([{"kind": "highlight", **highlight_json(h)} for h in found]
                       + [{"kind": "article_note", **_note_json(n)}
                          for i in ids for n in article_notes[i]])
        _report_damaged(damaged)
        return
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
@click.option("--dry-run", is_flag=True,
              help="Only say what would change and where the highlights would land; "
                   "write nothing.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one entry per article: whether it changed, and its highlights "
                   "placed exact, moved, fuzzy or orphan.")
@click.pass_obj
def reclean(settings: Settings, article_ids: tuple[int, ...], dry_run: bool,
            as_json: bool) -> None:
    """Clean saved articles again from their stored originals, re-anchoring highlights.

    Without ARTICLE ids, every article. For each article that changes, the highlights
    that did not stay exactly in place are counted: moved, fuzzy (approximate) or
    orphaned (kept, with their notes, but placed nowhere).
    """
    from newsreader.ingest.importing import reclean as run_reclean

    with settings.open(create=not dry_run) as library:
        for article_id in article_ids:
            with suppress(DamagedArticleError):  # its original can still be cleaned again
                get_article(library, article_id)
        progress = None if as_json else ProgressBar.on_terminal("Cleaning again")
        try:
            results = run_reclean(library, list(article_ids) or None, progress=progress,
                                  dry_run=dry_run)
        finally:
            if progress is not None:
                progress.close()
        changed = [r for r in results if r.changed]
        orphans = [] if dry_run else [h for r in changed
                                      for h in library.annotations.highlights(r.article_id)
                                      if h.status == "orphan"]
    if as_json:
        say_json([{"article_id": r.article_id, "changed": r.changed,
                   "anchoring": None if r.anchoring is None else asdict(r.anchoring)}
                  for r in results])
        return
    for result in changed:
        if result.anchoring is not None and result.anchoring.shifted:
            say(f"article {result.article_id}: highlights "
                + ("would be " if dry_run else "") + f"placed {result.anchoring.describe()}")
    say(f"{len(changed)} of {len(results)} article(s) "
        + ("would change (dry run: nothing written)" if dry_run else "changed"))
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
