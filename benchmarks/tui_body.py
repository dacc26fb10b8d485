"""How fast the reader's body shows and scrolls long articles (2k, 20k, 200k words).

Times, headless at 100x40: the first frame of an ``ArticleBody`` holding the text, and 20
page-downs; the same for a stock read-only ``TextArea`` for comparison.
Run: ``.venv/bin/python benchmarks/tui_body.py [words...]``.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import TextArea

from newsreader.tui.widgets.article_body import ArticleBody

VOCABULARY = ["the", "of", "and", "news", "report", "government", "minister", "said", "talks",
              "border", "city"]


def article_text(words: int) -> str:
    """Paragraphs of 40-120 random words, joined by blank lines, ``words`` in all."""
    rng = random.Random(1)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        size = rng.randint(40, 120)
        paragraphs.append(" ".join(rng.choice(VOCABULARY) for _ in range(size)))
        count += size
    return "\n\n".join(paragraphs)


class _Bench(App[None]):
    def __init__(self, widget: TextArea) -> None:
        super().__init__()
        self.widget = widget
        self.started = time.perf_counter()
        self.first_frame = 0.0

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.call_after_refresh(self._shown)

    def _shown(self) -> None:
        self.first_frame = time.perf_counter() - self.started


async def measure(widget: TextArea) -> tuple[float, float]:
    """Seconds to the first frame, and for 20 page-downs."""
    app = _Bench(widget)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        widget.focus()
        started = time.perf_counter()
        for _ in range(20):
            widget.action_cursor_page_down()
            await pilot.pause()
        return app.first_frame, time.perf_counter() - started


def main(sizes: list[int]) -> None:
    """Print one line per size and widget."""
    for words in sizes:
        text = article_text(words)
        for name, widget in (("ArticleBody", ArticleBody(text)),
                             ("TextArea", TextArea(text, read_only=True, soft_wrap=True))):
            first, paging = asyncio.run(measure(widget))
            print(f"{words:>7,} words {name:<11}: first frame {first * 1000:5.0f} ms, "
                  f"20 pages {paging * 1000:5.0f} ms")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2_000, 20_000, 200_000])
