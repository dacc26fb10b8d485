"""Each import format's parser reads its hand-made fixture (tests/data/import-formats/,
built from the formats' public descriptions) into items and annotations, and a file that
is not that format is refused with a reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from newsreader.ingest.interchange import (
    hypothesis,
    instapaper,
    omnivore,
    pocket,
    readwise,
    w3c,
    wallabag,
)
from newsreader.ingest.interchange.model import FormatError, Parsed
from newsreader.ingest.interchange.values import normalise_url, timestamp

from .conftest import ROOT

FORMATS_DIR = ROOT / "tests" / "data" / "import-formats"


def omnivore_zip(folder: str = "") -> bytes:
    """The Omnivore fixture folder as the zip Omnivore sends (optionally inside a folder)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((FORMATS_DIR / "omnivore").rglob("*")):
            if path.is_file():
                name = path.relative_to(FORMATS_DIR / "omnivore").as_posix()
                archive.write(path, f"{folder}{name}")
    return buffer.getvalue()


def _read(name: str) -> bytes:
    return (FORMATS_DIR / name).read_bytes()


def test_pocket_rows_become_items_to_fetch() -> None:
    parsed = pocket.parse(_read("pocket.csv"), "pocket.csv")
    tide, harbour = parsed.items
    assert (tide.url, tide.title, tide.tags, tide.archived) == (
        "https://example.org/tide-tables", "The Tide Tables", ("sea", "almanac"), False)
    assert tide.saved == "2023-11-14T22:13:20Z" and tide.content is None
    assert harbour.archived and harbour.tags == ()
    assert [(p.where, p.reason) for p in parsed.problems] == [
        ("pocket.csv line 4", "the row has no url")]


def test_instapaper_folders_become_flags_and_tags() -> None:
    parsed = instapaper.parse(_read("instapaper.csv"), "instapaper.csv")
    tide, rope, anchors = parsed.items
    assert tide.favourite and not tide.archived and tide.tags == ("sea",)
    assert tide.note == "High water comes an hour later each day."
    assert rope.tags == ("Sailing",) and not rope.archived and not rope.favourite
    assert anchors.archived and anchors.saved == "2023-11-14T22:20:00Z"
    assert [p.where for p in parsed.problems] == ["instapaper.csv line 5"]


def test_readwise_locations_and_tag_lists() -> None:
    parsed = readwise.parse(_read("readwise.csv"), "readwise.csv")
    assert [item.url for item in parsed.items] == [
        "https://example.org/tide-tables", "https://example.org/knots",
        "https://example.org/starred"]
    tide, knots, starred = parsed.items
    assert tide.tags == ("sea", "almanac") and tide.saved == "2023-11-14T22:13:20Z"
    assert knots.archived and not knots.favourite
    assert starred.favourite and starred.tags == ("best",)
    assert [p.reason for p in parsed.skipped] == ["a feed item, not saved to the library"]
    assert [p.where for p in parsed.problems] == ["readwise.csv line 6"]


def test_wallabag_entries_with_content_flags_and_annotations() -> None:
    parsed = wallabag.parse(_read("wallabag.json"), "wallabag.json")
    forecast, unfetched = parsed.items
    assert forecast.content is not None and b"thirty-one sea areas" in forecast.content
    assert (forecast.archived, forecast.favourite, forecast.tags) == (True, True,
                                                                     ("sea", "weather"))
    assert forecast.saved == "2023-03-04T09:20:30Z" and forecast.byline == "Tom Ferry"
    quotes = [a.quote.exact if a.quote else None for a in forecast.annotations]
    assert quotes[0] == "in an order that never changes"
    assert [note.body for note in forecast.annotations[0].notes] == ["The order never changes."]
    assert forecast.annotations[1].notes == ()
    assert len({a.key for a in forecast.annotations}) == 3
    assert unfetched.content is None
    assert [p.reason for p in parsed.problems] == ["it has no url"]


@pytest.mark.parametrize("folder", ["", "omnivore-export/"])
def test_omnivore_zip_items_content_and_highlights(folder: str) -> None:
    parsed = omnivore.parse(omnivore_zip(folder), "export.zip")
    ledger, tide = parsed.items
    assert ledger.archived and ledger.tags == ("history", "coast")
    assert ledger.saved == "2024-01-02T03:04:05Z" and ledger.byline == "Ada Marsh"
    assert ledger.content is not None and ledger.content_kind == "html"
    page_note, first, across, apostrophe, missing = ledger.annotations
    assert page_note.quote is None and page_note.notes[0].body == "Read this on the ferry."
    assert first.quote is not None and first.quote.exact.startswith("The archivists believe")
    assert first.tags == ("maritime", "archives")
    assert [note.body for note in first.notes] == ["Worth a visit to the archive."]
    assert across.quote is not None and across.quote.exact == (
        "say more in a page than the ledger says in a decade.\n\nWhen the light was automated")
    assert apostrophe.quote is not None and missing.quote is not None
    assert tide.content is None and tide.annotations == ()
    assert [p.reason for p in parsed.skipped] == ["deleted in Omnivore"]
    assert [p.reason for p in parsed.problems] == ["it has no url"]


def test_hypothesis_rows_quotes_notes_and_replies() -> None:
    parsed = hypothesis.parse(_read("hypothesis.json"), "h.json")
    pencil, page_note, elsewhere = parsed.annotations
    assert pencil.target == "http://EXAMPLE.org/lighthouse-ledger/#margins"
    quote = pencil.annotation.quote
    assert quote is not None and (quote.exact, quote.start, quote.end) == (
        "a single word appears in pencil", 612, 643)
    assert quote.prefix == "in the margin of a February page, "
    assert pencil.annotation.tags == ("margins", "pencil")
    assert pencil.annotation.created == "2024-05-06T07:08:09Z"
    assert page_note.annotation.quote is None
    assert elsewhere.target == "https://example.com/another-article"
    assert [p.reason for p in parsed.skipped] == ["a reply to another annotation"]
    assert [(p.where, p.reason) for p in parsed.problems] == [
        ("h.json annotation 5", "it has no uri")]


def test_a_bare_hypothesis_list_is_read_too() -> None:
    rows = (b'[{"id": "a", "uri": "https://example.org/x", "text": "hi",'
            b' "target": [{"source": "https://example.org/x"}]}]')
    assert len(hypothesis.parse(rows, "list.json").annotations) == 1


def test_w3c_page_with_refined_selectors_tags_and_article_notes() -> None:
    parsed = w3c.parse(_read("w3c-foreign.jsonld"), "w.jsonld")
    goats, dusk, whole = parsed.annotations
    assert goats.annotation.quote is not None
    assert goats.annotation.quote.exact == "kept goats on a rock with no grass"
    assert goats.annotation.tags == ("animals",)
    assert [note.body for note in goats.annotation.notes] == ["Goats on a bare rock!"]
    assert dusk.annotation.color == "green" and dusk.annotation.quote is not None
    assert (dusk.annotation.quote.start, dusk.annotation.quote.end) == (1020, 1044)
    assert whole.annotation.quote is None
    assert whole.annotation.notes[0].body == "A note on the whole article."
    assert [(p.where, p.reason) for p in parsed.problems] == [
        ("w.jsonld annotation 4", "it has no target address")]


def test_a_single_w3c_annotation_and_a_list_are_read() -> None:
    one = (b'{"type": "Annotation", "id": "x", "target": {"source": "https://e.org/a", '
           b'"selector": {"type": "TextQuoteSelector", "exact": "word"}}}')
    assert len(w3c.parse(one, "one").annotations) == 1
    assert len(w3c.parse(b"[" + one + b"," + one + b"]", "two").annotations) == 2


@pytest.mark.parametrize(("parse", "data", "reason"), [
    (pocket.parse, b"name,address\nx,y\n", "not a Pocket export: no url column"),
    (instapaper.parse, b"", "cannot read it as CSV"),
    (readwise.parse, b"\x00\x01\x02\x03" * 50, "cannot read it as CSV"),
    (wallabag.parse, b"{not json", "it is not JSON"),
    (wallabag.parse, b'{"a": 1}', "not a list of entries"),
    (hypothesis.parse, b'{"total": 0}', 'neither a "rows" list nor a list'),
    (w3c.parse, b"42", "no Web Annotation"),
    (w3c.parse, b'{"type": "AnnotationCollection", "first": "https://e.org/page1"}',
     "pages are links"),
    (omnivore.parse, b"PK not really a zip", "not a zip file"),
    (omnivore.parse, b"", "not a zip file"),
])
def test_a_file_of_another_kind_is_refused_with_its_reason(parse, data: bytes,  # type: ignore[no-untyped-def]
                                                          reason: str) -> None:
    with pytest.raises(FormatError, match=reason.replace("(", r"\(")):
        parse(data, "file")


def test_an_omnivore_zip_without_metadata_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content/a.html", "<p>text</p>")
    with pytest.raises(FormatError, match="no metadata"):
        omnivore.parse(buffer.getvalue(), "export.zip")


def test_a_bad_omnivore_listing_is_one_problem(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metadata_0_to_1.json", "[{oops")
        archive.writestr("metadata_1_to_2.json", '[{"url": "https://e.org/a", "slug": "a"}]')
    parsed: Parsed = omnivore.parse(buffer.getvalue(), "export.zip")
    assert [item.url for item in parsed.items] == ["https://e.org/a"]
    assert [p.where for p in parsed.problems] == ["export.zip: metadata_0_to_1.json"]


@pytest.mark.parametrize(("url", "normal"), [
    ("HTTPS://Example.ORG/Path/", "https://example.org/Path"),
    ("http://example.org/a?b=1#section", "https://example.org/a?b=1"),
    ("https://example.org:443/", "https://example.org"),
    ("https://example.org:8080/x", "https://example.org:8080/x"),
    ("urn:newsreader:abc", "urn:newsreader:abc"),
])
def test_addresses_are_normalised_for_matching(url: str, normal: str) -> None:
    assert normalise_url(url) == normal


@pytest.mark.parametrize(("value", "expected"), [
    (1700000000, "2023-11-14T22:13:20Z"),
    ("1700000000000", "2023-11-14T22:13:20Z"),
    ("2023-03-04T10:20:30+0100", "2023-03-04T09:20:30Z"),
    ("2024-01-02T03:04:05.000Z", "2024-01-02T03:04:05Z"),
    ("2022-11-06 04:33:50+00:00", "2022-11-06T04:33:50Z"),
    ("yesterday", None),
    (True, None),
])
def test_times_are_read_as_utc(value: object, expected: str | None) -> None:
    assert timestamp(value) == expected
