"""Command palette entries: open an article by title, and import."""

from __future__ import annotations

import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from newsreader.tui.safe import one_line

SEARCH_LIMIT = 30
_OPEN_PREFIX = re.compile(r"^o(?:p(?:en?)?)?(?:[:\s]+|$)", re.IGNORECASE)


class ArticleCommands(Provider):
    """``Open: <title>`` for each article whose title or site matches what is typed."""

    async def discover(self) -> Hits:
        """With nothing typed: the most recently saved articles."""
        app = self.app
        library = getattr(app, "library", None)
        if library is None:
            return
        for summary in library.list_articles(limit=10):
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
        for summary in library.list_articles(filter_text=words, limit=SEARCH_LIMIT):
            title = one_line(summary.title)
            score = matcher.match(title) or 0.5 if words else 0.5
            yield Hit(score, Content.assemble("Open: ", (title, "bold")),
                      partial(app.open_article, summary.id),  # type: ignore[attr-defined]
                      text=f"Open: {title}", help="Open this article in the reader")
