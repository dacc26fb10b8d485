"""A damaged row is one article's problem (issue 16, item 6): the article says so clearly,
and listing, searching, the other articles, notes and exports keep working."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.domain.search_query import parse
from newsreader.storage import DamagedArticleError, Library, LibraryError
from newsreader.storage.serialize import read_article

from .test_export_markdown import PARAGRAPHS, add_article, highlight


def structure(library: Library, article_id: int) -> dict[str, Any]:
    """The stored structure of an article's current revision, as JSON data."""
    raw = _current(library, article_id, "structure")
    loaded: dict[str, Any] = json.loads(raw)
    return loaded


def _current(library: Library, article_id: int, column: str) -> Any:
    row = library.db.conn.execute(
        f"SELECT r.{column} FROM revisions r JOIN articles a ON a.current_revision_id = r.id "
        "WHERE a.id = ?", [article_id]).fetchone()
    return row[0]


def damage(library: Library, article_id: int, column: str, value: Any) -> None:
    """Overwrite a column of the article's current revision with raw SQL."""
    library.db.conn.execute(
        f"UPDATE revisions SET {column} = ? WHERE id = (SELECT current_revision_id FROM "
        "articles WHERE id = ?)", [value, article_id])


def _with(library: Library, article_id: int, **changes: Any) -> str:
    data = structure(library, article_id)
    data.update(changes)
    return json.dumps(data)


def _without(library: Library, article_id: int, key: str) -> str:
    data = structure(library, article_id)
    del data[key]
    return json.dumps(data)


DAMAGE: dict[str, Callable[[Library, int], tuple[str, Any]]] = {
    "structure not JSON": lambda lib, i: ("structure", "{not json"),
    "structure a list": lambda lib, i: ("structure", "[1, 2]"),
    "structure without title": lambda lib, i: ("structure", _without(lib, i, "title")),
    "structure without blocks": lambda lib, i: ("structure", _without(lib, i, "blocks")),
    "title a number": lambda lib, i: ("structure", _with(lib, i, title=5)),
    "blocks not a list": lambda lib, i: ("structure", _with(lib, i, blocks={"a": 1})),
    "block of an unknown kind": lambda lib, i: (
        "structure", _with(lib, i, blocks=[["table", 0]] * len(PARAGRAPHS))),
    "more blocks than the text has": lambda lib, i: (
        "structure", _with(lib, i, blocks=[["paragraph", 0]] * 7)),
    "caption not a pair": lambda lib, i: ("structure", _with(lib, i, captions=[[1]])),
    "link past the text": lambda lib, i: (
        "structure", _with(lib, i, links=[["inline", None, "x", "https://x.test", 0, 10**6]])),
    "text a number": lambda lib, i: ("text", 42),
    "text bytes": lambda lib, i: ("text", b"\x00\xff"),
    "mark past the text": lambda lib, i: (
        "structure", _with(lib, i, marks=[["em", 0, 10**6]])),
    "mark of an unknown tag": lambda lib, i: ("structure", _with(lib, i, marks=[["script", 0, 1]])),
    "numbered item past the blocks": lambda lib, i: ("structure", _with(lib, i, ordered=[99])),
}


@pytest.fixture
def two(library: Library) -> tuple[int, int]:
    """Two articles with a highlight each; the first is the one the tests damage."""
    first = add_article(library, "Damaged story", source="/a/damaged.txt")
    second = add_article(library, "Healthy story", source="/a/healthy.txt",
                         paragraphs=("Healthy words stay readable.", "A second paragraph."))
    highlight(library, first, "quote we will highlight")
    highlight(library, second, "Healthy words")
    return first, second


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_revision_names_its_article(
        library: Library, two: tuple[int, int], kind: str) -> None:
    damaged, healthy = two
    damage(library, damaged, *DAMAGE[kind](library, damaged))
    with pytest.raises(DamagedArticleError) as caught:
        library.articles.get(damaged)
    error = caught.value
    assert isinstance(error, LibraryError)
    assert error.article_id == damaged
    assert str(error).startswith(f"article {damaged} is damaged: ")
    assert "newsreader check --repair" in str(error)
    # nothing else stops
    assert library.articles.get(healthy).article.title == "Healthy story"
    assert {a.id for a in library.articles.page()} == {damaged, healthy}
    assert library.articles.count() == 2
    hits = library.search.run(parse("story"))
    assert {hit.article.id for hit in hits} == {damaged, healthy}
    assert len(library.annotations.highlights()) == 2


@pytest.mark.parametrize("text", [None, 5, 1.5, b"bytes"])
def test_text_that_is_not_text_is_damage(text: Any) -> None:
    good = json.dumps({"title": "T", "dek": None, "byline": None, "published": None,
                       "url": None, "site": None, "blocks": [["paragraph", 0]],
                       "captions": [], "links": []})
    assert read_article(1, good, "Words.").text == "Words."
    with pytest.raises(DamagedArticleError, match="article 9 is damaged: its text"):
        read_article(9, good, text)


def test_a_damage_message_never_repeats_stored_content() -> None:
    hostile = "\x1b]52;c;cHduZWQ=\x07"
    with pytest.raises(DamagedArticleError) as caught:
        read_article(3, json.dumps({hostile: 1}), "text")
    assert hostile not in str(caught.value) and "\x1b" not in str(caught.value)


# -- the command line -------------------------------------------------------------------------

def _damaged_library(tmp_path: Path) -> tuple[str, int, int]:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        first = add_article(library, "Damaged story", source="/a/damaged.txt")
        second = add_article(library, "Healthy story", source="/a/healthy.txt",
                             paragraphs=("Healthy words stay readable.", "Another one."))
        highlight(library, first, "quote we will highlight")
        highlight(library, second, "Healthy words")
        library.annotations.add_article_note(first, "A note on the damaged one")
        damage(library, first, "structure", "{not json")
    return str(db), first, second


def test_show_says_the_article_is_damaged_in_one_line(tmp_path: Path) -> None:
    db, damaged, healthy = _damaged_library(tmp_path)
    result = CliRunner().invoke(main, ["--db", db, "show", str(damaged)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert f"article {damaged} is damaged: " in lines[0]
    assert "`newsreader check --repair`" in lines[0]
    assert "Traceback" not in result.output
    shown = CliRunner().invoke(main, ["--db", db, "show", str(healthy)])
    assert shown.exit_code == 0 and "Healthy words" in shown.output
    listed = CliRunner().invoke(main, ["--db", db, "list"])
    assert listed.exit_code == 0 and "Damaged story" in listed.output


def test_notes_report_the_damaged_article_and_go_on(tmp_path: Path) -> None:
    db, damaged, _ = _damaged_library(tmp_path)
    result = CliRunner().invoke(main, ["--db", db, "notes"])
    assert result.exit_code == 1
    assert "Healthy words" in result.stdout
    assert "quote we will highlight" in result.stdout  # its own notes are still readable
    assert f"article {damaged} is damaged: " in result.stderr
    assert "Traceback" not in result.output
    as_json = CliRunner().invoke(main, ["--db", db, "notes", "--json"])
    assert as_json.exit_code == 1
    assert len(json.loads(as_json.stdout)["highlights"]) == 2
    one = CliRunner().invoke(main, ["--db", db, "notes", str(damaged)])
    assert one.exit_code == 1
    assert "quote we will highlight" in one.stdout
    assert f"article {damaged} is damaged: " in one.stderr


@pytest.mark.parametrize("fmt", ["markdown", "w3c"])
@pytest.mark.parametrize("to_stdout", [False, True])
@pytest.mark.parametrize("named", [False, True])
def test_export_reports_the_damaged_article_and_goes_on(
        tmp_path: Path, fmt: str, to_stdout: bool, named: bool) -> None:
    db, damaged, healthy = _damaged_library(tmp_path)
    out = "-" if to_stdout else str(tmp_path / "out")
    ids = [str(damaged), str(healthy)] if named else []
    result = CliRunner().invoke(main, ["--db", db, "export", *ids, "--out", out,
                                       "--format", fmt])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"article {damaged} is damaged: " in result.stderr
    if to_stdout:
        written = result.stdout
    else:
        written = "".join(p.read_text(encoding="utf-8")
                          for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert "Healthy words" in written
    assert "quote we will highlight" not in written


@pytest.mark.parametrize("fmt", ["markdown", "w3c"])
def test_export_json_names_the_damaged_article(tmp_path: Path, fmt: str) -> None:
    db, damaged, healthy = _damaged_library(tmp_path)
    result = CliRunner().invoke(main, ["--db", db, "export", "--out", str(tmp_path / "out"),
                                       "--format", fmt, "--json"])
    assert result.exit_code == 1 and result.stderr == ""
    report = json.loads(result.stdout)
    if fmt == "w3c":
        assert [item["article_id"] for item in report["left_out"]] == [damaged]
    else:
        statuses = {r["article_id"]: r["status"] for r in report["results"]}
        assert statuses == {damaged: "failed", healthy: "written"}


def test_reclean_rebuilds_a_damaged_article_from_its_original(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nSome words to keep.\n\nMore words.\n", encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text("# Another page\n\nOther words.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "add", str(page), str(other)]).exit_code == 0
    with Library(db) as library:
        damaged = library.articles.find_id(str(page.resolve()))
        assert damaged is not None
        damage(library, damaged, "structure", "{not json")
        problems = library.integrity.check()
        assert f"newsreader reclean {damaged}" in problems[0].message
    for args in ([], [str(damaged)]):  # the whole library, or the article named
        result = runner.invoke(main, ["--db", db, "reclean", *args])
        assert result.exit_code == 0, result.output
        shown = runner.invoke(main, ["--db", db, "show", str(damaged)])
        assert shown.exit_code == 0 and "Some words to keep." in shown.stdout
        with Library(db) as library:
            assert library.integrity.check() == []
            damage(library, damaged, "text", b"\xff")
