"""`newsreader check [--repair]` (issue 16, item 6): SQLite's own checks and the library's
invariants, and a repair of what can be rebuilt safely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.domain.models import Article, Block
from newsreader.domain.search_query import parse
from newsreader.storage import Library, Original

from .test_damaged import damage
from .test_export_markdown import add_article, highlight


def _kinds(library: Library) -> list[str]:
    return [problem.kind for problem in library.integrity.check()]


def _revise(library: Library, source: str, *paragraphs: str, title: str) -> int:
    """Save a new version of the article saved from ``source``."""
    article = Article(title=title, blocks=tuple(Block("paragraph", p) for p in paragraphs))
    outcome = library.articles.add(
        article, Original("|".join((title, *paragraphs)).encode(), source, "file", "text"),
        cleaner_version="test")
    return outcome.article_id


@pytest.fixture
def revised(library: Library) -> int:
    """An article with two revisions (the current one the newer) and a highlight."""
    article_id = add_article(library, "First title", source="/a/story.txt",
                             paragraphs=("Old words to keep.", "Another old paragraph."))
    highlight(library, article_id, "words to keep")
    assert _revise(library, "/a/story.txt", "New words to keep.", "A new paragraph.",
                   title="Second title") == article_id
    add_article(library, "Bystander", source="/a/other.txt")
    return article_id


def test_a_healthy_library_has_no_problems(library: Library, revised: int) -> None:
    assert library.integrity.check() == []
    assert library.integrity.repair() == []


def test_a_search_index_out_of_step_is_found_and_rebuilt(library: Library, revised: int) -> None:
    conn = library.db.conn
    conn.execute("DELETE FROM articles_fts WHERE rowid = ?", [revised])
    conn.execute("INSERT INTO highlights_fts (rowid, exact, notes) VALUES (999, 'ghost', '')")
    problems = library.integrity.check()
    assert [p.kind for p in problems] == ["search_index", "search_index"]
    assert all(p.repairable for p in problems)
    assert str(revised) in problems[0].message and "999" in problems[1].message
    assert not library.search.run(parse("keep"))
    done = library.integrity.repair()
    assert any("search" in line for line in done)
    assert library.integrity.check() == []
    assert [hit.article.id for hit in library.search.run(parse("keep"))] == [revised]
    assert not library.search.run(parse("ghost"), scope="highlights")


def test_wrong_counts_are_found_and_recounted(library: Library, revised: int) -> None:
    conn = library.db.conn
    conn.execute("UPDATE article_counts SET n = 7 WHERE archived = 0")
    conn.execute("UPDATE articles SET highlight_count = 5 WHERE id = ?", [revised])
    assert library.articles.count() == 7
    assert _kinds(library) == ["counts", "counts"]
    done = library.integrity.repair()
    assert done and library.integrity.check() == []
    assert library.articles.count() == 2
    assert library.articles.get(revised).highlight_count == 1


@pytest.mark.parametrize("pointer", ["null", "missing", "another article's"])
def test_an_article_without_its_own_current_revision_is_pointed_at_its_newest(
        library: Library, revised: int, pointer: str) -> None:
    conn = library.db.conn
    newest = conn.execute("SELECT max(id) FROM revisions WHERE article_id = ?",
                          [revised]).fetchone()[0]
    other = conn.execute("SELECT max(id) FROM revisions WHERE article_id != ?",
                         [revised]).fetchone()[0]
    value = {"null": None, "missing": 12345, "another article's": other}[pointer]
    conn.execute("UPDATE articles SET current_revision_id = ? WHERE id = ?", [value, revised])
    problems = library.integrity.check()
    assert problems[0].kind == "revision" and problems[0].article_id == revised
    assert problems[0].repairable
    done = library.integrity.repair()
    assert any(f"article {revised}" in line for line in done)
    assert library.integrity.check() == []
    stored = library.articles.get(revised)
    assert stored.revision_id == newest and stored.article.title == "Second title"


def test_a_damaged_current_revision_gives_way_to_the_newest_readable_one(
        library: Library, revised: int) -> None:
    damage(library, revised, "structure", "{not json")
    problems = library.integrity.check()
    assert [(p.kind, p.article_id, p.repairable) for p in problems] == [
        ("damaged", revised, True)]
    assert problems[0].message.startswith(f"article {revised} is damaged: ")
    done = library.integrity.repair()
    assert len(done) == 1 and f"article {revised}" in done[0]
    assert library.integrity.check() == []
    stored = library.articles.get(revised)
    assert stored.article.title == "First title"
    assert [a.title for a in library.articles.page() if a.id == revised] == ["First title"]
    marked = library.annotations.highlights(revised)
    assert len(marked) == 1 and marked[0].start is not None
    assert stored.article.text[marked[0].start:marked[0].end] == "words to keep"
    assert [hit.article.id for hit in library.search.run(parse("old"))] == [revised]


def test_an_article_with_no_readable_revision_stays_a_problem(library: Library) -> None:
    article_id = add_article(library, "Only once", source="/a/once.txt")
    damage(library, article_id, "text", b"\xff")
    assert library.integrity.repair() == []
    problems = library.integrity.check()
    assert [(p.kind, p.repairable) for p in problems] == [("damaged", False)]


def test_a_broken_foreign_key_is_reported_not_repaired(library: Library) -> None:
    conn = library.db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO notes (uid, article_id, body, created_at, updated_at) "
                 "VALUES ('x', 999, 'stray', 'now', 'now')")
    conn.execute("PRAGMA foreign_keys = ON")
    problems = library.integrity.check()
    assert [(p.kind, p.repairable) for p in problems] == [("foreign_key", False)]
    assert "notes" in problems[0].message and "articles" in problems[0].message


# -- the command line -------------------------------------------------------------------------

def _library(tmp_path: Path) -> tuple[str, int]:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        article_id = add_article(library, "First title", source="/a/story.txt",
                                 paragraphs=("Old words to keep.", "Another old paragraph."))
        _revise(library, "/a/story.txt", "New words.", "More.", title="Second title")
    return str(db), article_id


def test_check_says_ok_for_a_healthy_library(tmp_path: Path) -> None:
    db, _ = _library(tmp_path)
    result = CliRunner().invoke(main, ["--db", db, "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok\n"
    as_json = CliRunner().invoke(main, ["--db", db, "check", "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == {"ok": True, "problems": [], "repaired": []}


def test_check_reports_one_line_per_problem_and_repair_fixes_them(tmp_path: Path) -> None:
    db, article_id = _library(tmp_path)
    with Library(db) as library:
        damage(library, article_id, "structure", "[]")
        library.db.conn.execute("UPDATE article_counts SET n = 9 WHERE archived = 0")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "check"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.output
    assert any(line.startswith(f"article {article_id} is damaged: ") for line in lines)
    assert "Traceback" not in result.output
    repaired = runner.invoke(main, ["--db", db, "check", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert repaired.stdout.splitlines()[-1] == "ok"
    assert any(line.startswith("repaired: ") and f"article {article_id}" in line
               for line in repaired.stdout.splitlines())
    shown = runner.invoke(main, ["--db", db, "show", str(article_id)])
    assert shown.exit_code == 0 and "Old words to keep." in shown.output
    again = runner.invoke(main, ["--db", db, "check", "--json"])
    assert json.loads(again.stdout)["ok"] is True


def test_check_exits_1_when_problems_remain_after_repair(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        article_id = add_article(library, "Only once", source="/a/once.txt")
        damage(library, article_id, "structure", "{")
    result = CliRunner().invoke(main, ["--db", str(db), "check", "--repair", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["repaired"] == []
    assert [(p["kind"], p["article_id"]) for p in report["problems"]] == [
        ("damaged", article_id)]


def test_check_of_a_path_with_no_library_makes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "lib.db"
    result = CliRunner().invoke(main, ["--db", str(missing), "check", "--repair"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "typo").exists()
