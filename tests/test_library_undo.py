"""Storage for the library screen: undoable deletion, word counts, unread and favourite
counts and filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.domain.models import Article, Block
from newsreader.domain.reading_time import count_words, reading_label
from newsreader.domain.search_query import parse
from newsreader.storage import Library, LibraryError, NotFoundError, Original


def _add(library: Library, title: str, text: str, source: str) -> int:
    article = Article(title=title, blocks=(Block("paragraph", text),))
    original = Original(f"{source}:{text}".encode(), source, "file", "text")
    return library.articles.add(article, original, cleaner_version="test").article_id


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.db")


def test_deleted_article_comes_back_whole(library: Library) -> None:
    kept = _add(library, "Kept", "Other words entirely.", "kept.txt")
    gone = _add(library, "Harbour news", "The harbour reopened after the storm.", "h.txt")
    highlight = library.annotations.add_highlight(gone, 4, 11, color="green")
    library.annotations.set_highlight_note(highlight.id, "a note on it")
    library.annotations.add_article_note(gone, "about the article")
    library.tags.update(gone, add=["ports"])
    library.articles.set_favourite(gone, True)
    before = library.articles.get(gone)

    deleted = library.deletions.delete(gone)
    assert deleted.title == "Harbour news"
    with pytest.raises(NotFoundError):
        library.articles.get(gone)
    assert library.articles.count() == 1
    assert not library.search.run(parse("harbour"))
    assert library.tags.of(kept) == []

    library.deletions.restore(deleted)
    after = library.articles.get(gone)
    assert after == before
    assert library.articles.count() == 2
    assert library.tags.of(gone) == ["ports"]
    [hl] = library.annotations.highlights(gone)
    assert hl.exact == "harbour" and [n.body for n in hl.notes] == ["a note on it"]
    assert [hit.article.id for hit in library.search.run(parse("harbour"))] == [gone]
    assert [hit.highlight_id for hit in library.search.run(parse("note"),
                                                            scope="highlights")] == [hl.id]
    [summary] = [s for s in library.articles.page() if s.id == gone]
    assert summary.favourite
    assert library.integrity.check() == []
    assert [note.body for note in library.annotations.article_notes(gone)] == [
        "about the article"]


def test_deleting_a_missing_article_is_not_found(library: Library) -> None:
    with pytest.raises(NotFoundError):
        library.deletions.delete(42)


def test_restore_refuses_when_the_id_was_taken(library: Library) -> None:
    gone = _add(library, "First", "Some words.", "a.txt")
    deleted = library.deletions.delete(gone)
    taken = _add(library, "Second", "Other words.", "b.txt")
    assert taken == gone  # SQLite gives the freed id to the next article
    with pytest.raises(LibraryError, match="could not be brought back"):
        library.deletions.restore(deleted)
    assert [s.title for s in library.articles.page()] == ["Second"]


def test_word_count_is_stored_with_each_revision(library: Library) -> None:
    text = " ".join(["word"] * 1610)
    article_id = _add(library, "Long", text, "long.txt")
    [summary] = library.articles.page()
    assert summary.id == article_id and summary.word_count == count_words(text) == 1610
    assert reading_label(summary.word_count) == "7 min"


def test_unread_and_favourite_filters_and_counts(library: Library) -> None:
    ids = [_add(library, f"Article {n}", f"Words number {n}.", f"{n}.txt") for n in range(4)]
    library.articles.set_read(ids[0], True)
    library.articles.set_favourite(ids[1], True)
    library.articles.set_archived(ids[2], True)
    assert library.articles.unread_count() == 2
    assert library.articles.unread_count(include_archived=True) == 3
    unread = library.articles.page(only=("unread",))
    assert sorted(s.id for s in unread) == [ids[1], ids[3]]
    assert library.articles.count(only=("unread",)) == 2
    assert [s.id for s in library.articles.page(only=("favourite",))] == [ids[1]]
    assert library.articles.count(only=("favourite", "unread")) == 1
    assert library.articles.count(only=("unread",), include_archived=True) == 3


def test_upgrade_counts_the_words_of_existing_articles(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "library-schema-2.db", copy)
    with Library(copy) as library:
        summaries = library.articles.page(limit=1000, include_archived=True)
        assert summaries
        for summary in summaries:
            text = library.articles.get(summary.id).article.text
            assert summary.word_count == count_words(text)
