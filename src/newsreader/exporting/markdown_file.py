"""One article's Markdown export: its front-matter values and its generated region."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsreader.domain.models import Article, Highlight, Note, StoredArticle
from newsreader.exporting.escaping import escape_inline, escape_link_text, safe_url
from newsreader.exporting.frontmatter import FrontValue
from newsreader.exporting.highlight_links import block_ids
from newsreader.exporting.properties import obsidian_tags, plain_date
from newsreader.exporting.rendition import MarkedPassage, article_markdown
from newsreader.exporting.templates import (
    RegionTemplate,
    article_value,
    highlight_value,
    note_value,
    preset,
)


@dataclass(frozen=True)
class ArticleExport:
    """Everything an article's export file shows, gathered from the library."""

    stored: StoredArticle
    uid: str
    tags: tuple[str, ...]
    highlights: tuple[Highlight, ...]  # reading order, orphans last
    notes: tuple[Note, ...]  # notes on the whole article

    @property
    def article(self) -> Article:
        """The cleaned article."""
        return self.stored.article

    @property
    def has_annotations(self) -> bool:
        """True if the article has a highlight or an article note."""
        return bool(self.highlights or self.notes)


def front_values(item: ArticleExport) -> dict[str, FrontValue]:
    """The front-matter values the app owns, by key, named as the Obsidian Web Clipper
    names them; None for a value the article does not have (its key is left out)."""
    article = item.article
    return {
        "title": article.title,
        "source": article.url,
        "author": article.byline,
        "published": plain_date(article.published),
        "created": plain_date(item.stored.saved),
        "description": article.dek,
        "tags": obsidian_tags(item.tags),
        "aliases": [article.title] if article.title.strip() else None,
        "newsreader-id": item.uid,
        "highlights": len(item.highlights),
    }


def render_region(item: ArticleExport, *, with_article: bool = False,
                  template: RegionTemplate | None = None) -> str:
    """The generated region's text (between the markers), ending in a newline, rendered by
    ``template`` (the default preset if None)."""
    return (template or preset("default")).render(region_context(item, with_article=with_article))


def region_context(item: ArticleExport, *, with_article: bool = False) -> dict[str, Any]:
    """What a template sees for one article (every text escaped; see the README)."""
    article = item.article
    ids = block_ids(item.highlights)
    highlights = [highlight_value(h, block_id=ids[h.id], url=article.url, article_uid=item.uid)
                  for h in item.highlights]
    rendition = ""
    if with_article and article.blocks:
        passages = [MarkedPassage(h.start, h.end, f"{ids[h.id]}-text") for h in item.highlights
                    if h.start is not None and h.end is not None]
        rendition = article_markdown(article, heading_offset=1, passages=passages).rstrip("\n")
    return {
        "article": article_value(
            title=article.title, url=article.url, author=article.byline, site=article.site,
            published=article.published, saved=item.stored.saved, description=article.dek,
            tags=item.tags, uid=item.uid, source_line=_source_line(item)),
        "notes": [note_value(note) for note in item.notes if note.body.strip()],
        "highlights": highlights,
        "article_markdown": rendition,
        "captions": [escape_inline(c.text) + (f" ({escape_inline(c.credit)})" if c.credit else "")
                     for c in article.captions],
        "links": [_link(link.label, link.text, link.url) for link in article.links],
    }


def _source_line(item: ArticleExport) -> str:
    article = item.article
    url = safe_url(article.url)
    if url:
        where = f"[{escape_link_text(article.site or url)}](<{url}>)"
    else:
        where = escape_inline(article.site or item.stored.source)
    extras = [f"by {escape_inline(article.byline)}" if article.byline else "",
              escape_inline(article.published or "")]
    return "Source: " + " · ".join([where, *(extra for extra in extras if extra)])


def _link(label: str | None, text: str, url: str | None) -> str:
    prefix = f"{escape_inline(label)}: " if label else ""
    target = safe_url(url)
    words = escape_link_text(text) or escape_link_text(url or "")
    return f"{prefix}[{words}](<{target}>)" if target else f"{prefix}{escape_inline(text)}"

