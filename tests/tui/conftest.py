"""Fixtures for the TUI tests: deterministic libraries in temporary files, and the app."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from newsreader.domain.models import Article, Block, Caption, Link
from newsreader.ingest.cleaning import clean
from newsreader.storage import Library, Original
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.library import LibraryScreen

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "islamabad-warns-afghan-taliban.txt"
FIXED_CLOCK = "2026-01-01T00:00:00Z"
THEME = "textual-dark"
HOSTILE = (
    "[@click=app.quit]click me[/] [bold]not bold[/bold] [/] \x1b]0;pwned\x07 \x1b[31mred\x1b[0m "
    "\u202eevil\u202c 漢字かな交じり 😀👍🏽 \u2028sep"
)


def add_article(library: Library, article: Article, source: str) -> int:
    """Save a hand-built article as if imported from ``source``; returns its id."""
    original = Original(f"{source}:{article.title}".encode(), source, "file", "text")
    return library.articles.add(article, original, cleaner_version="test").article_id


def seed_article() -> Article:
    """The seed, cleaned as the importer cleans it."""
    return clean(SEED.read_text(encoding="utf-8"), kind="text")


def long_article() -> Article:
    """Headings, paragraphs, inline links (http, file:, javascript:), captions."""
    blocks: list[Block] = []
    for section in range(1, 4):
        blocks.append(Block("heading", f"Section {section}", 2))
        for number in range(1, 5):
            blocks.append(Block("paragraph", f"Paragraph {section}.{number}. " + " ".join(
                f"word{n}" for n in range(60))))
    article = Article(title="A long article", blocks=tuple(blocks), dek="With a dek",
                      byline="By A. Writer", published="2025-12-24", site="example.org")
    text = article.text
    start = text.index("Paragraph 1.1")
    links = (
        Link("Paragraph 1.1", "https://example.org/one", "inline", start=start,
             end=start + len("Paragraph 1.1")),
        Link("Local file", "file:///etc/passwd", "related", label="Read"),
        Link("Script", "javascript:alert(1)", "related", label="Read"),
        Link("No address", None, "related", label="Read also"),
    )
    captions = (Caption("A harbour at dawn.", "Jane Doe/Agency"), Caption("No credit here."))
    return Article(title=article.title, blocks=article.blocks, dek=article.dek,
                   byline=article.byline, published=article.published, site=article.site,
                   links=links, captions=captions)


def hostile_article() -> Article:
    """Everything hostile a source can hold (ARCHITECTURE.md), in every field shown."""
    word = "x" * 5000
    blocks = (Block("paragraph", f"Body {HOSTILE}"), Block("heading", f"Heading {HOSTILE}", 2),
              Block("paragraph", f"A long word: {word} end."),
              Block("paragraph", "中文段落。" * 200 + " 🎉" * 100))
    return Article(title=f"Title {HOSTILE} {word}", blocks=blocks, dek=f"Dek {HOSTILE}",
                   byline=f"By {HOSTILE}", site=f"site {HOSTILE}",
                   captions=(Caption(f"Caption {HOSTILE}", f"Credit {HOSTILE}"),),
                   links=(Link(f"Link {HOSTILE}", "https://x.test/[@click=app.quit]",
                               "related", label=f"Read {HOSTILE}"),))


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """An empty library with a fixed clock."""
    with Library(tmp_path / "library.db", clock=lambda: FIXED_CLOCK) as lib:
        yield lib


@pytest.fixture
def filled(library: Library) -> Library:
    """Four articles: the seed, a long one, and two small ones with different dates."""
    add_article(library, seed_article(), "islamabad-warns-afghan-taliban.txt")
    add_article(library, long_article(), "long.html")
    add_article(library, Article(title="Ferry timetable changes", site="ferries.example",
                                 published="2024-03-01",
                                 blocks=(Block("paragraph", "Boats."),)), "ferry.txt")
    add_article(library, Article(title="Budget vote delayed", site="council.example",
                                 published="2025-06-30",
                                 blocks=(Block("paragraph", "Votes."),)), "budget.txt")
    return library


def make_app(library: Library, open_article_id: int | None = None, *,
             open_source: str | None = None, open_highlight: str | None = None) -> NewsreaderApp:
    """The app with a fixed theme."""
    return NewsreaderApp(library, open_article_id=open_article_id, open_source=open_source,
                         open_highlight=open_highlight, theme=THEME)


async def wait_until(pilot: Pilot[Any], condition: Callable[[], object], *,
                     timeout: float = 3.0) -> None:
    """Let the app run until ``condition()`` is true; fail after ``timeout`` seconds.

    For what happens after a timer or in a worker thread (a search after the typing
    pause, a palette gathering its hits), where no single event says it is done.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {condition}")
        await pilot.pause()


def record_notices(app: NewsreaderApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the app shows from now on (its public ``notify``, recorded); each
    must be shown as plain text, never markup."""
    notices: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        assert kwargs.get("markup", True) is False or "[" not in message
        notices.append(message)
        original(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return notices


def article_id(library: Library, title_start: str) -> int:
    """The id of the first article whose title starts so."""
    for summary in library.articles.page(limit=1000):
        if summary.title.startswith(title_start):
            return summary.id
    raise LookupError(title_start)


async def run_palette(app: NewsreaderApp, pilot: Pilot[Any], command: str) -> None:
    """Open the command palette, type ``command`` and choose the best hit once one whose
    title contains it (in any case) is shown."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    app.screen.query_one(Input).value = command  # as if typed, without a wait per key

    def shown() -> bool:
        hits = app.screen.query_one(CommandList).options
        return any(command.lower() in str(hit.prompt).lower() for hit in hits)

    await wait_until(pilot, shown)
    await app.workers.wait_for_complete()  # every provider has answered: the best is first
    await pilot.press("enter")
    await pilot.pause()



def searched(app: NewsreaderApp) -> bool:
    """The library shows the answer to what its search box holds now (results, or why
    the query is refused)."""
    screen = app.screen
    return isinstance(screen, LibraryScreen) and not screen.search_pending
