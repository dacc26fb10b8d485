"""What the reader paints over an article's text: headings, inline links and highlights."""

from __future__ import annotations

from newsreader.domain.models import Highlight, StoredArticle
from newsreader.tui.highlight_style import component_class
from newsreader.tui.widgets.article_body import Span


def body_spans(stored: StoredArticle) -> list[Span]:
    """Headings in bold and inline links underlined: spans over the canonical text."""
    article = stored.article
    spans: list[Span] = [
        (start, start + len(block.text), "article-body--heading")
        for start, block in zip(article.block_starts(), article.blocks, strict=True)
        if block.kind == "heading"
    ]
    spans += [(link.start, link.end, "article-body--link") for link in article.links
              if link.kind == "inline" and link.start is not None and link.end is not None]
    return spans


def highlight_spans(highlights: list[Highlight]) -> list[Span]:
    """Spans painting the placed highlights: outer before inner, so the inner one shows; one
    that touches or overlaps the one before it alternates its look, so both stay visible."""
    spans: list[Span] = []
    placed = sorted((h for h in highlights if h.start is not None and h.end is not None),
                    key=lambda h: (h.start, -(h.end or 0)))
    # The highlight reaching furthest so far, and whether it had the alternate look.
    reach, reach_alt = -1, False
    for highlight in placed:
        start, end = highlight.start or 0, highlight.end or 0
        spans.append((start, end, component_class(highlight.color)))
        alt = start <= reach and not reach_alt
        if alt:
            spans.append((start, end, "article-body--hl-alt"))
        if end >= reach:
            reach, reach_alt = end, alt
    return spans
