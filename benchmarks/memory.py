"""Peak memory with the 100,000-article library open, against the floor app.

Real terminal (tmux 120x40, ``benchlib``): newsreader is started on the library, and once
its first frame is on screen ``G`` is sent and the last article's title awaited; then the
peak resident set size (``VmHWM`` in ``/proc/PID/status``, Linux) of the newsreader
process is read. The floor app (one Static line) is read the same way once its line is
shown. Medians of ``--repeat`` runs. Target (issue 8): under 250 MB at 100,000 articles.

    .venv/bin/python benchmarks/memory.py [--sizes 1000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchlib import (
    FLOOR_APP,
    NEWSREADER,
    PYTHON,
    Session,
    describe_machine,
    ensure_server,
    median,
    peak_rss_mb,
    table,
)
from library_scale import build

from newsreader.storage import Library

TARGET_MB = 250
SETTLE = 0.5  # seconds after the last frame before reading, for anything still loading


def library_peak(path: Path, size: int) -> float:
    """Peak RSS (MB) of newsreader on the library after its first frame and ``G``."""
    with Library(path) as library:
        total = library.articles.count()
        first = library.articles.page(limit=1)[0].title[:30]
        last = library.articles.page(limit=1, offset=total - 1)[0].title[:30]
        if library.settings.get("samples_offered") is None:
            library.settings.set("samples_offered", "yes")
    run = Session([NEWSREADER, "--db", str(path)])
    run.start()
    try:
        run.wait_for(f"{size:,} articles", first)
        run.send("G")
        run.wait_for(last)
        time.sleep(SETTLE)
        return peak_rss_mb(run.pid())
    finally:
        run.close()


def floor_peak() -> float:
    """Peak RSS (MB) of the floor app once its line is shown."""
    run = Session([PYTHON, FLOOR_APP])
    run.start()
    try:
        run.wait_for("Floorready")
        time.sleep(SETTLE)
        return peak_rss_mb(run.pid())
    finally:
        run.close()


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", default="/tmp/newsreader-bench")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    paths = {}
    for size in sizes:
        paths[size] = Path(args.dir) / f"library-{size}.db"
        build(paths[size], size)
    ensure_server()
    floor: list[float] = []
    peaks: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(args.repeat):
        floor.append(floor_peak())
        for size in sizes:
            peaks[size].append(library_peak(paths[size], size))
    base = median(floor)
    rows = []
    for size in sizes:
        peak = median(peaks[size])
        rows.append((f"{size:,}", f"{peak:.0f}", f"{base:.0f}", f"{peak / base:.1f}x",
                     f"< {TARGET_MB}: " + ("met" if peak < TARGET_MB else "MISSED")))
    print(f"Peak RSS (VmHWM) after the first frame and G; tmux 120x40; median of "
          f"{args.repeat}; {describe_machine()}")
    print(table(["articles", "newsreader MB", "floor app MB", "ratio", "target"], rows))


if __name__ == "__main__":
    main()
