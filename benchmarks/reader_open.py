"""Long articles: ``newsreader open FILE`` against ``frogmouth FILE``, and keypress to article.

Articles of 2k, 20k and 200k words (``benchlib.article_markdown``: a marker word opens the
first paragraph, another closes the last) are written to ``--dir`` and used by both sides.

1. Launch (real terminal, tmux 120x40, ``benchlib``): from creating the session to the first
   paragraph's marker on screen; then from sending ``G`` (newsreader) or ``End`` (frogmouth)
   to the last line's marker on screen. newsreader runs with a fresh empty ``--db`` each
   time (so the launch imports the file); both get a fresh ``XDG_*_HOME``. The floor app's
   launch is printed beside them.
2. Keypress to article, real terminal: ``newsreader --db LIB`` on a library holding just
   that article (a fresh copy each run), from ``send-keys Enter`` on the library to the
   first paragraph's marker on screen, then ``G`` to the last marker. Baseline, same way:
   ``floor_app.py --text FILE`` (``enter`` pushes a screen with a stock read-only TextArea
   holding the Markdown file), and ``--line`` (a screen with the first line only).
3. Keypress to article, headless (Textual's ``run_test`` at 120x40, in this process): from
   ``pilot.press("enter")`` on the library to the first frame in which the reader's body
   renders the article's lines (nothing written out).
   ``--headless-only`` runs just this part (no tmux).

Medians of ``--repeat`` runs after one warm-up run per case. Targets (issue 8): keypress to
article under 100 ms at 2k words and under 1.5 s at 200k; launch and end at most half the
peer's time at every size (judged on the ratio of the medians; the launch table also gives
the median of each round's own ratio, "paired", for the two are launched back to back).

    .venv/bin/python benchmarks/reader_open.py [--words 2000,20000,200000] [--repeat 5]
        [--frogmouth /tmp/frogmouth-venv/bin/frogmouth] [--skip-headless | --headless-only]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING
from unittest.mock import patch

from benchlib import (
    DEFAULT_FROGMOUTH,
    FIRST_MARKER,
    FLOOR_APP,
    LAST_MARKER,
    NEWSREADER,
    PYTHON,
    Session,
    capture_cost,
    describe_machine,
    ensure_server,
    median,
    table,
    write_articles,
)

from newsreader.ingest.importing import import_sources
from newsreader.storage import Library

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.strip import Strip

TITLE_MARKER = "benchmark article"


def _fresh_env(folder: Path) -> dict[str, str]:
    for name in ("data", "config", "cache", "state"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    return {"XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_CACHE_HOME": str(folder / "cache"), "XDG_STATE_HOME": str(folder / "state")}


def launch_and_end(argv: list[str], end_key: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the first marker from launch, then to the last marker from ``end_key``."""
    run = Session(argv, env)
    started = run.start()
    try:
        first = run.wait_for(FIRST_MARKER, timeout=120) - started
        sent = run.send(end_key)
        end = run.wait_for(LAST_MARKER, timeout=120) - sent
        return first, end
    finally:
        run.close()


def keypress_and_end(argv: list[str], ready: str, env: dict[str, str]) -> tuple[float, float]:
    """Wait for ``ready``; seconds from Enter to the first marker, then from G to the last
    (NaN when the program has no end of text to go to)."""
    run = Session(argv, env)
    run.start()
    try:
        run.wait_for(ready, timeout=120)
        time.sleep(0.3)  # let the first frame settle: only the keypress is timed
        sent = run.send("Enter")
        shown = run.wait_for(FIRST_MARKER, timeout=120) - sent
        if "--line" in argv:
            return shown, float("nan")
        sent = run.send("G")
        end = run.wait_for(LAST_MARKER, timeout=120) - sent
        return shown, end
    finally:
        run.close()


def headless_keypress(library_path: Path) -> float:
    """In-process: seconds from pressing enter on the library to the first frame in which
    the reader's body renders the article's lines."""
    from newsreader.tui.app import NewsreaderApp
    from newsreader.tui.screens.library import LibraryScreen
    from newsreader.tui.widgets.article_body import ArticleBody

    painted: list[float] = []
    render_lines = ArticleBody.render_lines

    def timed_render_lines(body: ArticleBody, crop: Region) -> list[Strip]:
        lines = render_lines(body, crop)
        if body.text and not painted:
            painted.append(time.perf_counter())
        return lines

    async def run() -> float:
        with Library(library_path) as library:
            app = NewsreaderApp(library)
            async with app.run_test(size=(120, 40)) as pilot:
                while not isinstance(app.screen, LibraryScreen):
                    await pilot.pause()
                await pilot.pause()
                started = time.perf_counter()
                await pilot.press("enter")
                while not painted:
                    await pilot.pause()
                return painted[0] - started

    # Instruments our own widget's public Line API method: the compositor calls it for the
    # frame that shows the body.
    with patch.object(ArticleBody, "render_lines", timed_render_lines):
        return asyncio.run(asyncio.wait_for(run(), timeout=120))


def main() -> None:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", default="2000,20000,200000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", default="/tmp/newsreader-bench/articles")
    parser.add_argument("--frogmouth", default=DEFAULT_FROGMOUTH)
    parser.add_argument("--skip-headless", action="store_true")
    parser.add_argument("--headless-only", action="store_true")
    args = parser.parse_args()
    sizes = [int(w) for w in args.words.split(",")]
    articles = write_articles(Path(args.dir), sizes)
    if args.headless_only:
        headless_only(articles, args.repeat)
        return
    frogmouth = args.frogmouth if os.access(args.frogmouth, os.X_OK) else None
    if frogmouth is None:
        print(f"frogmouth not found at {args.frogmouth}: the peer's columns are skipped.\n"
              "Install it in a venv of its own: python3.11 -m venv /tmp/frogmouth-venv && "
              "/tmp/frogmouth-venv/bin/pip install frogmouth")
    ensure_server()
    rounds = range(args.repeat + 1)  # round 0 is the warm-up
    ours: dict[int, list[tuple[float, float]]] = {w: [] for w in sizes}
    peer: dict[int, list[tuple[float, float]]] = {w: [] for w in sizes}
    floor: list[float] = []
    press: dict[int, list[tuple[float, float]]] = {w: [] for w in sizes}
    stock: dict[int, list[tuple[float, float]]] = {w: [] for w in sizes}
    line: dict[int, list[float]] = {w: [] for w in sizes}
    headless: dict[int, list[float]] = {w: [] for w in sizes}
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        templates = {}
        for words, path in articles.items():
            templates[words] = root / f"template-{words}.db"
            with Library(templates[words]) as library:
                report = import_sources(library, [str(path)])
                assert not report.failures, report.failures
                library.settings.set("samples_offered", "yes")
        for round_ in rounds:
            keep = round_ > 0
            env = _fresh_env(root / f"xdg-floor-{round_}")
            started = Session([PYTHON, FLOOR_APP], env)
            began = started.start()
            try:
                seconds = started.wait_for("Floorready") - began
            finally:
                started.close()
            if keep:
                floor.append(seconds)
            for words, path in articles.items():
                db = root / f"open-{words}-{round_}.db"
                result = launch_and_end([NEWSREADER, "--db", str(db), "open", str(path)], "G",
                                        _fresh_env(root / f"xdg-nr-{words}-{round_}"))
                if keep:
                    ours[words].append(result)
                if frogmouth:
                    result = launch_and_end([frogmouth, str(path)], "End",
                                            _fresh_env(root / f"xdg-fm-{words}-{round_}"))
                    if keep:
                        peer[words].append(result)
                copy = root / f"press-{words}-{round_}.db"
                shutil.copyfile(templates[words], copy)
                result = keypress_and_end([NEWSREADER, "--db", str(copy)], TITLE_MARKER, env)
                if keep:
                    press[words].append(result)
                result = keypress_and_end([PYTHON, FLOOR_APP, "--text", str(path)],
                                          "Floorready", env)
                if keep:
                    stock[words].append(result)
                result = keypress_and_end([PYTHON, FLOOR_APP, "--line", "--text", str(path)],
                                          "Floorready", env)
                if keep:
                    line[words].append(result[0])
                if not args.skip_headless:
                    copy = root / f"headless-{words}-{round_}.db"
                    shutil.copyfile(templates[words], copy)
                    seconds = headless_keypress(copy)
                    if keep:
                        headless[words].append(seconds)
    print(f"{describe_machine()}; tmux 120x40; medians of {args.repeat}; "
          f"one capture-pane: {capture_cost() * 1000:.1f} ms\n")
    base = median(floor)
    rows: list[tuple[str, ...]] = []
    for words in sizes:
        first = median([r[0] for r in ours[words]])
        end = median([r[1] for r in ours[words]])
        if frogmouth:
            peer_first = median([r[0] for r in peer[words]])
            peer_end = median([r[1] for r in peer[words]])
            # Each round runs both back to back: the median of the rounds' own ratios is
            # less swayed by the VM's slow spells than the ratio of the two medians.
            paired = median([a[0] / b[0] for a, b in zip(ours[words], peer[words], strict=True)])
            rows.append((f"{words:,}", f"{first:.3f}", f"{peer_first:.3f}",
                         f"{first / peer_first:.2f}", f"{paired:.2f}",
                         _verdict(first <= peer_first / 2),
                         f"{end:.3f}", f"{peer_end:.3f}", f"{end / peer_end:.2f}",
                         _verdict(end <= peer_end / 2), f"{base:.3f}"))
        else:
            rows.append((f"{words:,}", f"{first:.3f}", "-", "-", "-", "-", f"{end:.3f}", "-",
                         "-", "-", f"{base:.3f}"))
    print("Launch to the first line, then G/End to the last line (seconds; target: ratio "
          "<= 0.5; paired: the median of each round's own ratio)")
    print(table(["words", "newsreader open", "frogmouth", "ratio", "paired", "target",
                 "newsreader G",
                 "frogmouth End", "ratio", "target", "floor launch"], rows))
    rows = []
    for words in sizes:
        shown = median([r[0] for r in press[words]])
        end = median([r[1] for r in press[words]])
        limit = 0.1 if words <= 2000 else 1.5 if words >= 200_000 else None
        rows.append((f"{words:,}", f"{shown * 1000:.0f}",
                     f"{median([r[0] for r in stock[words]]) * 1000:.0f}",
                     f"{median(line[words]) * 1000:.0f}",
                     "-" if limit is None else f"< {limit * 1000:.0f}: "
                     + _verdict(shown < limit),
                     f"{median(headless[words]) * 1000:.0f}" if headless[words] else "-",
                     f"{end * 1000:.0f}", f"{median([r[1] for r in stock[words]]) * 1000:.0f}"))
    print("\nKeypress to article (ms): Enter on the library to the first line on screen; "
          "then G to the last line")
    print(table(["words", "newsreader (tmux)", "stock TextArea (tmux)", "one line (tmux)",
                 "target", "newsreader (headless)", "newsreader G", "stock TextArea G"],
                rows))


def headless_only(articles: dict[int, Path], repeat: int) -> None:
    """Print the headless keypress-to-article medians alone (no tmux, no peers)."""
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        for words, path in articles.items():
            template = root / f"template-{words}.db"
            with Library(template) as library:
                report = import_sources(library, [str(path)])
                assert not report.failures, report.failures
                library.settings.set("samples_offered", "yes")
            samples: list[float] = []
            for round_ in range(repeat + 1):  # round 0 is the warm-up
                copy = root / f"headless-{words}-{round_}.db"
                shutil.copyfile(template, copy)
                seconds = headless_keypress(copy)
                if round_:
                    samples.append(seconds)
            painted = median(samples)
            limit = 0.1 if words <= 2000 else 1.5 if words >= 200_000 else None
            rows.append((f"{words:,}", f"{painted * 1000:.0f}",
                         "-" if limit is None else f"< {limit * 1000:.0f}: "
                         + _verdict(painted < limit)))
    print(f"{describe_machine()}; headless 120x40; medians of {repeat}\n")
    print("Keypress to article, headless (ms): Enter on the library to the body's first "
          "frame")
    print(table(["words", "newsreader (headless)", "target"], rows))


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


if __name__ == "__main__":
    main()
