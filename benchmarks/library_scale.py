"""Search latency and library open time at 1,000, 10,000 and 100,000 articles.

Usage: python benchmarks/library_scale.py [--sizes 1000,10000,100000] [--dir /tmp/nr-bench]

Libraries are generated once (articles of 360-1,080 words: function words, a Zipf-distributed
vocabulary of 20,000 words, two topics' words per article, names; tags, read flags and
highlights on some) and reused on later runs. Printed side
by side: open time against the 1,000-article library (target: flat, within 1.2x), and the
FTS search against a LIKE scan over the same text measured in the same run (the baseline a
library without an index would have). Target: median search under 50 ms at 100,000.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import time
from pathlib import Path

from benchlib import WORDS

import newsreader.storage.search as search_module
from newsreader.domain.models import Article, Block
from newsreader.domain.search_query import parse
from newsreader.storage import Library, Original

NAMES = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Castellanos", "Novak",
         "Kowalski", "Mbeki", "Halvorsen", "Petrova", "Ishikawa", "Ferreira", "O'Brien"]
TAGS = ["politics", "climate", "transport", "local", "business", "science", "culture"]
QUERIES = ["harbour", "ceasefire talks", '"tidal barrier"', "regul*", "Halvorsen",
           "railway signal", "frost drones", "flood bridge ferry", "tag:climate storm",
           "is:unread budget", "Okafor inquiry", "museum", "grid battery solar", "wages*",
           "has:highlights", "site:example harbour", "Petrova parliament vote", "strike union"]


FUNCTION_WORDS = WORDS[:33]
TOPICS = [WORDS[i : i + 8] for i in range(33, len(WORDS), 8)]


def _vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ter", "san", "vo", "rel", "din", "ost", "ba", "nu", "pre",
                 "gal", "tor", "ve", "shi", "mon", "ur", "fa", "quen"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(words)


def _article(rng: random.Random, index: int, vocabulary: list[str],
             cum_weights: list[float]) -> Article:
    topics = [word for topic in rng.sample(TOPICS, 2) for word in topic]
    paragraphs = []
    for _ in range(rng.randint(6, 12)):
        count = rng.randint(60, 90)
        words = rng.choices(vocabulary, cum_weights=cum_weights, k=count)
        for position in rng.sample(range(count), count * 2 // 5):
            words[position] = rng.choice(FUNCTION_WORDS)
        for position in rng.sample(range(count), count // 10):
            words[position] = rng.choice(topics)
        words[rng.randrange(count)] = rng.choice(NAMES)
        paragraphs.append(" ".join(words).capitalize() + ".")
    title = " ".join(rng.choices(topics, k=3) + rng.choices(vocabulary[:2000], k=3)).capitalize()
    return Article(title=f"{title} {index}",
                   blocks=tuple(Block("paragraph", p) for p in paragraphs),
                   dek=" ".join(rng.choices(topics + FUNCTION_WORDS, k=14)),
                   site=f"example{index % 40}.org", byline=rng.choice(NAMES))


def build(path: Path, size: int) -> None:
    """Generate a library of ``size`` articles at ``path`` (reused when already complete)."""
    if path.exists():
        with Library(path) as library:
            if library.articles.count(include_archived=True) == size:
                return
        path.unlink()
    rng = random.Random(size)
    vocabulary = _vocabulary(rng)
    rng.shuffle(vocabulary)
    cum_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    started = time.perf_counter()
    with Library(path) as library:
        # Generation only: the product itself always syncs every commit.
        library.db.conn.execute("PRAGMA synchronous = OFF")
        for index in range(size):
            article = _article(rng, index, vocabulary, cum_weights)
            original = Original(article.text.encode(), f"https://example.org/{index}", "url",
                                "text")
            article_id = library.articles.add(article, original, cleaner_version="bench").article_id
            if index % 7 == 0:
                library.tags.update(article_id, add=[rng.choice(TAGS)])
            if index % 5 == 0:
                library.articles.set_read(article_id, True)
            if index % 50 == 0:
                library.annotations.add_highlight(article_id, 0, 40, note="a note")
    print(f"  generated {size:,} articles in {time.perf_counter() - started:.0f} s")


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure_open(path: Path, repeats: int = 101) -> float:
    """Median time to open the library and read what the first screen shows (after one
    warm-up open, so that every size is measured with the file in the page cache)."""
    samples = []
    for attempt in range(repeats + 1):
        started = time.perf_counter()
        with Library(path) as library:
            library.articles.count()
            library.articles.page(limit=60)
        if attempt:
            samples.append(time.perf_counter() - started)
    return _median_ms(samples)


def measure_search(path: Path, repeats: int = 3) -> tuple[float, float]:
    """Median and 95th-percentile latency of the query mix, in milliseconds."""
    samples = []
    with Library(path) as library:
        for _ in range(repeats):
            for text in QUERIES:
                started = time.perf_counter()
                library.search.run(parse(text), limit=50)
                samples.append(time.perf_counter() - started)
    samples.sort()
    return _median_ms(samples), samples[int(len(samples) * 0.95)] * 1000


def measure_full_ranking(path: Path) -> float:
    """Baseline: the same searches ranking every match (no RANKED_MATCHES cap)."""
    saved = search_module.RANKED_MATCHES
    search_module.RANKED_MATCHES = 10**9
    try:
        return measure_search(path, repeats=1)[0]
    finally:
        search_module.RANKED_MATCHES = saved


def measure_like_scan(path: Path) -> float:
    """Baseline: the plain words of each query found with LIKE over the stored text."""
    samples = []
    conn = sqlite3.connect(path)
    for text in QUERIES:
        words = [w.strip('"*') for w in text.split() if ":" not in w]
        if not words:
            continue
        started = time.perf_counter()
        conn.execute(
            "SELECT article_id FROM revisions WHERE "
            + " AND ".join("text LIKE ?" for _ in words) + " LIMIT 50",
            [f"%{w}%" for w in words],
        ).fetchall()
        samples.append(time.perf_counter() - started)
    conn.close()
    return _median_ms(samples)


def main() -> None:
    """Build (or reuse) the libraries, measure, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--dir", default="/tmp/newsreader-bench")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for size in sizes:
        path = folder / f"library-{size}.db"
        build(path, size)
        opened = measure_open(path)
        median, p95 = measure_search(path)
        rows.append((size, opened, median, p95, measure_full_ranking(path),
                     measure_like_scan(path)))
    base_open = rows[0][1]
    print(f"\n{'articles':>9} | {'open ms':>8} | {'vs first':>8} | {'search median ms':>16} | "
          f"{'search p95 ms':>13} | {'rank-all median ms':>18} | {'LIKE median ms':>14}")
    for size, opened, median, p95, full, like in rows:
        print(f"{size:>9,} | {opened:>8.1f} | {opened / base_open:>7.2f}x | {median:>16.1f} | "
              f"{p95:>13.1f} | {full:>18.1f} | {like:>14.1f}")
    print("\nrank-all: the same FTS searches ranking every match (no cap); LIKE: an unranked\n"
          "LIKE scan of the stored text that stops at the first 50 matches (no snippets).")


if __name__ == "__main__":
    main()
