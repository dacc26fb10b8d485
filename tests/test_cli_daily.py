"""The commands a daily user reaches for: read/unread, delete, tags, full JSON listings,
newline-delimited JSON, notes from stdin or $EDITOR, reclean's dry run and re-anchoring
counts."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsreader.cli import main
from newsreader.domain.models import Article, Block
from newsreader.storage import Library, Original

STORY = ("A story\n\nThe opening sentence sets the scene.\n\n"
         "The passage we highlight sits here.\n\nThe closing words end it.\n")


def _run(db: Path, *args: str, input: str | None = None,
         env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], input=input, env=env)


def _json(db: Path, *args: str) -> Any:
    result = _run(db, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _lines(db: Path, *args: str) -> list[dict[str, Any]]:
    result = _run(db, *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A library with two articles: 1 (the story, two tags, a highlight) and 2 (tagged)."""
    path = tmp_path / "lib.db"
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    other = tmp_path / "other.txt"
    other.write_text("Another story\n\nShort and plain.\n")
    assert _run(path, "add", str(story), str(other)).exit_code == 0
    assert _run(path, "tag", "1", "Python", "news").exit_code == 0
    assert _run(path, "tag", "2", "news").exit_code == 0
    assert _run(path, "highlight", "1", "--quote", "passage we highlight").exit_code == 0
    return path


def test_read_and_unread_change_what_list_says(db: Path) -> None:
    assert _run(db, "read", "1", "2").exit_code == 0
    assert [a["read"] for a in _json(db, "list", "--json")] == [True, True]
    result = _run(db, "unread", "2")
    assert (result.exit_code, result.stdout) == (0, "unread: 1 article(s)\n")
    read = {a["id"]: a["read"] for a in _json(db, "list", "--json")}
    assert read == {1: True, 2: False}
    missing = _run(db, "read", "9")
    assert missing.exit_code == 1 and "no article with id 9" in missing.stderr


def test_list_json_has_everything_a_script_needs(db: Path) -> None:
    assert _run(db, "read", "1").exit_code == 0
    assert _run(db, "favourite", "1").exit_code == 0
    with Library(db) as library:
        library.articles.set_reading_position(1, 40)
    entries = {a["id"]: a for a in _json(db, "list", "--json")}
    story = entries[1]
    assert set(story) >= {"id", "title", "site", "source", "url", "author", "saved",
                          "published", "read", "archived", "favourite", "tags", "highlights",
                          "reading_position", "word_count"}
    assert (story["tags"], story["read"], story["favourite"], story["archived"]) == (
        ["news", "Python"], True, True, False)
    assert (story["highlights"], story["reading_position"]) == (1, 40)
    assert story["word_count"] == 17  # the title is not part of the text
    assert entries[2]["tags"] == ["news"] and entries[2]["read"] is False
    assert _run(db, "archive", "2").exit_code == 0
    archived = {a["id"]: a["archived"] for a in _json(db, "list", "--json", "--archived")}
    assert archived == {1: False, 2: True}


def test_list_json_carries_url_and_author(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        article = Article(title="Web story", byline="Ana Writer", url="https://example.com/a",
                          blocks=(Block("paragraph", "Words."),))
        library.articles.add(article, Original(b"<p>Words.</p>", "https://example.com/a",
                                               "url", "html"), cleaner_version="t")
    [entry] = _json(db, "list", "--json")
    assert (entry["url"], entry["author"]) == ("https://example.com/a", "Ana Writer")


def test_nl_prints_one_json_object_per_line(db: Path) -> None:
    listed = _lines(db, "list", "--nl")
    assert [entry["id"] for entry in listed] == [a["id"] for a in _json(db, "list", "--json")]
    assert listed[0] == _json(db, "list", "--json")[0]
    hits = _lines(db, "search", "passage", "--in", "all", "--nl")
    assert [hit["kind"] for hit in hits] == ["article", "highlight"]
    assert _run(db, "note", "1", "An article note").exit_code == 0
    rows = _lines(db, "notes", "--nl")
    assert [(row["kind"], row.get("exact") or row.get("body")) for row in rows] == [
        ("highlight", "passage we highlight"), ("article_note", "An article note")]


def test_tags_lists_each_tag_with_its_count(db: Path) -> None:
    result = _run(db, "tags")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["     2  news", "     1  Python"]
    assert _json(db, "tags", "--json") == [{"name": "news", "count": 2},
                                           {"name": "Python", "count": 1}]
    assert _lines(db, "tags", "--nl") == [{"name": "news", "count": 2},
                                          {"name": "Python", "count": 1}]


def test_tags_on_a_library_without_any(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    Library(db).close()
    result = _run(db, "tags")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "No tags yet" in result.stderr


def test_delete_with_yes_removes_the_article_and_its_highlights(db: Path) -> None:
    result = _run(db, "delete", "1", "--yes")
    assert (result.exit_code, result.stdout) == (0, "deleted 1 article(s)\n")
    assert [a["id"] for a in _json(db, "list", "--json")] == [2]
    assert _json(db, "notes", "--json") == {"highlights": [], "article_notes": []}


def test_delete_without_a_terminal_or_yes_refuses_and_deletes_nothing(db: Path) -> None:
    result = _run(db, "delete", "1", input="y\n")  # CliRunner's stdin is not a terminal
    assert result.exit_code == 1
    assert result.stderr == ("Error: deleting needs a yes: run it in a terminal to be asked, "
                             "or add --yes\n")
    assert len(_json(db, "list", "--json")) == 2


def test_delete_of_an_unknown_id_deletes_none_of_the_others(db: Path) -> None:
    result = _run(db, "delete", "2", "9", "--yes")
    assert result.exit_code == 1
    assert "no article with id 9" in result.stderr
    assert len(_json(db, "list", "--json")) == 2


@pytest.mark.parametrize(("answer", "left"), [("y", [2]), ("n", [2, 1])])
def test_delete_in_a_terminal_asks_first(db: Path, answer: str, left: list[int]) -> None:
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsreader", "--db", str(db), "delete", "1"],
            stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.write(controller, f"{answer}\n".encode())
        out, err = process.communicate(timeout=20)
    finally:
        os.close(controller)
        os.close(terminal)
    assert "A story, 1 highlight(s) and their notes" in out.decode()
    assert "Delete 1 article(s) for good? [y/N]" in out.decode()
    assert process.returncode == (0 if answer == "y" else 1), err
    assert [a["id"] for a in _json(db, "list", "--json")] == left


def test_note_from_standard_input(db: Path) -> None:
    result = _run(db, "note", "1", "-", input="A note\nover two lines\n")
    assert result.exit_code == 0, result.output
    notes = _json(db, "notes", "1", "--json")["article_notes"]
    assert [n["body"] for n in notes] == ["A note\nover two lines"]


def test_note_from_empty_standard_input_is_refused(db: Path) -> None:
    result = _run(db, "note", "1", "-", input="  \n")
    assert (result.exit_code, result.stderr) == (1, "Error: no note added: it is empty\n")


def test_note_without_text_says_how_to_give_it(db: Path) -> None:
    result = _run(db, "note", "1")
    assert result.exit_code == 2
    assert "give the note's text, - to read it from standard input, or --edit" in result.stderr


def _editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that writes ``body`` into the file it is given, after what was there."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "before = open(path, encoding='utf-8').read()\n"
        f"open(path, 'w', encoding='utf-8').write(before + {body!r})\n")
    return f"{sys.executable} {script}"


def test_note_edit_opens_the_editor(db: Path, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "written in the editor\n")
    result = _run(db, "note", "1", "--edit", env={"EDITOR": editor, "VISUAL": ""})
    assert (result.exit_code, result.stdout) == (0, "note 1 added to article 1\n")
    result = _run(db, "note", "1", "Begun.", "--edit", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 0, result.output
    notes = _json(db, "notes", "1", "--json")["article_notes"]
    assert [n["body"] for n in notes] == ["written in the editor",
                                          "Begun.\nwritten in the editor"]


def test_note_edit_closed_without_saving_adds_nothing(db: Path, tmp_path: Path) -> None:
    script = tmp_path / "quit.py"
    script.write_text("pass\n")
    result = _run(db, "note", "1", "--edit",
                  env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""})
    assert result.exit_code == 1
    assert result.stderr == "Error: no note added: the editor closed without saving\n"
    assert _json(db, "notes", "1", "--json")["article_notes"] == []


def _stale_library(tmp_path: Path) -> Path:
    """A library whose one article was cleaned differently from what its original gives
    now, with highlights that will move, go orphan, stay put and one that is deleted."""
    db = tmp_path / "lib.db"
    original = b"A story\n\nThe passage we highlight sits here.\n\nThe closing words end it.\n"
    stale = Article(title="A story", blocks=(
        Block("paragraph", "An opening sentence that the cleaner now drops."),
        Block("paragraph", "The passage we highlight sits here."),
        Block("paragraph", "The closing words end it.")))
    with Library(db) as library:
        article_id = library.articles.add(
            stale, Original(original, str(tmp_path / "story.txt"), "file", "text"),
            cleaner_version="old").article_id
        text = stale.text
        for quote in ("passage we highlight", "cleaner now drops", "closing words"):
            start = text.index(quote)
            library.annotations.add_highlight(article_id, start, start + len(quote))
        library.annotations.delete_highlight(3)
    return db


def _state(db: Path) -> tuple[object, ...]:
    with Library(db) as library:
        return (library.articles.get(1).revision_id,
                [(h.id, h.start, h.status) for h in library.annotations.highlights(1)],
                library.db.execute("SELECT count(*) FROM anchors").fetchone())


def test_reclean_dry_run_counts_placements_and_writes_nothing(tmp_path: Path) -> None:
    db = _stale_library(tmp_path)
    before = _state(db)
    expected = {"exact": 0, "moved": 1, "fuzzy": 0, "orphan": 1}
    assert _json(db, "reclean", "--dry-run", "--json") == [
        {"article_id": 1, "changed": True, "anchoring": expected}]
    assert _state(db) == before
    plain = _run(db, "reclean", "--dry-run")
    assert plain.stdout == ("article 1: highlights would be placed 0 exact, 1 moved, 0 fuzzy, "
                            "1 orphaned\n1 of 1 article(s) would change (dry run: nothing "
                            "written)\n")
    assert _state(db) == before
    assert _json(db, "reclean", "--json") == [
        {"article_id": 1, "changed": True, "anchoring": expected}]
    assert _state(db) != before
    assert _json(db, "reclean", "--dry-run", "--json") == [
        {"article_id": 1, "changed": False, "anchoring": None}]


def test_add_of_a_changed_source_prints_how_highlights_moved(db: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY.replace("The opening sentence sets the scene.\n\n", ""))
    result = _run(db, "add", str(story))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split() == [
        "highlights", "placed", "again:", "0", "exact,", "1", "moved,", "0", "fuzzy,", "0",
        "orphaned"]
    story.write_text(STORY)
    [entry] = _json(db, "add", str(story), "--json")["results"]
    assert (entry["status"], entry["anchoring"]) == (
        "restored", {"exact": 0, "moved": 1, "fuzzy": 0, "orphan": 0})


def test_add_of_a_changed_source_with_highlights_in_place_prints_no_counts(
        db: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY + "\nA new last paragraph.\n")
    result = _run(db, "add", str(story))
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["updated", "(new", "revision)", "1", "A", "story"]
    [entry] = _json(db, "add", str(story), "--json")["results"]
    assert entry["status"] == "unchanged"


def test_locate_config_prints_where_settings_are_read(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    result = _run(db, "locate", "config", env={"XDG_CONFIG_HOME": str(tmp_path / "xdg"),
                                               "NEWSREADER_CONFIG": ""})
    assert result.stdout == f"{tmp_path / 'xdg' / 'newsreader' / 'config.toml'}\n"
    chosen = tmp_path / "mine.toml"
    result = _run(db, "locate", "config", env={"NEWSREADER_CONFIG": str(chosen)})
    assert result.stdout == f"{chosen}\n"
    assert _run(db, "locate").stdout == f"{db}\n"


def test_nl_and_tags_print_hostile_text_harmlessly(db: Path) -> None:
    hostile = "evil\x1b]0;pwned\x07\u202eright\u0085"
    with Library(db) as library:  # as an old library or a restored backup could hold them
        library.db.execute("UPDATE articles SET title = ? WHERE id = 1", [hostile])
        library.db.execute("UPDATE tags SET name = ? WHERE name = 'Python'", [hostile])
        library.db.conn.commit()
    for args in (["list", "--nl"], ["tags", "--nl"], ["tags"], ["search", "news", "--nl"]):
        result = _run(db, *args)
        assert result.exit_code == 0, result.output
        assert not any(c in result.stdout for c in "\x1b\x07\u202e\u0085"), args
    listed = {entry["id"]: entry for entry in _lines(db, "list", "--nl")}
    assert listed[1]["title"] == hostile and hostile in listed[1]["tags"]
    assert {"name": hostile, "count": 1} in _lines(db, "tags", "--nl")
