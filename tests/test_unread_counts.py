"""The unread count the library's header shows is kept by triggers (schema step 8): it stays
equal to counting the articles, through every change, an upgrade and a repair."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.domain.models import Article, Block
from newsreader.storage import Library, Original

from .conftest import ROOT

# (operation, which article, flag): add (read or not), read/unread, archive/unarchive,
# delete, and delete followed by undo.
_OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["add", "read", "archive", "delete", "undo"]),
              st.integers(min_value=0, max_value=9), st.booleans()),
    max_size=25)


def _add(library: Library, number: int) -> int:
    article = Article(title=f"Article {number}", blocks=(Block("paragraph", f"Text {number}."),))
    original = Original(f"{number}".encode(), f"/a/{number}.txt", "file", "text")
    return library.articles.add(article, original, cleaner_version="test").article_id


def _counted(conn: sqlite3.Connection, include_archived: bool) -> int:
    flags = "0, 1" if include_archived else "0"
    return int(conn.execute(
        f"SELECT count(*) FROM articles WHERE read = 0 AND archived IN ({flags})").fetchone()[0])


@settings(max_examples=40, deadline=None)
@given(operations=_OPERATIONS)
def test_the_kept_unread_count_follows_every_change(operations: list[tuple[str, int, bool]],
                                                    ) -> None:
    with Library(":memory:") as library:
        ids: list[int] = []
        for number, (operation, which, flag) in enumerate(operations):
            if operation == "add" or not ids:
                ids.append(_add(library, number))
                if flag:
                    library.articles.set_read(ids[-1], True)
                continue
            article_id = ids[which % len(ids)]
            if operation == "read":
                library.articles.set_read(article_id, flag)
            elif operation == "archive":
                library.articles.set_archived(article_id, flag)
            else:
                deleted = library.deletions.delete(article_id)
                ids.remove(article_id)
                if operation == "undo":
                    library.deletions.restore(deleted)
                    ids.append(article_id)
            for include_archived in (False, True):
                assert library.articles.unread_count(include_archived=include_archived) == (
                    _counted(library.db.conn, include_archived))


def test_an_upgraded_library_counts_its_unread_articles(tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "data" / "library-schema-7.db", copy)
    with Library(copy) as library:
        # The fixture's first article is read, its second archived and unread.
        assert library.articles.unread_count() == 0
        assert library.articles.unread_count(include_archived=True) == 1
        assert _counted(library.db.conn, True) == 1


def test_a_wrong_unread_count_is_found_and_recounted(tmp_path: Path) -> None:
    with Library(tmp_path / "library.db") as library:
        for number in range(3):
            _add(library, number)
        library.db.conn.execute("UPDATE article_counts SET unread = 9 WHERE archived = 0")
        [problem] = library.integrity.check()
        assert problem.kind == "counts" and problem.repairable
        assert "9 unarchived articles unread; there are 3" in problem.message
        assert library.integrity.repair() == ["recounted the articles"]
        assert library.integrity.check() == []
        assert library.articles.unread_count() == 3
