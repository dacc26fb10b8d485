"""W3C Web Annotation export (issue 6): selectors over the canonical text, notes as bodies."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli import main
from newsreader.exporting import w3c
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
    assert item["id"] == f"urn:newsreader:highlight:{made.uid}"
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
        "id": f"urn:newsreader:note:{made.notes[0].uid}", "type": "TextualBody",
        "purpose": "commenting", "format": "text/plain", "value": "why it matters",
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
    assert [i["id"].rsplit(":", 1)[1] for i in items[:2]] == [plain.uid, doomed.uid]
    assert items[0]["motivation"] == "highlighting" and "body" not in items[0]
    assert items[0]["target"]["source"] == f"urn:newsreader:{uid}"
    assert [s["type"] for s in items[1]["target"]["selector"]] == ["TextQuoteSelector"]
    assert items[1]["newsreader:orphan"] is True
    note = items[2]
    assert note["target"] == f"urn:newsreader:{uid}" and note["motivation"] == "commenting"
    assert note["body"]["value"] == "on the whole thing"


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
