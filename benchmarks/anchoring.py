"""Re-anchoring a long highlight: the placement alone, and saving a changed revision.

A 3,000-character highlight with curly quotes in a ~20,000-character article is placed
again after the article changes in four ways: nothing moved (exact), quotes straightened
(a whitespace/quote-folded match), a few words edited inside it (approximate search) and
the passage removed (the search runs over the whole text and finds nothing). Then the
straightened and the edited versions go through ``library.articles.add``, which places the
highlight again as it saves the new revision: the whole call, and how long it holds the
write lock (from ``BEGIN IMMEDIATE`` to ``COMMIT``, seen by the connection's trace callback).

Run: ``.venv/bin/python benchmarks/anchoring.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from newsreader.domain.anchoring import Selector, anchor, describe
from newsreader.domain.models import Article, Block
from newsreader.storage import Library, Original

WORDS = ["the", "council", "harbour", "barrier", "vote", "mayor", "winter", "tidal", "scheme",
         "cost", "models", "river", "ferry", "island", "budget", "report", "water", "school",
         "storm"]


def _paragraph(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        word = rng.choice(WORDS)
        words.append(f"“{word},”" if rng.random() < 0.05 else word)
    return " ".join(words)


def texts() -> tuple[str, int, int]:
    """An article's text and the span of a 3,000-character highlight in it."""
    rng = random.Random(16)
    before = "\n\n".join(_paragraph(rng, 800) for _ in range(10))
    passage = _paragraph(rng, 3000)[:3000]
    after = "\n\n".join(_paragraph(rng, 800) for _ in range(10))
    text = f"{before}\n\n{passage}\n\n{after}"
    start = len(before) + 2
    return text, start, start + len(passage)


def straighten(text: str) -> str:
    """Curly double quotes made straight, as a site's new template might print them."""
    return text.replace("“", '"').replace("”", '"')


def _time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _article(text: str) -> Article:
    blocks = tuple(Block("paragraph", part) for part in text.split("\n\n"))
    return Article(title="Long highlight", blocks=blocks)


def _record(statements: list[tuple[float, str]], sql: str) -> None:
    statements.append((time.perf_counter(), sql))


def _library_update(text: str, changed: str, start: int, end: int,
                    repeat: int) -> tuple[float, float]:
    """Median seconds of saving ``changed`` over ``text`` (with one highlight), and of the
    write lock held while doing so."""
    totals, locks = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            library = Library(Path(folder) / "library.db")
            try:
                original = Original(text.encode(), "/bench/long.txt", "file", "text")
                outcome = library.articles.add(_article(text), original, cleaner_version="b")
                library.annotations.add_highlight(outcome.article_id, start, end)
                statements: list[tuple[float, str]] = []
                library.db.conn.set_trace_callback(partial(_record, statements))
                began = time.perf_counter()
                library.articles.add(
                    _article(changed),
                    Original(changed.encode(), "/bench/long.txt", "file", "text"),
                    cleaner_version="b",
                )
                totals.append(time.perf_counter() - began)
                library.db.conn.set_trace_callback(None)
                begin = next(t for t, sql in statements if sql.startswith("BEGIN IMMEDIATE"))
                commit = next(t for t, sql in statements if sql == "COMMIT")
                locks.append(commit - begin)
            finally:
                library.close()
    return statistics.median(totals), statistics.median(locks)


def main() -> None:
    """Print the median time of each case."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    text, start, end = texts()
    selector: Selector = describe(text, start, end)
    edited = text[:start + 100] + "EDITED" + text[start + 106 : start + 2000] + "CHANGED" + \
        text[start + 2007:]
    cases = {
        "exact (unchanged text)": text,
        "quotes straightened": straighten(text),
        "words edited inside": edited,
        "passage removed (orphan)": text[:start] + text[end:],
    }
    print(f"text {len(text)} characters, highlight {end - start} characters, "
          f"median of {repeat}")
    for name, changed in cases.items():
        placement = anchor(selector, changed)
        seconds = _time(partial(anchor, selector, changed), repeat)
        print(f"  anchor, {name:<26} {seconds * 1000:9.1f} ms  -> {placement.status}")
    for name in ("quotes straightened", "words edited inside"):
        total, lock = _library_update(text, cases[name], start, end, repeat)
        print(f"  articles.add, {name:<20} {total * 1000:9.1f} ms, "
              f"write lock held {lock * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
