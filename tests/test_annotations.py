"""Highlights and notes in the Library, and re-anchoring when an article changes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.ingest.importing import RecleanResult, import_sources, reclean
from newsreader.storage import Library, LibraryError, NotFoundError

STORY = ("A headline\n\nA standfirst for the story\n\n"
         "The first paragraph sets the scene for the reader.\n\n"
         "The second paragraph holds the quote we will highlight today.\n\n"
         "The third paragraph closes the story.")


def _story(library: Library, tmp_path: Path, text: str = STORY) -> tuple[int, Path]:
    path = tmp_path / "story.txt"
    path.write_text(text)
    result = import_sources(library, [str(path)]).results[0]
    assert result.article_id is not None
    return result.article_id, path


def _highlight(library: Library, article_id: int, quote: str, **kwargs: str):  # type: ignore[no-untyped-def]
    text = library.articles.get(article_id).article.text
    start = text.index(quote)
    return library.annotations.add_highlight(article_id, start, start + len(quote), **kwargs)


def test_highlight_stores_selectors_and_counts(library: Library, tmp_path: Path) -> None:
    article_id, _ = _story(library, tmp_path)
    made = _highlight(library, article_id, "the quote we will highlight", note="why it matters")
    assert made.exact == "the quote we will highlight"
    assert made.prefix.endswith("The second paragraph holds ")
    assert made.suffix.startswith(" today.")
    assert made.status == "exact" and made.color == "yellow"
    assert [n.body for n in made.notes] == ["why it matters"]
    assert library.articles.get(article_id).highlight_count == 1
    assert library.articles.page()[0].highlight_count == 1


def test_colour_note_delete_and_restore(library: Library, tmp_path: Path) -> None:
    article_id, _ = _story(library, tmp_path)
    made = _highlight(library, article_id, "sets the scene")
    library.annotations.set_highlight_color(made.id, "blue")
    library.annotations.set_highlight_note(made.id, "first thought")
    library.annotations.set_highlight_note(made.id, "second thought")
    again = library.annotations.get_highlight(made.id)
    assert again.color == "blue" and [n.body for n in again.notes] == ["second thought"]
    library.annotations.delete_highlight(made.id)
    assert library.annotations.highlights(article_id) == []
    assert library.articles.get(article_id).highlight_count == 0
    library.annotations.restore_highlight(made.id)
    assert [h.id for h in library.annotations.highlights(article_id)] == [made.id]
    with pytest.raises(LibraryError, match="unknown colour"):
        library.annotations.set_highlight_color(made.id, "octarine")


def test_reading_order_and_article_notes(library: Library, tmp_path: Path) -> None:
    article_id, _ = _story(library, tmp_path)
    late = _highlight(library, article_id, "closes the story")
    early = _highlight(library, article_id, "sets the scene")
    assert [h.id for h in library.annotations.highlights(article_id)] == [early.id, late.id]
    assert [h.id for h in library.annotations.highlights(order="newest")] == [early.id, late.id]
    library.annotations.add_article_note(article_id, "A note on everything")
    notes = library.annotations.article_notes(article_id)
    assert [n.body for n in notes] == ["A note on everything"]
    with pytest.raises(NotFoundError):
        library.annotations.add_article_note(999, "nowhere")


def test_changed_source_reanchors_and_keeps_orphans(library: Library, tmp_path: Path) -> None:
    article_id, path = _story(library, tmp_path)
    kept = _highlight(library, article_id, "the quote we will highlight")
    doomed = _highlight(library, article_id, "The third paragraph closes the story.")
    path.write_text(STORY.replace("The first paragraph", "A new opening paragraph.\n\nThe first "
                                  "paragraph").replace("\n\nThe third paragraph closes the story.",
                                                       ""))
    assert import_sources(library, [str(path)]).results[0].status == "updated"
    after = {h.id: h for h in library.annotations.highlights(article_id)}
    text = library.articles.get(article_id).article.text
    assert after[kept.id].status == "moved"
    assert text[after[kept.id].start or 0 : after[kept.id].end or 0] == kept.exact
    assert after[doomed.id].status == "orphan" and after[doomed.id].start is None
    # orphans last
    assert [h.id for h in library.annotations.highlights(article_id)][-1] == doomed.id


def test_reclean_unchanged_stores_nothing(library: Library, tmp_path: Path) -> None:
    article_id, _ = _story(library, tmp_path)
    revision = library.articles.get(article_id).revision_id
    assert reclean(library, [article_id]) == [RecleanResult(article_id, False)]
    assert library.articles.get(article_id).revision_id == revision


def test_cli_highlight_note_notes_json(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    path = tmp_path / "story.txt"
    path.write_text(STORY + "\n\nThe quote again: the quote we will highlight.")
    runner = CliRunner()
    runner.invoke(main, ["--db", db, "add", str(path)])
    result = runner.invoke(main, ["--db", db, "highlight", "1", "--quote",
                                  "the quote we will highlight", "--occurrence", "2",
                                  "--color", "pink", "--note", "second one"])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(main, ["--db", db, "highlight", "1", "--quote", "not there"])
    assert missing.exit_code == 1 and "the quote is not in article 1" in missing.output
    runner.invoke(main, ["--db", db, "note", "1", "About the whole piece"])
    payload = json.loads(runner.invoke(main, ["--db", db, "notes", "1", "--json"]).output)
    [item] = payload["highlights"]
    text = json.loads(runner.invoke(main, ["--db", db, "show", "1", "--json"]).output)["text"]
    assert item["start"] == text.rindex("the quote we will highlight")
    assert item["color"] == "pink" and item["status"] == "exact"
    assert [n["body"] for n in item["notes"]] == ["second one"]
    assert set(item) >= {"id", "article_id", "exact", "prefix", "suffix", "start", "end",
                         "color", "status", "notes", "created", "updated"}
    assert [n["body"] for n in payload["article_notes"]] == ["About the whole piece"]


def test_highlight_and_note_survive_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    script = textwrap.dedent(f"""
        import os, signal, sys
        from newsreader.storage import Library
        from newsreader.ingest.importing import import_sources
        from pathlib import Path
        lib = Library({str(db)!r})
        p = Path({str(tmp_path / 'story.txt')!r}); p.write_text({STORY!r})
        aid = import_sources(lib, [str(p)]).results[0].article_id
        h = lib.annotations.add_highlight(aid, 4, 20)
        lib.annotations.set_highlight_note(h.id, "kept through a kill")
        lib.annotations.add_article_note(aid, "article note too")
        print("saved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False, env={**os.environ})
    assert result.returncode == -signal.SIGKILL and "saved" in result.stdout
    with Library(db) as library:
        [item] = library.annotations.highlights()
        assert [n.body for n in item.notes] == ["kept through a kill"]
        notes = library.annotations.article_notes(item.article_id)
        assert [n.body for n in notes] == ["article note too"]
        assert library.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reclean_reports_progress(library: Library, tmp_path: Path) -> None:
    first, _ = _story(library, tmp_path)
    other = tmp_path / "other.txt"
    other.write_text(STORY.replace("A headline", "Another headline"))
    import_sources(library, [str(other)])
    seen: list[tuple[int, int]] = []
    results = reclean(library, progress=lambda done, total, _item: seen.append((done, total)))
    assert [result.article_id for result in results] == [first, first + 1]
    assert seen == [(1, 2), (2, 2)]
