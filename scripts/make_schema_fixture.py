"""Write tests/data/library-schema-1.db: a library made by schema 1, the first release.

Run once per released schema (never again for that schema): the file is kept so that every
later newsreader is tested to open and upgrade it without loss.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.ingest.importing import import_sources
from newsreader.storage import Library
from newsreader.storage.migrations import MIGRATIONS

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Build the fixture library from two sample articles, with every kind of annotation."""
    target = ROOT / "tests" / "data" / f"library-schema-{len(MIGRATIONS)}.db"
    if target.exists():
        print(f"{target} exists: fixtures of released schemas are never remade", file=sys.stderr)
        return 1
    samples = ROOT / "sample_articles"
    with Library(target, clock=lambda: "2026-11-28T00:00:00Z") as library:
        report = import_sources(library, [
            str(samples / "islamabad-warns-afghan-taliban.txt"),
            str(samples / "harbour-council-votes-on-tidal-barrier.html"),
        ])
        first, second = (result.article_id or 0 for result in report.results)
        text = library.articles.get(first).article.text
        start = text.index("concrete and verifiable steps")
        made = library.annotations.add_highlight(first, start, start + 29, color="green",
                                                 note="the core demand")
        library.annotations.add_article_note(first, "Follow up after the Istanbul round.")
        library.tags.update(first, add=["south-asia", "diplomacy"])
        library.articles.set_read(first, True)
        library.articles.set_reading_position(first, 1200)
        library.articles.set_archived(second, True)
        library.articles.set_favourite(second, True)
        print(f"wrote {target} (highlight {made.id})")
        library.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        library.db.conn.execute("PRAGMA journal_mode = DELETE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
