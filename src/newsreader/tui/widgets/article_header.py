"""The article's title, dek, byline, date, site and reading time, above the body (never
markup); its bottom border says how far the reader has got."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from newsreader.domain.models import StoredArticle
from newsreader.domain.reading_time import WORDS_PER_MINUTE, count_words, reading_label
from newsreader.tui.safe import display_text, one_line
from newsreader.tui.widgets.list_cells import shown_site

# Month names spelled out here, not by strftime, so that the date reads the same whatever
# the locale.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable_date(value: str | None) -> str:
    """An ISO date or timestamp as people read it ("27 Feb 2026, 17:45"); anything else as
    it is."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return one_line(value)
    day = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    has_time = "T" in value or " " in value.strip()
    return f"{day}, {moment:%H:%M}" if has_time else day


def site_of(stored: StoredArticle) -> str:
    """Where the article comes from, as the library list shows it (see shown_site)."""
    return shown_site(stored.article.site, stored.source, stored.article.url)


def meta_line(stored: StoredArticle, minutes: str = "") -> str:
    """Byline, date, site and reading time, joined by middle dots."""
    article = stored.article
    parts = [article.byline, readable_date(article.published), site_of(stored), minutes]
    return " · ".join(one_line(part) for part in parts if part)


def progress_label(fraction: float, words: int) -> str:
    """How far into the article the view is: "42% · 4 min left" (or "end")."""
    fraction = min(max(fraction, 0.0), 1.0)
    if fraction >= 1.0:
        return "100% · end"
    left = words * (1.0 - fraction) / WORDS_PER_MINUTE
    remaining = "<1 min left" if left < 1 else f"{round(left)} min left"
    return f"{int(fraction * 100)}% · {remaining}"


class ArticleHeader(Vertical):
    """Title, dek and a byline/date/site/reading-time line, each shown as plain Content.

    Folded (the ``-folded`` class, when the screen is short of lines), it is the title on
    one line. Its bottom border's subtitle shows the reading progress (:meth:`show_progress`).
    """

    def __init__(self, stored: StoredArticle, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stored = stored
        self.words: int | None = None
        """How many words the body holds, once counted (just after the first frame)."""
        self.reading_time = ""
        """How long the article takes to read ("7 min"), once counted."""
        self._fraction = 0.0

    def compose(self) -> ComposeResult:
        """The title, then the dek (if any), then the meta line."""
        article = self.stored.article
        yield Static(Content(one_line(article.title) or "(untitled)"), id="article-title")
        if article.dek:
            yield Static(Content(display_text(article.dek)), id="article-dek")
        yield Static(Content(meta_line(self.stored)), id="article-meta")

    def on_mount(self) -> None:
        """Count the words once the article shows (a long one takes a moment)."""
        self.call_after_refresh(self._count)

    def _count(self) -> None:
        self.words = count_words(self.stored.article.text)
        self.reading_time = reading_label(self.words)
        self.query_one("#article-meta", Static).update(
            Content(meta_line(self.stored, self.reading_time)))
        self.show_progress(self._fraction)

    def show_progress(self, fraction: float) -> None:
        """Show how far into the article the view is (0 at the top, 1 at the end)."""
        self._fraction = fraction
        if self.words is not None:
            self.border_subtitle = progress_label(fraction, self.words)
