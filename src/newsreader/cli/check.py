"""``newsreader check``: is the library file sound, and does it keep its own rules?"""

from __future__ import annotations

import sys

import click

from newsreader.cli.output import say, say_json
from newsreader.cli.shared import Settings


@click.command()
@click.option("--repair", is_flag=True,
              help="Fix what can be rebuilt safely: the search indexes, the counts, an "
                   "article whose current revision cannot be read (its newest readable "
                   "revision becomes current again).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def check(settings: Settings, repair: bool, as_json: bool) -> None:
    """Check the library: SQLite's integrity and foreign keys, then its own rules (every
    article has a readable current revision, the search indexes and counts are in step).

    Prints one line per problem, or "ok". The exit status is 1 if problems remain.
    Nothing is changed without --repair, and --repair never deletes anything.
    """
    with settings.open(create=False) as library:
        repaired = library.integrity.repair() if repair else []
        problems = library.integrity.check()
    if as_json:
        say_json({"ok": not problems, "repaired": repaired,
                  "problems": [{"kind": p.kind, "message": p.message,
                                "article_id": p.article_id, "repairable": p.repairable}
                               for p in problems]})
    else:
        for line in repaired:
            say(f"repaired: {line}")
        for problem in problems:
            say(problem.message)
        if repair and any(p.kind == "file" for p in problems):
            say("nothing was repaired: SQLite finds the file itself damaged, and writing to "
                "it could lose more; keep a copy and restore a backup into a new library",
                err=True)
        if not problems:
            say("ok")
    if problems:
        sys.exit(1)
