"""How long the TUI takes to show the library, at 1k, 10k and 100k articles.

Builds each library in a temporary file (one real article through the Library API, then
copies of its row made with plain SQL, which is quick), then times, in a headless Textual
app: the first frame of the library screen, a jump to the last article (``G``), and a
filter typed into ``/``. Run: ``.venv/bin/python benchmarks/tui_open.py [sizes...]``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from newsreader.domain.models import Article, Block
from newsreader.storage import Library, Original
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.library import LibraryScreen


def build(path: Path, size: int) -> None:
    """A library of ``size`` articles (copies of one, with distinct titles and dates)."""
    with Library(path) as library:
        article = Article(title="Article 0", blocks=(Block("paragraph", "Body text."),),
                          site="example.com")
        library.articles.add(article, Original(b"seed", "seed.txt", "file", "text"),
                             cleaner_version="b")
        conn = library.db.conn
        conn.execute("BEGIN")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO articles (uid, source, source_kind, title, site, saved_at, updated_at, "
            "current_revision_id) SELECT 'u' || i, 'src' || i || '.txt', 'file', "
            "'Article number ' || i, 'site' || (i % 97) || '.example', "
            "printf('2025-%02d-%02dT00:00:%02dZ', 1 + i % 12, 1 + i % 28, i % 60), "
            "'2025-01-01T00:00:00Z', (SELECT current_revision_id FROM articles LIMIT 1) FROM n",
            [size - 1],
        )
        conn.execute("COMMIT")


async def measure(path: Path) -> tuple[float, float, float]:
    """Seconds to the library's first frame, to ``G``, and to a filtered list."""
    with Library(path) as library:
        started = time.perf_counter()
        app = NewsreaderApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            while not isinstance(app.screen, LibraryScreen):
                await pilot.pause()
            await pilot.pause()
            opened = time.perf_counter() - started
            started = time.perf_counter()
            await pilot.press("G")
            last = time.perf_counter() - started
            started = time.perf_counter()
            await pilot.press("slash", *"number 99")
            app.screen.search_now()
            await pilot.pause()
            filtered = time.perf_counter() - started
    return opened, last, filtered


def main(sizes: list[int]) -> None:
    """Print one line per library size."""
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "library.db"
            build(path, size)
            opened, last, filtered = asyncio.run(measure(path))
            print(f"{size:>7,} articles: library shown {opened * 1000:6.0f} ms, "
                  f"G {last * 1000:5.0f} ms, filter typed {filtered * 1000:5.0f} ms")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 100_000])
