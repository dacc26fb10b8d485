"""Commands for finding and sorting things: search, tags, read, archive and favourites."""

from __future__ import annotations

from typing import Literal

import click

from newsreader.cli.output import Bold, say, say_records
from newsreader.cli.shared import ARTICLE_ID, Settings, newline_json
from newsreader.domain.sanitize import sanitize
from newsreader.domain.search_query import QueryError, parse
from newsreader.storage import NotFoundError
from newsreader.storage.search import MATCH_END, MATCH_START, Scope, SearchHit


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--in", "scope", type=click.Choice(["articles", "highlights", "all"]),
              default="articles", show_default=True, help="What to search.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many results of each kind.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@newline_json
@click.pass_obj
def search(settings: Settings, query: tuple[str, ...], scope: Scope | Literal["all"], limit: int,
           as_json: bool, as_lines: bool) -> None:
    """Search articles, highlights and notes.

    \b
    QUERY: words (all must match), "quoted phrases", prefix*, and filters:
      tag:NAME  site:NAME  is:unread  is:read  is:archived  is:favourite
      has:highlights  has:notes
    """
    try:
        # Cleaned as stored text is; the shell hands over bytes that are not UTF-8 as lone
        # surrogates, which SQLite cannot take.
        parsed = parse(sanitize(" ".join(query)))
    except QueryError as error:
        raise click.ClickException(f"cannot search: {error}") from None
    scopes: list[Scope] = ["articles", "highlights"] if scope == "all" else [scope]
    with settings.open(create=False) as library:
        hits = [hit for kind in scopes
                for hit in library.search.run(parsed, scope=kind, limit=limit)]
    if as_json or as_lines:
        say_records([_hit_json(hit) for hit in hits], nl=as_lines)
        return
    if not hits:
        say("No matches.", err=True)
    for hit in hits:
        where = f"highlight {hit.highlight_id} in " if hit.kind == "highlights" else ""
        say(f"{hit.article.id:>6}  {where}{hit.article.title}")
        if hit.snippet:
            say("        ", *_marked(hit.snippet))


def _marked(snippet: str) -> list[str | Bold]:
    """The snippet's pieces, its matches bracketed and in bold (plain brackets when piped)."""
    pieces = snippet.replace("\n", " ").split(MATCH_START)
    out: list[str | Bold] = [pieces[0]]
    for piece in pieces[1:]:
        matched, _, rest = piece.partition(MATCH_END)
        out += [Bold(f"[{matched}]"), rest]
    return out


def _hit_json(hit: SearchHit) -> dict[str, object]:
    snippet = hit.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")
    return {"kind": hit.kind.rstrip("s"), "article_id": hit.article.id,
            "title": hit.article.title, "site": hit.article.site,
            "highlight_id": hit.highlight_id, "snippet": snippet,
            "snippet_marks": ["[", "]"]}


@click.command()
@click.argument("article_id", metavar="ARTICLE", type=ARTICLE_ID)
@click.argument("tags", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Remove these tags instead of adding them.")
@click.pass_obj
def tag(settings: Settings, article_id: int, tags: tuple[str, ...], remove: bool) -> None:
    """Add tags to an article (or remove them with --remove); prints its tags after."""
    with settings.open() as library:
        try:
            now = (library.tags.update(article_id, remove=tags) if remove
                         else library.tags.update(article_id, add=tags))
        except NotFoundError as error:
            raise click.ClickException(str(error)) from None
    say(", ".join(now) if now else "(no tags)")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the tags as JSON.")
@newline_json
@click.pass_obj
def tags(settings: Settings, as_json: bool, as_lines: bool) -> None:
    """List every tag in use with how many articles carry it (archived ones too)."""
    with settings.open(create=False) as library:
        counts = library.tags.counts()
    if as_json or as_lines:
        say_records([{"name": name, "count": count} for name, count in counts], nl=as_lines)
        return
    if not counts:
        say("No tags yet. Add some with: newsreader tag ARTICLE NAME...", err=True)
    for name, count in counts:
        say(f"{count:>6}  {name}")


def _flag_command(name: str, method: str, value: bool, help_text: str) -> click.Command:
    @click.command(name=name, help=help_text)
    @click.argument("article_ids", metavar="ARTICLE...", type=ARTICLE_ID, nargs=-1, required=True)
    @click.pass_obj
    def command(settings: Settings, article_ids: tuple[int, ...]) -> None:
        with settings.open() as library:
            for article_id in article_ids:
                try:
                    getattr(library.articles, method)(article_id, value)
                except NotFoundError as error:
                    raise click.ClickException(str(error)) from None
        say(f"{name}: {len(article_ids)} article(s)")

    return command


archive = _flag_command("archive", "set_archived", True,
                        "Archive articles: they leave the library list (is:archived finds them).")
unarchive = _flag_command("unarchive", "set_archived", False,
                          "Bring archived articles back into the library list.")
favourite = _flag_command("favourite", "set_favourite", True,
                          "Mark articles as favourites (is:favourite finds them).")
unfavourite = _flag_command("unfavourite", "set_favourite", False,
                            "Remove articles from the favourites.")
read = _flag_command("read", "set_read", True,
                     "Mark articles as read (is:read finds them; the list shows no dot).")
unread = _flag_command("unread", "set_read", False,
                       "Mark articles as unread again (is:unread finds them).")
