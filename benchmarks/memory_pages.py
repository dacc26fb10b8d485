"""Time and peak memory of importing pathological pages (a million tiny elements), against
trafilatura alone on the same page.

Each page is generated into a temporary folder, then imported by a fresh process running
``python -m newsreader --db TEMP add PAGE`` (read, decode, clean, store: the whole import);
its wall-clock time and peak resident set size (``ru_maxrss`` of the child, Linux) are
printed beside those of a fresh process running ``trafilatura.extract`` (precision mode)
on the same page, and of one that only parses it with lxml (the floor of any tree-based
cleaning). Target (issue 15): the million-element page imports, or is refused with a
reason, in a few seconds under 500 MB.

    .venv/bin/python benchmarks/memory_pages.py [--src DIR] [--only NAME] [--limit 120]

A process still running after ``--limit`` seconds is stopped, its time shown as ">120"
and its peak memory as far as it got.

``--src DIR`` runs the newsreader column from another checkout's ``src`` folder (for a
before/after comparison, e.g. ``git worktree add /tmp/before HEAD~1``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import describe_machine, table

HEAD = ("<!doctype html><html><head><meta charset=utf-8><title>Many elements</title></head>"
        "<body><article><h1>Many elements</h1><p>A paragraph of real words before the long "
        "run of markup, so that the page has an article to find.</p>")
TAIL = "</article></body></html>"
MILLION = 1_000_000

PAGES: dict[str, Callable[[], str]] = {
    # 8 MB: the page of the issue, a million inline elements with one letter each.
    "1M <i> elements": lambda: HEAD + "<i>a</i>" * MILLION + TAIL,
    # 8 MB: a million spans around words, a space between them.
    "1M <span> words": lambda: HEAD + "<span>w</span> " * (MILLION // 2) * 2 + TAIL,
    # 4 MB: a million line breaks, nothing else.
    "1M <br>": lambda: HEAD + "<br>" * MILLION + TAIL,
    # 9 MB: half a million paragraphs of one word (a million tags).
    "500k <p>": lambda: HEAD + "<p>w</p>" * (MILLION // 2) + TAIL,
    # 39,000 paragraphs of real length (3 MB): just under the most markup cleaned at all.
    "39k <p> sentences": lambda: HEAD + "".join(
        f"<p>Sentence {n} of a very long report, with enough words to be a paragraph.</p>"
        for n in range(39_000)) + TAIL,
    # 13,000 rows of a link list in nested boxes (3 MB): the same, in a costlier shape.
    "13k link boxes": lambda: HEAD + "".join(
        f"<div><div>Item {n}: <a href='/item/{n}'>a linked title for the item</a></div></div>"
        for n in range(13_000)) + TAIL,
}

TRAFILATURA = ("import sys, trafilatura; html = open(sys.argv[1], encoding='utf-8').read(); "
               "trafilatura.extract(html, favor_precision=True, include_comments=False)")
PARSE = ("import sys; from lxml import html as h; "
         "tree = h.document_fromstring(open(sys.argv[1], encoding='utf-8').read()); "
         "sum(1 for _ in tree.iter())")


def run(command: list[str], env: dict[str, str], limit: float) -> tuple[str, float, int]:
    """Wall-clock seconds (or ">limit" if it was stopped then), peak RSS (MB) and exit
    status of a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > limit:
            process.kill()
            stopped = True
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    shown = f">{limit:.0f}" if stopped else f"{seconds:.1f}"
    return shown, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    """Generate the pages, import each in a fresh process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="newsreader sources to measure instead")
    parser.add_argument("--only", help="only the pages whose name contains this")
    parser.add_argument("--newsreader-only", action="store_true",
                        help="skip the trafilatura and lxml columns (for a --src run)")
    parser.add_argument("--limit", type=float, default=120.0,
                        help="stop a process after this many seconds (default 120)")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve())
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as temp:
        for name, make in PAGES.items():
            if args.only and args.only not in name:
                continue
            page = Path(temp) / "page.html"
            page.write_text(make(), encoding="utf-8")
            size = page.stat().st_size / 1e6
            database = Path(temp) / f"{len(rows)}.db"
            ours = run([sys.executable, "-m", "newsreader", "--db", str(database), "add",
                        str(page)], env, args.limit)
            skipped = ("-", 0.0, 0)
            theirs = skipped if args.newsreader_only else run(
                [sys.executable, "-c", TRAFILATURA, str(page)], env, args.limit)
            floor = skipped if args.newsreader_only else run(
                [sys.executable, "-c", PARSE, str(page)], env, args.limit)
            outcome = ("stopped" if ours[0].startswith(">") else
                       "imported" if ours[2] == 0 else "refused")
            rows.append((name, f"{size:.1f}", outcome, ours[0], f"{ours[1]:.0f}", theirs[0],
                         f"{theirs[1]:.0f}", floor[0], f"{floor[1]:.0f}"))
    print(f"{describe_machine()}; newsreader from {args.src or 'this checkout'}")
    print(table(["page", "MB", "newsreader", "s", "peak MB", "trafilatura s", "peak MB",
                 "lxml parse s", "peak MB"], rows))


if __name__ == "__main__":
    main()
