"""Command palette entries: open an article by title, export all, search, show archived."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from newsreader.storage import Library
from newsreader.tui.safe import one_line

SEARCH_LIMIT = 30
EXPORT_ALL = "Export all notes to Markdown"
_OPEN_PREFIX = re.compile(r"^o(?:p(?:en?)?)?(?:[:\s]+|$)", re.IGNORECASE)


class ArticleCommands(Provider):
    """``Open: <title>`` for each article whose title or site matches what is typed."""

    async def discover(self) -> Hits:
        """With nothing typed: the most recently saved articles."""
        app = self.app
        library = getattr(app, "library", None)
        if library is None:
            return
        for summary in library.articles.page(limit=10):
            title = one_line(summary.title)
            yield DiscoveryHit(Content.assemble("Open: ", title),
                               partial(app.open_article, summary.id),  # type: ignore[attr-defined]
                               text=f"Open: {title}", help="Open this article in the reader")

    async def search(self, query: str) -> Hits:
        """Articles whose title or site contains the words typed (plain text, never markup)."""
        app = self.app
        library = getattr(app, "library", None)
        if library is None:
            return
        words = _OPEN_PREFIX.sub("", query.strip())
        matcher = self.matcher(words or query)
        for summary in library.articles.page(filter_text=words, limit=SEARCH_LIMIT):
            title = one_line(summary.title)
            score = matcher.match(title) or 0.5 if words else 0.5
            yield Hit(score, Content.assemble("Open: ", (title, "bold")),
                      partial(app.open_article, summary.id),  # type: ignore[attr-defined]
                      text=f"Open: {title}", help="Open this article in the reader")


def _export_all(app: App[object], library: Library) -> None:
    """Start exporting every annotated article (the exporter is loaded only now)."""
    from newsreader.tui.export_all import start_export

    start_export(app, library)


class ExportCommands(Provider):
    """``Export all notes to Markdown``, from any screen."""

    def _command(self) -> tuple[str, str, Callable[[], object]] | None:
        library = getattr(self.app, "library", None)
        if library is None:
            return None
        return (EXPORT_ALL, "Write a Markdown file per annotated article; says where",
                partial(_export_all, self.app, library))

    async def discover(self) -> Hits:
        """Offered with nothing typed."""
        if (command := self._command()) is not None:
            name, help_text, callback = command
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Offered when what is typed fuzzily matches its name."""
        if (command := self._command()) is None:
            return
        name, help_text, callback = command
        matcher = self.matcher(query)
        if score := matcher.match(name):
            yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)


class LibraryCommands(Provider):
    """The library screen's verbs: search, and showing or hiding archived articles."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from newsreader.tui.screens.library import LibraryScreen

        screen = self.screen
        if not isinstance(screen, LibraryScreen) or screen.has_class("-empty"):
            return []
        archived = ("Hide archived articles" if screen.article_list.include_archived
                    else "Show archived articles")
        return [
            ("Search the library", "Full-text search as you type (/)",
             screen.action_search),
            (archived, "Archived articles are hidden unless shown (A)",
             screen.article_actions.action_show_archived),
        ]

    async def discover(self) -> Hits:
        """Offered with nothing typed."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Offered when what is typed fuzzily matches their names."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            if score := matcher.match(name):
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
