"""The Library calls the TUI's search needs: tags for a page of rows, and interrupting."""

from __future__ import annotations

import sqlite3
import threading

from newsreader.domain.models import Article, Block
from newsreader.domain.search_query import parse
from newsreader.storage import Library, Original


def _add(library: Library, title: str) -> int:
    article = Article(title=title, blocks=(Block("paragraph", f"Body of {title}."),))
    original = Original(title.encode(), f"{title}.txt", "file", "text")
    return library.articles.add(article, original, cleaner_version="test").article_id


def test_tags_for_a_page_of_articles(library: Library) -> None:
    ids = [_add(library, f"Story {n}") for n in range(3)]
    library.tags.update(ids[0], add=["b", "A"])
    library.tags.update(ids[2], add=["c"])
    assert library.tags.of_each([*ids, ids[0]]) == {ids[0]: ["A", "b"], ids[2]: ["c"]}
    assert library.tags.of_each([]) == {}
    many = list(range(1, 1200))  # more ids than one statement may bind
    assert set(library.tags.of_each(many)) == {ids[0], ids[2]}


def test_interrupt_aborts_only_a_running_query(library: Library) -> None:
    _add(library, "Harbour story")
    library.search.interrupt()  # nothing running: no effect on the next query
    assert len(library.search.run(parse("harbour"))) == 1
    started, errors = threading.Event(), []

    def slow() -> None:
        # A query that runs until interrupted (recursive count to a huge number).
        started.set()
        try:
            library.db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                               "FROM n WHERE i < 1000000000) SELECT count(*) FROM n")
        except sqlite3.OperationalError as error:
            errors.append(error)

    thread = threading.Thread(target=slow)
    thread.start()
    started.wait()
    while not errors and thread.is_alive():
        library.search.interrupt()
        thread.join(0.05)
    thread.join()
    assert errors and "interrupted" in str(errors[0])
    assert len(library.search.run(parse("harbour"))) == 1
