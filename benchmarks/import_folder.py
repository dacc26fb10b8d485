"""A folder import spread over all cores against one process, and the library's size
against the bytes imported.

Each dev corpus (and both together) is copied into a temporary folder of ``.html.gz``
pages; then ``python -m newsreader --db NEW add --jobs N FOLDER`` runs in a fresh process
for each pass, the whole command timed (start-up, the pool's start, every write): once
with ``--jobs 1`` (the baseline, one process) and once with ``--jobs`` = the number of
cores, in turn, ``--repeat`` times; the median counts. Target (issue 15): at least 1.6x
faster on two cores.

After the last pass the library file's size is compared with the bytes imported (the
pages as read, gunzipped) and with the gzipped files; the stored originals' share is
shown too. Target (issue 15): the file under twice the bytes imported.

    .venv/bin/python benchmarks/import_folder.py [CORPUS_DIR ...] [--repeat 3] [--quiet-load 0.5]

Other work on the machine takes cores from the workers (not from one process, which needs
one): the load average before each pair of passes is printed, and ``--quiet-load`` waits
for a quiet machine.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import describe_machine, median, table
from import_speed import corpus_files, default_corpora
from run_all import load, wait_quiet


def copy_pages(corpora: list[Path], folder: Path) -> tuple[int, int, int]:
    """Copy the corpora's pages into one flat folder; (pages, bytes gunzipped, bytes gz)."""
    folder.mkdir()
    count = raw = packed = 0
    for corpus in corpora:
        for path in corpus_files(corpus):
            name = path.parent.name if path.name == "source.html.gz" else path.name[:-8]
            target = folder / f"{corpus.name}-{name}.html.gz"
            shutil.copyfile(path, target)
            count += 1
            packed += target.stat().st_size
            raw += len(gzip.decompress(target.read_bytes()))
    return count, raw, packed


def timed_import(folder: Path, database: Path, jobs: int) -> float:
    """Seconds for ``newsreader add --jobs JOBS FOLDER`` into a new library, in a new process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsreader", "--db", str(database), "add",
                    "--jobs", str(jobs), str(folder)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def library_size(database: Path) -> tuple[int, int, int]:
    """The file's size, the stored originals' bytes, and the articles in it."""
    with sqlite3.connect(database) as conn:
        originals = conn.execute("SELECT coalesce(sum(length(original)), 0) "
                                 "FROM revisions").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    wal = database.with_name(database.name + "-wal")
    size = database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    return size, originals, articles


def main() -> None:
    """Measure each corpus and both together; print the two tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quiet-load", type=float, default=None, metavar="LOAD",
                        help="before each pair of passes, wait (up to 10 minutes) until the "
                             "1-minute load average is under LOAD: other work takes cores")
    args = parser.parse_args()
    corpora: list[Path] = args.corpora or default_corpora()
    cores = os.cpu_count() or 1
    sets = [[corpus] for corpus in corpora] + ([corpora] if len(corpora) > 1 else [])
    speed_rows, size_rows = [], []
    loads: list[float] = []
    with tempfile.TemporaryDirectory() as temp:
        for number, chosen in enumerate(sets):
            name = " + ".join(corpus.name for corpus in chosen)
            folder = Path(temp) / f"pages-{number}"
            count, raw, packed = copy_pages(chosen, folder)
            seconds: dict[int, list[float]] = {1: [], cores: []}
            database = Path(temp) / "none.db"
            for attempt in range(args.repeat):
                if args.quiet_load is not None:
                    wait_quiet(args.quiet_load)
                loads.append(float(load().split()[0]))
                for jobs in seconds:
                    database = Path(temp) / f"{number}-{attempt}-{jobs}.db"
                    seconds[jobs].append(timed_import(folder, database, jobs))
            one, many = median(seconds[1]), median(seconds[cores])
            speed_rows.append((name, str(count), f"{one:.2f}", f"{count / one:.1f}",
                               f"{many:.2f}", f"{count / many:.1f}", f"{one / many:.2f}x"))
            size, originals, articles = library_size(database)
            size_rows.append((name, f"{articles}/{count}", f"{raw / 1e6:.2f}",
                              f"{packed / 1e6:.2f}", f"{size / 1e6:.2f}",
                              f"{size / raw:.2f}", f"{originals / 1e6:.2f}"))
    print(f"median of {args.repeat} passes; {describe_machine()}; 1-minute load average "
          f"before the passes {min(loads):.2f}-{max(loads):.2f}")
    print(table(["pages", "files", "1 process s", "pages/s", f"{cores} workers s", "pages/s",
                 "speed-up"], speed_rows))
    print()
    print(table(["pages", "articles", "MB imported", "MB gzipped files", "library MB",
                 "library / imported", "originals stored MB"], size_rows))


if __name__ == "__main__":
    main()
