"""Imports into a library: highlights land on their text with the right status, items
become articles (tags, flags, saved time) or addresses to fetch, what matches no article
is reported, and importing again adds nothing."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from newsreader.exporting.w3c import collection, to_json
from newsreader.ingest.importing import import_sources
from newsreader.ingest.interchange.importer import ImportReport, import_files
from newsreader.storage import Library

from .test_import_formats import FORMATS_DIR, omnivore_zip

LEDGER = str(FORMATS_DIR / "lighthouse.html")
LEDGER_URL = "https://example.org/lighthouse-ledger"


def _rows(library: Library) -> dict[str, int]:
    return {table: library.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "revisions", "highlights", "notes", "article_tags",
                          "pending")}


def _ledger(library: Library) -> tuple[int, str]:
    """Save the ledger page as `add` does; its id and canonical text."""
    report = import_sources(library, [LEDGER])
    article_id = report.results[0].article_id
    assert article_id is not None
    return article_id, library.articles.get(article_id).article.text


def _import(library: Library, format_name: str, path: Path | str) -> ImportReport:
    return import_files(library, format_name, [str(path)])


def _by_quote(library: Library, article_id: int) -> dict[str, tuple[str, int | None, int | None,
                                                                     list[str], str]]:
    return {h.exact: (h.status, h.start, h.end, [n.body for n in h.notes], h.color)
            for h in library.annotations.highlights(article_id)}


def test_w3c_annotations_land_on_their_text(library: Library) -> None:
    article_id, text = _ledger(library)
    report = _import(library, "w3c", FORMATS_DIR / "w3c-foreign.jsonld")
    found = _by_quote(library, article_id)
    status, start, end, notes, _ = found["kept goats on a rock with no grass"]
    assert status == "exact" and start is not None and end is not None
    assert text[start:end] == "kept goats on a rock with no grass"
    assert notes == ["Goats on a bare rock!"]
    # The quote occurs twice; the position given picks the second, in the last paragraph.
    status, start, end, _, color = found["the lamp was lit at dusk"]
    assert (status, start, color) == ("exact", text.rfind("the lamp was lit at dusk"), "green")
    assert [n.body for n in library.annotations.article_notes(article_id)] == [
        "A note on the whole article."]
    assert library.tags.of(article_id) == ["animals"]
    assert [(r.where, r.error) for r in report.failures] == [
        (f"{FORMATS_DIR / 'w3c-foreign.jsonld'} annotation 4", "it has no target address")]


def test_hypothesis_annotations_are_placed_and_the_unmatched_reported(
        library: Library) -> None:
    article_id, text = _ledger(library)
    report = _import(library, "hypothesis", FORMATS_DIR / "hypothesis.json")
    status, start, end, notes, _ = _by_quote(library, article_id)[
        "a single word appears in pencil"]
    # Hypothesis counted positions in its own copy of the page: found by quote, elsewhere.
    assert status == "moved" and start is not None and end is not None
    assert text[start:end] == "a single word appears in pencil"
    assert notes == ["A whole night in **one** word."]
    assert library.annotations.highlights(article_id)[0].created == "2024-05-06T07:08:09Z"
    assert [n.body for n in library.annotations.article_notes(article_id)] == [
        "Lovely piece; send it to Maria."]
    assert library.tags.of(article_id) == ["margins", "pencil"]
    assert report.unmatched == {"https://example.com/another-article": 1}
    assert [p.reason for p in report.skipped] == ["a reply to another annotation"]
    assert len(report.failures) == 1
    assert report.highlights()["moved"] == 1


@pytest.mark.parametrize(("format_name", "fixture"), [
    ("w3c", "w3c-foreign.jsonld"), ("hypothesis", "hypothesis.json")])
def test_importing_annotations_again_adds_nothing(library: Library, format_name: str,
                                                  fixture: str) -> None:
    _ledger(library)
    _import(library, format_name, FORMATS_DIR / fixture)
    before = _rows(library)
    again = _import(library, format_name, FORMATS_DIR / fixture)
    assert _rows(library) == before
    assert {r.status for r in again.results if r.status != "failed"} == {"unchanged"}
    placed = again.highlights()
    assert placed["duplicate"] > 0
    assert placed["exact"] + placed["moved"] + placed["fuzzy"] + placed["orphan"] == 0


def test_our_own_w3c_export_comes_back_exactly(tmp_path: Path) -> None:
    with Library(tmp_path / "a.db") as first, Library(tmp_path / "b.db") as second:
        article_id, _ = _ledger(first)
        _import(first, "hypothesis", FORMATS_DIR / "hypothesis.json")
        first.annotations.add_highlight(article_id, 0, 11, color="blue", note="Opening.")
        exported = tmp_path / "annotations.jsonld"
        exported.write_text(to_json(collection(first)), encoding="utf-8")
        json.loads(exported.read_text(encoding="utf-8"))

        other_id, _ = _ledger(second)
        report = _import(second, "w3c", exported)
        assert not report.failures and not report.unmatched
        mine = {(h.exact, h.start, h.end, h.color, tuple(n.body for n in h.notes), h.uid)
                for h in first.annotations.highlights(article_id)}
        theirs = {(h.exact, h.start, h.end, h.color, tuple(n.body for n in h.notes), h.uid)
                  for h in second.annotations.highlights(other_id)}
        assert theirs == mine
        assert {h.status for h in second.annotations.highlights(other_id)} == {"exact"}
        assert ([n.body for n in second.annotations.article_notes(other_id)]
                == [n.body for n in first.annotations.article_notes(article_id)])

        before = _rows(first)
        again = _import(first, "w3c", exported)
        assert not again.failures and again.highlights()["duplicate"] == 2
        assert _rows(first) == before


def test_omnivore_export_becomes_articles_with_highlights(library: Library,
                                                          tmp_path: Path) -> None:
    archive = tmp_path / "omnivore.zip"
    archive.write_bytes(omnivore_zip())
    report = _import(library, "omnivore", archive)
    assert [r.status for r in report.results] == ["failed", "added", "pending"]
    assert report.failures[0].where.endswith("metadata_0_to_4.json item 4")
    article_id = report.results[1].article_id
    assert article_id is not None
    stored = library.articles.get(article_id)
    assert stored.article.title == "The Lighthouse Keeper's Ledger"
    assert stored.saved == "2024-01-02T03:04:05Z"
    listed = library.articles.page(include_archived=True)[0]
    assert listed.archived and not listed.favourite
    assert library.tags.of(article_id) == ["archives", "coast", "history", "maritime"]
    found = _by_quote(library, article_id)
    statuses = sorted(status for status, *_ in found.values())
    assert statuses == ["exact", "exact", "fuzzy", "orphan"]
    text = stored.article.text
    for quote, (status, start, end, _, _) in found.items():
        if status == "exact":
            assert text[start:end] == quote
    fuzzy = next(v for q, v in found.items() if v[0] == "fuzzy")
    assert text[fuzzy[1]:fuzzy[2]] == "The inspectors’ reports, bound separately"
    assert found["the keeper played the fiddle every Sunday evening"][1] is None
    assert [p.url for p in library.pending.all()] == ["https://example.org/tide-tables"]

    before = _rows(library)
    again = _import(library, "omnivore", archive)
    assert _rows(library) == before
    assert [r.status for r in again.results] == ["failed", "unchanged", "already pending"]


def test_an_item_already_in_the_library_is_merged_not_replaced(library: Library,
                                                               tmp_path: Path) -> None:
    article_id, text = _ledger(library)
    archive = tmp_path / "omnivore.zip"
    archive.write_bytes(omnivore_zip())
    report = _import(library, "omnivore", archive)
    merged = next(r for r in report.results if r.status == "merged")
    assert merged.article_id == article_id
    assert library.articles.get(article_id).article.text == text
    assert _rows(library)["revisions"] == 1
    assert len(library.annotations.highlights(article_id)) == 4
    # The library's own flags and saved time stay as they were: only tags and notes add.
    assert not library.articles.page(include_archived=True)[0].archived


def test_wallabag_export_keeps_flags_tags_and_annotations(library: Library) -> None:
    report = _import(library, "wallabag", FORMATS_DIR / "wallabag.json")
    assert [r.status for r in report.results] == ["failed", "added", "pending"]
    article_id = report.results[1].article_id
    assert article_id is not None
    summary = library.articles.page(include_archived=True)[0]
    assert (summary.title, summary.archived, summary.favourite) == (
        "Reading the Shipping Forecast", True, True)
    assert summary.saved == "2023-03-04T09:20:30Z"
    assert library.tags.of(article_id) == ["sea", "weather"]
    assert library.articles.details([article_id])[article_id].byline == "Tom Ferry"
    found = _by_quote(library, article_id)
    assert found["in an order that never changes"][0] == "exact"
    assert found["in an order that never changes"][3] == ["The order never changes."]
    assert found["Wind direction comes first,   then strength\non the Beaufort scale"][0] == (
        "fuzzy")
    orphan = found["a lighthouse keeper reads it aloud to the gulls"]
    assert orphan[:3] == ("orphan", None, None)
    assert orphan[3] == ["Was this in an older version?"]
    assert [p.title for p in library.pending.all()] == ["A Page wallabag Could Not Fetch"]


@pytest.mark.parametrize(("format_name", "fixture", "expected"), [
    ("pocket", "pocket.csv", [
        ("https://example.org/tide-tables", ("sea", "almanac"), False, False),
        ("https://Example.org/harbour-lights/", (), True, False)]),
    ("instapaper", "instapaper.csv", [
        ("https://example.org/tide-tables", ("sea",), False, True),
        ("https://example.org/rope-work", ("Sailing",), False, False),
        ("https://example.org/anchors", (), True, False)]),
    ("readwise", "readwise.csv", [
        ("https://example.org/tide-tables", ("sea", "almanac"), False, False),
        ("https://example.org/knots", (), True, False),
        ("https://example.org/starred", ("best",), False, True)]),
])
def test_address_only_exports_are_kept_to_fetch(library: Library, format_name: str,
                                                 fixture: str, expected: list[object]) -> None:
    report = _import(library, format_name, FORMATS_DIR / fixture)
    assert len(report.failures) == 1 and "no url" in (report.failures[0].error or "").lower()
    kept = library.pending.all()
    assert [(p.url, p.tags, p.archived, p.favourite) for p in kept] == expected
    assert all(p.origin == format_name and p.saved for p in kept)
    assert library.articles.is_empty() and library.articles.page() == []
    again = _import(library, format_name, FORMATS_DIR / fixture)
    assert {r.status for r in again.results} == {"already pending", "failed"}
    assert library.pending.count() == len(expected)


def test_an_address_already_saved_as_an_article_is_not_kept_to_fetch(
        library: Library, tmp_path: Path) -> None:
    article_id, _ = _ledger(library)
    csv = tmp_path / "pocket.csv"
    csv.write_text("title,url,time_added,tags,status\n"
                   "Ledger,HTTPS://EXAMPLE.ORG/lighthouse-ledger/,1700000000,kept,unread\n",
                   encoding="utf-8")
    report = _import(library, "pocket", csv)
    assert [(r.status, r.article_id) for r in report.results] == [("merged", article_id)]
    assert library.pending.count() == 0 and library.tags.of(article_id) == ["kept"]


def test_text_that_cannot_be_read_is_kept_to_fetch_with_the_reason(library: Library,
                                                                   tmp_path: Path) -> None:
    export = tmp_path / "wallabag.json"
    export.write_text(json.dumps([{
        "url": "https://example.net/pictures-only", "title": "Pictures", "content":
        "<div><img src='a.png'></div>", "annotations": [{"quote": "x", "text": "y"}]}]),
        encoding="utf-8")
    report = _import(library, "wallabag", export)
    assert [r.status for r in report.results] == ["pending"]
    assert "could not be read" in (report.results[0].detail or "")
    assert "1 highlight" in (report.results[0].detail or "")


def test_a_missing_file_is_one_failure_and_the_others_still_import(
        library: Library) -> None:
    report = import_files(library, "pocket", ["/no/such/export.csv",
                                              str(FORMATS_DIR / "pocket.csv")])
    assert report.results[0].where == "/no/such/export.csv"
    assert report.results[0].error == "no such file"
    assert library.pending.count() == 2


def test_hostile_text_in_an_export_is_stored_harmless(library: Library, tmp_path: Path) -> None:
    export = tmp_path / "wallabag.json"
    escape = "\x1b]52;c;cHduZWQ=\x07\x1b[2J"
    export.write_text(json.dumps([{
        "url": f"https://example.net/hostile{escape}", "title": f"Harmless{escape} title",
        "tags": [f"tag{escape}"], "published_by": [f"Ann{escape}"],
        "content": "<p>" + "A plain paragraph of the article, long enough to be read. " * 6
                   + "</p>",
        "annotations": [{"id": 1, "quote": "A plain paragraph", "text": f"note{escape}"}],
    }, {"url": f"https://example.net/later{escape}", "title": f"Later{escape}",
        "content": ""}]), encoding="utf-8")
    report = _import(library, "wallabag", export)
    article_id = report.results[0].article_id
    assert article_id is not None
    stored = [library.articles.summary(article_id).title, *library.tags.of(article_id),
              *(n.body for h in library.annotations.highlights(article_id) for n in h.notes),
              *(p.title or "" for p in library.pending.all()),
              *(p.url for p in library.pending.all()),
              *(v for v in library.db.execute("SELECT source, url FROM articles").fetchone())]
    assert stored[0] == "Harmless title"
    assert not any("\x1b" in text or "\x07" in text for text in stored), stored


def _as_uuid_urns(data: object) -> object:
    """An export with ``urn:uuid:`` ids and bodies without ids (the Web Annotation
    spelling the W3C export moves to)."""
    if isinstance(data, dict):
        found = {key: _as_uuid_urns(value) for key, value in data.items()
                 if not (key == "id" and data.get("type") == "TextualBody")}
        old = found.get("id")
        if isinstance(old, str) and old.startswith(
                ("urn:newsreader:highlight:", "urn:newsreader:note:")):
            found["id"] = f"urn:uuid:{uuid.UUID(hex=old.rsplit(':', 1)[1])}"
        return found
    if isinstance(data, list):
        return [_as_uuid_urns(item) for item in data]
    return data


def test_uuid_urn_ids_come_back_as_the_same_annotations(library: Library,
                                                        tmp_path: Path) -> None:
    article_id, _ = _ledger(library)
    _import(library, "hypothesis", FORMATS_DIR / "hypothesis.json")
    library.annotations.add_article_note(article_id, "Second thoughts.")
    exported = tmp_path / "annotations.jsonld"
    exported.write_text(json.dumps(_as_uuid_urns(collection(library))), encoding="utf-8")
    assert "urn:newsreader:note" not in exported.read_text(encoding="utf-8")
    before = _rows(library)
    report = _import(library, "w3c", exported)
    assert not report.failures and _rows(library) == before


def test_thousands_of_addresses_are_kept_once_each_in_file_order(library: Library,
                                                                  tmp_path: Path) -> None:
    rows = [f"Item {n},https://example.org/item-{n % 1100},{1700000000 + n},,unread\n"
            for n in range(1300)]
    csv = tmp_path / "pocket.csv"
    csv.write_text("title,url,time_added,tags,status\n" + "".join(rows), encoding="utf-8")
    report = _import(library, "pocket", csv)
    assert [r.status for r in report.results] == ["pending"] * 1100 + ["already pending"] * 200
    assert [r.where for r in report.results] == [f"{csv} line {n + 2}" for n in range(1300)]
    assert library.pending.count() == 1100
