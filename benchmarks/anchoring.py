"""Re-anchoring a long highlight: the placement alone, and saving a changed revision.

A 3,000-character highlight with curly quotes in a ~20,000-character article is placed
again after the article changes in four ways: nothing moved (exact), quotes straightened
(a whitespace/quote-folded match), a few words edited inside it (approximate search) and
the passage removed (the search runs over the whole text and finds nothing). Then the
same straightened-quotes change goes through ``library.articles.add``, which re-anchors
while saving the new revision.

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
    return Article(title="Long highlight", blocks=blocks, markdown=text)


def _library_update(text: str, start: int, end: int, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            library = Library(Path(folder) / "library.db")
            try:
                original = Original(text.encode(), "/bench/long.txt", "file", "text")
                outcome = library.articles.add(_article(text), original, cleaner_version="b")
                library.annotations.add_highlight(outcome.article_id, start, end)
                changed = straighten(text)
                began = time.perf_counter()
                library.articles.add(
                    _article(changed),
                    Original(changed.encode(), "/bench/long.txt", "file", "text"),
                    cleaner_version="b",
                )
                times.append(time.perf_counter() - began)
            finally:
                library.close()
    return statistics.median(times)


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
    seconds = _library_update(text, start, end, repeat)
    print(f"  articles.add of the straightened revision {seconds * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
