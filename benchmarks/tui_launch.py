"""Launch to the library's first frame at 1k, 10k and 100k articles, against the floor.

Real terminal: each program runs in tmux at 120x40 (see ``benchlib``). Timed from creating
the session to the first capture showing the library's status line ("N articles") and the
first article's title; the floor is ``floor_app.py`` (one Static line) timed to its line.
Runs are interleaved (floor, then each size, ``--repeat`` rounds, after one warm-up round
that is not counted, so every file is in the page cache); medians are printed.
Target (issue 8): within 1.5x of the floor at every size.

    .venv/bin/python benchmarks/tui_launch.py [--sizes 1000,10000,100000] [--repeat 5]

Libraries come from ``library_scale.build`` in ``--dir`` (reused when present: the 100k one
takes minutes to generate).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchlib import (
    FLOOR_APP,
    NEWSREADER,
    PYTHON,
    Session,
    capture_cost,
    describe_machine,
    ensure_server,
    median,
    table,
)
from library_scale import build

from newsreader.storage import Library

TARGET = 1.5


def time_launch(argv: list[str], *markers: str) -> float:
    """Seconds from starting ``argv`` in tmux to every marker on screen."""
    run = Session(argv)
    started = run.start()
    try:
        return run.wait_for(*markers) - started
    finally:
        run.close()


def library_markers(path: Path, size: int) -> tuple[str, str]:
    """What the library's first frame shows: the count and the first title's start."""
    with Library(path) as library:
        first = library.articles.page(limit=1)[0].title
        # The launch offers the samples to a library opened for the first time; do it now.
        if library.settings.get("samples_offered") is None:
            library.settings.set("samples_offered", "yes")
    return f"{size:,} articles", first[:30]


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", default="/tmp/newsreader-bench")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    libraries = {}
    for size in sizes:
        path = folder / f"library-{size}.db"
        build(path, size)
        libraries[size] = (path, library_markers(path, size))
    ensure_server()
    floor: list[float] = []
    launches: dict[int, list[float]] = {size: [] for size in sizes}
    for round_ in range(args.repeat + 1):
        seconds = time_launch([PYTHON, FLOOR_APP], "Floorready")
        if round_:
            floor.append(seconds)
        for size, (path, markers) in libraries.items():
            seconds = time_launch([NEWSREADER, "--db", str(path)], *markers)
            if round_:
                launches[size].append(seconds)
    base = median(floor)
    rows = []
    for size in sizes:
        ours = median(launches[size])
        rows.append((f"{size:,}", f"{ours:.3f}", f"{base:.3f}", f"{ours / base:.2f}x",
                     "met" if ours <= TARGET * base else "MISSED",
                     f"{min(launches[size]):.3f}-{max(launches[size]):.3f}"))
    print(f"Launch to the library's first frame, tmux {120}x{40}; median of {args.repeat}; "
          f"{describe_machine()}; one capture-pane: {capture_cost() * 1000:.1f} ms")
    print(table(["articles", "newsreader s", "floor s", "ratio", f"target <= {TARGET}x",
                 "newsreader range s"], rows))
    print(f"floor range: {min(floor):.3f}-{max(floor):.3f} s")


if __name__ == "__main__":
    main()
