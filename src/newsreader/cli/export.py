"""Commands that take data out of the library and put it back: export and restore."""

from __future__ import annotations

import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsreader.cli.output import say, say_json, write_document
from newsreader.cli.shared import ARTICLE_ID, Settings, complete_paths, get_article
from newsreader.storage import DamagedArticleError, Library

if TYPE_CHECKING:
    from newsreader.exporting.templates import RegionTemplate

_DEFAULT_NAMES = {"w3c": "newsreader-annotations.jsonld", "json": "newsreader-backup.jsonl"}


@click.command()
@click.argument("article_ids", metavar="[ARTICLE]...", type=ARTICLE_ID, nargs=-1)
@click.option("--out", "out", required=True, metavar="DIR", shell_complete=complete_paths,
              help="The folder to write to (created if needed), or - for standard output. "
                   "For w3c and json it may also be a file name.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "w3c", "json"]),
              default="markdown", show_default=True,
              help="markdown: one file per article; w3c: a Web Annotation collection "
                   "(JSON-LD); json: a full backup (JSON Lines) for `newsreader restore`.")
@click.option("--with-article", is_flag=True,
              help="Markdown: include the article itself after the highlights.")
@click.option("--force", is_flag=True,
              help="Markdown: replace generated regions even where they were edited by hand.")
@click.option("--preset", type=click.Choice(["default", "readwise", "logseq"]),
              help="Markdown: a built-in layout (default: export_preset in the settings "
                   "file, else default).")
@click.option("--template", "template_path", metavar="FILE", shell_complete=complete_paths,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Markdown: lay out each file's generated region with this Jinja2 "
                   "template (variables in the README).")
@click.option("--json", "as_json", is_flag=True,
              help="Print what happened to each file as JSON (not with --out -).")
@click.pass_obj
def export(settings: Settings, article_ids: tuple[int, ...], out: str, fmt: str,
           with_article: bool, force: bool, preset: str | None,
           template_path: Path | None, as_json: bool) -> None:
    """Export highlights and notes (all annotated articles, or the ARTICLE ids given).

    Markdown files keep your own text outside the generated markers, are found again
    by their newsreader-id when renamed or moved, and are not rewritten when nothing
    changed. The exit status is 1 if a file was left alone because it was edited.
    """
    if fmt == "json" and article_ids:
        raise click.UsageError("a json backup always covers the whole library; "
                               "name no ARTICLE")
    if preset and template_path:
        raise click.UsageError("give --preset or --template, not both")
    if as_json and out == "-":
        raise click.UsageError("--json reports on the files written; with --out - the "
                               "export itself is printed")
    template = _template(preset, template_path) if fmt == "markdown" else None
    with settings.open(create=False) as library:
        ids = _checked(library, article_ids)
        damaged: list[DamagedArticleError] = []
        if fmt == "w3c" or (fmt == "markdown" and out == "-"):
            ids, damaged = _readable(library, ids)
        failed = False
        try:
            if fmt == "markdown":
                failed = _export_markdown(library, ids, out, with_article=with_article,
                                          force=force, template=template, as_json=as_json)
            else:
                _export_document(library, ids, out, fmt, damaged, as_json=as_json)
        except OSError as error:
            where = error.filename or out
            raise click.ClickException(
                f"cannot write to {where}: {error.strerror or error}") from None
    if not as_json:
        for unreadable in damaged:
            say(str(unreadable), err=True)
    if failed or damaged:
        sys.exit(1)


def _checked(library: Library, article_ids: tuple[int, ...]) -> list[int] | None:
    for article_id in article_ids:
        with suppress(DamagedArticleError):  # reported with the export; the others go out
            get_article(library, article_id)
    return list(dict.fromkeys(article_ids)) or None


def _readable(library: Library,
              ids: list[int] | None) -> tuple[list[int], list[DamagedArticleError]]:
    """The articles to export that can be read, and the damaged ones, left out."""
    wanted = library.annotations.annotated_article_ids() if ids is None else ids
    damaged = library.integrity.damaged(wanted)
    left_out = {error.article_id for error in damaged}
    return [i for i in wanted if i not in left_out], damaged


def _template(preset: str | None, path: Path | None) -> RegionTemplate:
    """The layout asked for: the option given, else the settings file's, else default."""
    from newsreader.exporting.templates import TemplateProblem, template_file
    from newsreader.exporting.templates import preset as built_in
    from newsreader.storage.config import load_config

    if preset is None and path is None:
        config = load_config().config
        preset, path = config.export_preset, config.export_template
    try:
        return template_file(path) if path is not None else built_in(preset or "default")
    except TemplateProblem as error:
        raise click.ClickException(str(error)) from None


def _export_markdown(library: Library, ids: list[int] | None, out: str, *,
                     with_article: bool, force: bool, template: RegionTemplate | None,
                     as_json: bool) -> bool:
    """Export to Markdown and say how it went; True if a file was refused or failed."""
    from newsreader.exporting import export_markdown, render_all
    from newsreader.exporting.templates import TemplateProblem

    try:
        if out == "-":
            for data in render_all(library, ids, with_article=with_article, template=template):
                write_document(data.decode("utf-8"), is_json=False)
            return False
        report = export_markdown(library, ids, Path(out), with_article=with_article,
                                 force=force, template=template)
    except TemplateProblem as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        say_json({
            "format": "markdown",
            "out": str(report.out_dir),
            "results": [{"article_id": result.article_id, "title": result.title,
                         "status": result.status,
                         "path": None if result.path is None else str(result.path),
                         "reason": result.reason} for result in report.results],
            "same_id_as": [{"file": str(copy), "updated": str(kept)}
                           for copy, kept in report.duplicates],
        })
        return bool(report.refused or report.failed)
    for result in report.results:
        if result.status == "refused":
            say(f"refused: {result.reason}", err=True)
        elif result.status == "skipped":
            say(f"skipped: article {result.article_id} ({result.reason})", err=True)
        elif result.status == "failed":
            say(f"failed: {result.reason}", err=True)
        else:
            say(f"{result.status:<10} {result.path}")
    for warning in report.duplicate_warnings():
        say(f"warning: {warning}", err=True)
    say(report.summary(), err=True)
    return bool(report.refused or report.failed)


def _export_document(library: Library, ids: list[int] | None, out: str, fmt: str,
                     damaged: list[DamagedArticleError], *, as_json: bool) -> None:
    """Write one w3c or json document (unless it holds that already) and say which."""
    from newsreader.exporting import backup, vault, w3c

    if fmt == "w3c":
        text = w3c.to_json(w3c.collection(library, ids))
    else:
        text = "".join(backup.backup_lines(library))
    if out == "-":
        write_document(text, is_json=True)
        return
    path = Path(out)
    if path.is_dir() or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        path = path / _DEFAULT_NAMES[fmt]
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    status = "unchanged" if path.is_file() and path.read_bytes() == data else "written"
    if status == "written":
        vault.write_atomic(path, data)
    if as_json:
        say_json({"format": fmt, "out": str(path), "status": status,
                  "left_out": [{"article_id": error.article_id, "reason": str(error)}
                               for error in damaged]})
    else:
        say(f"{status:<10} {path}")


@click.command()
@click.argument("backup_file", metavar="FILE", shell_complete=complete_paths)
@click.pass_obj
def restore(settings: Settings, backup_file: str) -> None:
    """Load a backup made by `export --format json` (FILE, or - for standard input).

    The library must be empty: use --db to restore into a new file.
    """
    from newsreader.exporting import backup

    with settings.open() as library:
        try:
            # Bytes: the backup check reads them as UTF-8 and names a line that is not.
            if backup_file == "-":
                count = backup.restore(library, sys.stdin.buffer, name="standard input")
            else:
                with open(backup_file, "rb") as handle:
                    count = backup.restore(library, handle, name=backup_file)
        except OSError as error:
            raise click.ClickException(
                f"cannot read {backup_file}: {error.strerror or error}") from None
    say(f"restored {count} article(s) into {settings.db_path}")
