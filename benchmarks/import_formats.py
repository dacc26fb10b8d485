"""Importing another tool's library against adding the same pages with ``add``.

The same N generated articles are saved two ways in the same run: as HTML files through
``import_sources`` (what ``newsreader add`` does, one process), and as one wallabag JSON
export holding them, each with two highlights, through ``import_files``. A Pocket CSV of
M addresses (kept to fetch later) is timed too, and then imported again (everything
already kept).

Run: ``.venv/bin/python benchmarks/import_formats.py [--articles N] [--addresses M]``.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from newsreader.ingest.importing import import_sources
from newsreader.ingest.interchange.importer import import_files
from newsreader.storage import Library

WORDS = ["the", "council", "harbour", "barrier", "vote", "mayor", "winter", "tidal", "scheme",
         "cost", "models", "river", "ferry", "island", "budget", "report", "water", "school"]


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
            for _ in range(count)]


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    """Print the times of both paths, and of the address-only import."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--addresses", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pages, entries = [], []
        for n in range(args.articles):
            paragraphs = _paragraphs(rng, 8)
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            url = f"https://example.org/story-{n}"
            page = root / f"story-{n}.html"
            page.write_text(f"<html><head><title>Story {n}</title><link rel=canonical "
                            f"href='{url}'></head><body><article><h1>Story {n}</h1>{body}"
                            "</article></body></html>", encoding="utf-8")
            pages.append(str(page))
            entries.append({"url": url, "title": f"Story {n}", "content": body,
                            "tags": ["bench"], "is_archived": n % 2, "is_starred": 0,
                            "annotations": [{"id": 2 * n + k, "quote": paragraphs[k][:80],
                                             "text": "note"} for k in (1, 5)]})
        export = root / "wallabag.json"
        export.write_text(json.dumps(entries), encoding="utf-8")
        csv = root / "pocket.csv"
        csv.write_text("title,url,time_added,tags,status\n" + "".join(
            f"Item {n},https://example.org/item-{n},1700000000,a|b,unread\n"
            for n in range(args.addresses)), encoding="utf-8")

        with Library(root / "add.db") as library:
            added = _timed(lambda: import_sources(library, pages))
        with Library(root / "import.db") as library:
            imported = _timed(lambda: import_files(library, "wallabag", [str(export)]))
            again = _timed(lambda: import_files(library, "wallabag", [str(export)]))
        with Library(root / "pending.db") as library:
            kept = _timed(lambda: import_files(library, "pocket", [str(csv)]))
            kept_again = _timed(lambda: import_files(library, "pocket", [str(csv)]))
    n = args.articles
    print(f"add, {n} HTML files (baseline):      {added:6.2f} s  {added / n * 1000:6.1f} ms each")
    print(f"import wallabag, {n} entries, 2 hl: {imported:6.2f} s  "
          f"{imported / n * 1000:6.1f} ms each  ({imported / added:.2f}x add)")
    print(f"import wallabag again (no change):  {again:6.2f} s")
    print(f"import pocket, {args.addresses} addresses:     {kept:6.2f} s; again {kept_again:.2f} s")


if __name__ == "__main__":
    main()
