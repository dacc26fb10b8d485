"""Typing a search into the library at 100,000 articles: does the UI ever stall?

In a headless app (120x40) over a generated library (``library_scale.build``, reused from
``--dir`` when complete), types queries after ``/`` one key at a time, ``--gap`` ms apart,
while a probe on the event loop records how late a 5 ms sleep wakes up (the UI's stall).
Printed per query: the worst and median loop lag while typing, and the time from the last
key to the results on screen. For comparison: the same search run on the UI thread (what
the lag would be without the worker). Target: worst lag under 50 ms.

    .venv/bin/python benchmarks/tui_search.py [--size 100000] [--dir /tmp/newsreader-bench]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from library_scale import build

from newsreader.domain.search_query import parse
from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.library import LibraryScreen

QUERIES = ("market police", "river flood", "the council", "tag:politics is:unread", "gov")


async def _probe(lags: list[float], stop: asyncio.Event) -> None:
    """Record how late each 5 ms sleep wakes: the time the loop was busy elsewhere."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.005)
        lags.append(time.perf_counter() - started - 0.005)


async def measure(path: Path, gap: float) -> None:
    """Type each query and print its lags and time to results."""
    with Library(path) as library:
        app = NewsreaderApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            while not isinstance(app.screen, LibraryScreen):
                await pilot.pause()
            screen = app.screen
            await pilot.press("slash")
            for query in QUERIES:
                await pilot.press("ctrl+a", "ctrl+k")
                await pilot.pause(0.3)
                lags: list[float] = []
                stop = asyncio.Event()
                probe = asyncio.create_task(_probe(lags, stop))
                for key in query:
                    await pilot.press("space" if key == " " else key)
                    await asyncio.sleep(gap)
                typed = time.perf_counter()
                while screen.search_text != query:
                    await asyncio.sleep(0.002)
                shown = time.perf_counter() - typed
                stop.set()
                await probe
                sync = time.perf_counter()
                library.search.run(parse(query), limit=101)
                sync = time.perf_counter() - sync
                print(f"{query!r:26} worst lag {max(lags) * 1000:5.1f} ms, median "
                      f"{statistics.median(lags) * 1000:4.1f} ms; results {shown * 1000:5.0f} ms "
                      f"after the last key; on the UI thread it would block {sync * 1000:4.0f} ms")


def main() -> None:
    """Build or reuse the library, then measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/newsreader-bench"))
    parser.add_argument("--gap", type=float, default=60, help="ms between keys")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"library-{args.size}.db"
    build(path, args.size)
    asyncio.run(measure(path, args.gap / 1000))


if __name__ == "__main__":
    main()
