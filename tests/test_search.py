"""Search: the query language, ranking with snippets, filters, tags, archive, favourites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.domain.search_query import QueryError, parse
from newsreader.ingest.importing import import_sources
from newsreader.storage import Library
from newsreader.storage.search import MATCH_END, MATCH_START

STORIES = {
    "harbour.txt": ("Harbour barrier approved\n\nA standfirst\n\nThe council approved the tidal "
                    "barrier after a long debate about flooding in the harbour."),
    "orchard.txt": ("Orchards fight frost\n\nAnother standfirst\n\nGrowers use drones to watch "
                    "for frost; the harbour town buys their apples."),
    "transit.txt": ("Transit authority fined\n\nThird standfirst\n\nSignal failures cost the "
                    "transit authority millions in fines."),
}


@pytest.fixture
def filled(library: Library, tmp_path: Path) -> dict[str, int]:
    ids = {}
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text)
        result = import_sources(library, [str(tmp_path / name)]).results[0]
        ids[name.split(".")[0]] = result.article_id or 0
    return ids


def test_parse_words_phrases_prefixes_and_filters() -> None:
    query = parse('tidal "long debate" harb* tag:news site:example.org is:unread has:notes')
    assert query.match == '"tidal" "long debate" "harb"*'
    assert (query.tags, query.sites, query.flags, query.has) == (
        ("news",), ("example.org",), ("unread",), ("notes",))


@pytest.mark.parametrize("bad", ['"unclosed', "is:nonsense", "has:everything", "tag:"])
def test_malformed_queries_say_why(bad: str) -> None:
    with pytest.raises(QueryError):
        parse(bad)


def test_fts_operators_in_user_text_are_taken_literally(library: Library,
                                                        filled: dict[str, int]) -> None:
    assert library.search.run(parse("AND OR NOT ( ) ^ : harbour")) == []


def test_ranked_results_with_marked_snippets(library: Library, filled: dict[str, int]) -> None:
    hits = library.search.run(parse("harbour"))
    assert [hit.article.id for hit in hits] == [filled["harbour"], filled["orchard"]]
    assert f"{MATCH_START}harbour{MATCH_END}" in hits[0].snippet.lower()


def test_phrase_and_prefix(library: Library, filled: dict[str, int]) -> None:
    hits = library.search.run(parse('"tidal barrier"'))
    assert [h.article.id for h in hits] == [filled["harbour"]]
    assert [h.article.id for h in library.search.run(parse('"barrier tidal"'))] == []
    assert [h.article.id for h in library.search.run(parse("dron*"))] == [filled["orchard"]]


def test_tags_flags_and_archive(library: Library, filled: dict[str, int]) -> None:
    library.tags.update(filled["transit"], add=["Rail", "money"])
    assert library.tags.of(filled["transit"]) == ["money", "Rail"]
    assert library.tags.in_use() == ["money", "Rail"]
    assert [h.article.id for h in library.search.run(parse("tag:rail"))] == [filled["transit"]]
    library.tags.update(filled["transit"], remove=["money"])
    assert library.tags.of(filled["transit"]) == ["Rail"]
    library.articles.set_read(filled["orchard"], True)
    unread = {h.article.id for h in library.search.run(parse("is:unread"))}
    assert unread == {filled["harbour"], filled["transit"]}
    library.articles.set_favourite(filled["harbour"], True)
    assert [h.article.id for h in library.search.run(parse("is:favourite"))] == [filled["harbour"]]
    library.articles.set_archived(filled["harbour"], True)
    assert [h.article.id for h in library.search.run(parse("harbour"))] == [filled["orchard"]]
    assert [h.article.id for h in library.search.run(parse("harbour is:archived"))] == [
        filled["harbour"]]
    assert filled["harbour"] not in [a.id for a in library.articles.page()]
    assert filled["harbour"] in [a.id for a in library.articles.page(include_archived=True)]


def test_highlights_and_notes_are_searchable_and_kept_in_step(
    library: Library, filled: dict[str, int]
) -> None:
    article_id = filled["transit"]
    text = library.articles.get(article_id).article.text
    start = text.index("Signal failures")
    made = library.annotations.add_highlight(article_id, start, start + len("Signal failures"))
    assert library.search.run(parse("signal"), scope="highlights")[0].highlight_id == made.id
    library.annotations.set_highlight_note(made.id, "ask the regulator about penalties")
    assert [h.highlight_id for h in library.search.run(parse("regulator"), scope="highlights")] == [
        made.id]
    assert [h.article.id for h in library.search.run(parse("has:highlights"))] == [article_id]
    library.annotations.delete_highlight(made.id)
    assert library.search.run(parse("regulator"), scope="highlights") == []
    note = library.annotations.add_article_note(filled["orchard"], "remember the apple prices")
    assert [h.article.id for h in library.search.run(parse("apple prices"))] == [filled["orchard"]]
    library.annotations.update_note(note.id, "something else entirely")
    assert library.search.run(parse("apple prices")) == []
    library.articles.delete(filled["orchard"])
    assert library.search.run(parse("drones")) == []


def test_cli_search_json_and_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    runner = CliRunner()
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text)
    runner.invoke(main, ["--db", db, "add", str(tmp_path)])
    runner.invoke(main, ["--db", db, "tag", "1", "flood"])
    payload = json.loads(runner.invoke(main, ["--db", db, "search", "harbour", "--json"]).output)
    assert [hit["title"] for hit in payload] == ["Harbour barrier approved", "Orchards fight frost"]
    assert "[harbour]" in payload[0]["snippet"].lower()
    tagged = json.loads(runner.invoke(main, ["--db", db, "search", "tag:flood", "--json"]).output)
    assert [hit["article_id"] for hit in tagged] == [1]
    bad = runner.invoke(main, ["--db", db, "search", '"oops'])
    assert bad.exit_code == 1 and "quotation mark is not closed" in bad.output
    assert "Traceback" not in bad.output
    runner.invoke(main, ["--db", db, "archive", "1"])
    listed = runner.invoke(main, ["--db", db, "list", "--json"]).output
    assert 1 not in [a["id"] for a in json.loads(listed)]


def test_very_common_words_rank_only_the_newest_matches(
    library: Library, filled: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.storage.search as search_module

    assert len(library.search.run(parse("the"))) == 3
    monkeypatch.setattr(search_module, "RANKED_MATCHES", 2)
    newest_two = {filled["orchard"], filled["transit"]}
    assert {hit.article.id for hit in library.search.run(parse("the"))} == newest_two
