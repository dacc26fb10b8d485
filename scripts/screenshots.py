"""Regenerate the README screenshots (SVG) in docs/screenshots/ from the sample articles.

Run from the repository: ``.venv/bin/python scripts/screenshots.py``. The library is built
in a temporary file with a fixed clock and theme, so the pictures change only when the UI
(or the samples) do.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Sequence
from pathlib import Path

from newsreader.ingest.importing import import_sources
from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.library import LibraryScreen

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
SEED = SAMPLES / "islamabad-warns-afghan-taliban.txt"
OUT = ROOT / "docs" / "screenshots"
THEME = "textual-dark"


async def shoot(library: Library, name: str, size: tuple[int, int], *,
                article_id: int | None = None, keys: Sequence[str] = ()) -> Path:
    """Run the app headless at ``size``, press ``keys``, save ``name``.svg."""
    app = NewsreaderApp(library, open_article_id=article_id, theme=THEME)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if article_id is None:
            while not isinstance(app.screen, LibraryScreen):
                await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        path = Path(app.save_screenshot(f"{name}.svg", str(OUT)))
    return path


def _annotate(library: Library, article_id: int) -> None:
    """Two highlights with notes and a tag, so the pictures show what annotating looks like."""
    text = library.articles.get(article_id).article.text
    for quote, color, note in (
        ("demanding “concrete and verifiable steps” from Kabul", "yellow", "The core demand."),
        ("the arguments presented by the Taliban are illogical", "blue", None),
    ):
        start = text.index(quote)
        library.annotations.add_highlight(article_id, start, start + len(quote), color=color,
                                          note=note)
    library.annotations.add_article_note(article_id, "Compare with the Doha round.")
    library.tags.update(article_id, add=["south-asia"])


async def main() -> None:
    """The library, the reader wide and narrow (panels toggled), help, the highlights."""
    OUT.mkdir(parents=True, exist_ok=True)
    clock = "2026-01-01T09:30:00Z"
    with (tempfile.TemporaryDirectory() as folder,
          Library(Path(folder) / "library.db", clock=lambda: clock) as lib):
        report = import_sources(lib, [str(SAMPLES)])
        for failure in report.failures:
            print(f"not imported: {failure.source}: {failure.error}")
        seed = lib.articles.find_id(str(SEED))
        assert seed is not None, "the seed did not import"
        _annotate(lib, seed)
        shots = [
            await shoot(lib, "library", (120, 30)),
            await shoot(lib, "reader", (140, 40), article_id=seed),
            await shoot(lib, "reader-narrow", (80, 24), article_id=seed, keys=["c", "l"]),
            await shoot(lib, "help", (100, 36), article_id=seed, keys=["question_mark"]),
            await shoot(lib, "highlights", (120, 30), keys=["H"]),
        ]
    for shot in shots:
        print(shot.relative_to(ROOT))


if __name__ == "__main__":
    asyncio.run(main())
