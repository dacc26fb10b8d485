"""W3C Web Annotation export (issues 6 and 18): selectors over the canonical text, notes as
Markdown bodies, ``urn:uuid:`` ids that survive a re-export and come back on import."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli import main
from newsreader.exporting import w3c
from newsreader.ingest.interchange.importer import import_files
from newsreader.storage import Library

from .test_export_markdown import PARAGRAPHS, add_article, highlight


def _items(data: dict) -> list[dict]:  # type: ignore[type-arg]
    return data["first"]["items"]  # type: ignore[no-any-return]


def test_collection_shape_and_selectors(library: Library) -> None:
    article_id = add_article(library, 'W3C: "quoted" 🚀')
    made = highlight(library, article_id, "quote we will highlight", color="pink",
                     note="why it matters")
    data = w3c.collection(library)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    assert data["first"]["type"] == "AnnotationPage"
    (item,) = _items(data)
    assert item["type"] == "Annotation" and item["motivation"] == "commenting"
    assert item["id"] == f"urn:uuid:{uuid.UUID(made.uid)}"
    target = item["target"]
    assert target["source"] == "https://example.com/story"
    assert target["styleClass"] == "pink" and ".pink" in item["stylesheet"]["value"]
    quote, position = target["selector"]
    text = library.articles.get(article_id).article.text
    assert quote == {"type": "TextQuoteSelector", "exact": made.exact, "prefix": made.prefix,
                     "suffix": made.suffix}
    assert position["type"] == "TextPositionSelector"
    assert text[position["start"]:position["end"]] == "quote we will highlight"
    assert text[:position["start"]].endswith(quote["prefix"])
    assert item["body"] == [{
        "id": f"urn:uuid:{uuid.UUID(made.notes[0].uid)}", "type": "TextualBody",
        "purpose": "commenting", "format": "text/markdown", "value": "why it matters",
        "created": made.notes[0].created, "modified": made.notes[0].updated}]


def test_plain_highlights_orphans_article_notes_and_urn_sources(library: Library) -> None:
    source = "/articles/local.txt"
    article_id = add_article(library, "Local", url=None, source=source)
    plain = highlight(library, article_id, "sets the scene")
    doomed = highlight(library, article_id, "quote we will highlight")
    library.annotations.add_article_note(article_id, "on the whole thing")
    add_article(library, "Local", url=None, source=source,
                paragraphs=(PARAGRAPHS[0], "A new middle.", PARAGRAPHS[2]))
    items = _items(w3c.collection(library, [article_id]))
    uid = library.articles.uid(article_id)
    assert [uuid.UUID(i["id"]).hex for i in items[:2]] == [plain.uid, doomed.uid]
    assert items[0]["motivation"] == "highlighting" and "body" not in items[0]
    assert items[0]["target"]["source"] == f"urn:newsreader:{uid}"
    assert [s["type"] for s in items[1]["target"]["selector"]] == ["TextQuoteSelector"]
    assert items[1]["newsreader:orphan"] is True
    note = items[2]
    assert note["target"] == f"urn:newsreader:{uid}" and note["motivation"] == "commenting"
    assert note["body"]["value"] == "on the whole thing"
    # The annotation is the note: it has the note's id, and its body none of its own.
    (article_note,) = library.annotations.article_notes(article_id)
    assert note["id"] == f"urn:uuid:{uuid.UUID(article_note.uid)}" and "id" not in note["body"]


def test_ids_are_stable_and_uids_that_are_not_uuids_map_to_one(library: Library) -> None:
    article_id = add_article(library)
    made = highlight(library, article_id, "sets the scene", note="first")
    library.annotations.add_article_note(article_id, "overall")
    library.db.execute("UPDATE highlights SET uid = 'kept-from-an-old-import' WHERE id = ?",
                       [made.id])
    first = _items(w3c.collection(library))
    again = _items(w3c.collection(library))
    assert [i["id"] for i in first] == [i["id"] for i in again]
    assert first[0]["id"] == uuid.uuid5(
        uuid.NAMESPACE_URL, "urn:newsreader:highlight:kept-from-an-old-import").urn
    ids = [i["id"] for i in first] + [b["id"] for i in first for b in i.get("body", [])
                                      if isinstance(b, dict) and "id" in b]
    assert len(set(ids)) == len(ids) == 3
    assert all(uuid.UUID(i.removeprefix("urn:uuid:")).urn == i for i in ids)


def test_an_export_imported_again_changes_nothing(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene", color="pink", note="**why**")
    highlight(library, article_id, "closes the story")
    library.annotations.add_article_note(article_id, "overall")
    exported = tmp_path / "annotations.jsonld"
    exported.write_text(w3c.to_json(w3c.collection(library)), encoding="utf-8")

    def state() -> object:
        return ([(h.uid, h.color, h.exact, [(n.uid, n.body) for n in h.notes])
                 for h in library.annotations.highlights(article_id)],
                [(n.uid, n.body) for n in library.annotations.article_notes(article_id)])

    before = state()
    report = import_files(library, "w3c", [str(exported)])
    assert not report.failures and state() == before


def test_cli_writes_the_collection_to_a_folder_or_stdout(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        highlight(library, add_article(library), "sets the scene")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "export", "--format", "w3c",
                                  "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "newsreader-annotations.jsonld"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["total"] == 1
    printed = runner.invoke(main, ["--db", str(db), "export", "--format", "w3c", "--out", "-"])
    assert json.loads(printed.stdout) == data
    again = runner.invoke(main, ["--db", str(db), "export", "--format", "w3c",
                                 "--out", str(written)])
    assert "unchanged" in again.output
