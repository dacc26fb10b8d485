"""Command palette entry for the library-wide list of highlights and notes."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

TITLE = "Highlights and notes"
HELP = "Every highlight and note in the library (also: H)"


class HighlightCommands(Provider):
    """``Highlights and notes``: opens the highlights screen."""

    async def discover(self) -> Hits:
        """Offered with nothing typed."""
        action = getattr(self.app, "action_highlights", None)
        if action is not None:
            yield DiscoveryHit(TITLE, action, help=HELP)

    async def search(self, query: str) -> Hits:
        """Offered when what is typed matches the title."""
        action = getattr(self.app, "action_highlights", None)
        if action is None:
            return
        matcher = self.matcher(query)
        for words in (TITLE, "Notes and highlights"):
            if score := matcher.match(words):
                yield Hit(score, matcher.highlight(TITLE), action, text=TITLE, help=HELP)
                return
