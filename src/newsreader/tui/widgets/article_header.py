"""The article's title, dek, byline, date and source, above the body (never markup)."""

from __future__ import annotations

from pathlib import PurePath

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from newsreader.domain.models import StoredArticle
from newsreader.tui.safe import display_text, one_line


def meta_line(stored: StoredArticle) -> str:
    """Byline, date and where the article came from, joined by middle dots."""
    article = stored.article
    source = stored.source
    if "://" not in source:
        source = PurePath(source).name or source  # a file: its name is enough
    parts = [article.byline, article.published, article.site or article.url or source]
    return " · ".join(one_line(part) for part in parts if part)


class ArticleHeader(Vertical):
    """Title, dek and a byline/date/source line, each shown as plain Content."""

    def __init__(self, stored: StoredArticle, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stored = stored

    def compose(self) -> ComposeResult:
        """The title, then the dek (if any), then the meta line."""
        article = self.stored.article
        yield Static(Content(one_line(article.title) or "(untitled)"), id="article-title")
        if article.dek:
            yield Static(Content(display_text(article.dek)), id="article-dek")
        yield Static(Content(meta_line(self.stored)), id="article-meta")
