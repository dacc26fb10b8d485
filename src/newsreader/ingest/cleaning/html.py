"""HTML pages -> Article (the method: docs/extraction.md).

trafilatura (``favor_precision``) decides which text is the article; the page tree gives
the metadata, the figure captions and the related-story boxes it throws away; the block
rules lift the captions, teasers and header lines it keeps.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newsreader.domain.models import Article, Link
from newsreader.ingest.cleaning.article_choice import choose_article
from newsreader.ingest.cleaning.assembly import assemble
from newsreader.ingest.cleaning.block_rules import tidy_blocks
from newsreader.ingest.cleaning.html_limits import bound_page
from newsreader.ingest.cleaning.html_metadata import read_metadata
from newsreader.ingest.cleaning.html_page import (
    PageIndex,
    attach_links,
    captions_in,
    enclosing_links,
    index_page,
    note_headlines,
    related_in,
)
from newsreader.ingest.cleaning.html_parser import BYTES_PARSER, PARSER
from newsreader.ingest.cleaning.link_blocks import story_link
from newsreader.ingest.cleaning.link_targets import http_url
from newsreader.ingest.cleaning.raw_blocks import RawBlock

# Elements trafilatura's tree cleaning deletes anyway; <aside> and <figure>, which it also
# deletes, stay for the caption and related-box rules.
_INVISIBLE = (
    "script", "style", "noscript", "svg", "template", "iframe", "head", "footer", "nav", "menu",
    "embed", "object", "applet", "audio", "video", "canvas", "map", "picture", "button", "input",
    "select", "textarea", "dialog", "fieldset", "label", "link", "source", "track", "noindex",
    "option", "datalist",
)


def clean_html(html: str, *, url: str | None = None) -> Article:
    """Clean a decoded, sanitised HTML page into an Article."""
    tree = _parse(bound_page(html))
    if tree is None:
        return Article(title="Untitled", url=url)
    meta = read_metadata(tree, url)
    base = meta.url or url
    # trafilatura would drop these too, but only after copying the whole tree (twice).
    etree.strip_elements(tree, *_INVISIBLE, etree.Comment, with_tail=False)
    index = index_page(tree)
    choice = choose_article(tree, index, base)
    raw, region, boxes = choice.blocks, choice.region, choice.boxes
    attach_links(raw, index, base)
    note_headlines(raw, index, base)
    captions = captions_in(region, index, boxes) if region is not None else []
    tidied = tidy_blocks(
        raw,
        title=meta.title,
        header_lines=(meta.dek if meta.dek_in_page else None, meta.byline, meta.published),
        meta_dek=None if meta.dek_in_page else meta.dek,
        captions=captions,
        related=[*related_in(boxes, base), *_stories(choice.apart, index, base)],
    )
    related = tidied.related
    if region is not None and len(related) > 1:
        related = _in_document_order(related, region, base)
    return assemble(meta, tidied.blocks, tidied.captions, related)


def _stories(blocks: list[RawBlock], index: PageIndex, base: str | None) -> list[Link]:
    """Related links for the blocks trimmed off the article that are other stories'
    headlines (one link each)."""
    attach_links(blocks, index, base)
    enclosing_links(blocks, index, base)
    return [Link(text=story[0], url=story[1], kind="related", label="Related")
            for block in blocks if (story := story_link(block)) is not None]


def _in_document_order(links: list[Link], region: Any, base: str | None) -> list[Link]:
    """Teaser lines and related boxes were found separately: order them as the page does."""
    position: dict[str, int] = {}
    for ordinal, anchor in enumerate(region.iter("a")):
        url = http_url(anchor.get("href"), base)
        if url is not None:
            position.setdefault(url, ordinal)
    return sorted(links, key=lambda link: position.get(link.url or "", len(position)))


def _parse(html: str) -> Any:
    """Parse as trafilatura does (comments and processing instructions removed), so the one
    tree serves both the extraction and the page rules."""
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html, parser=PARSER)
    except ValueError:  # a str with an XML encoding declaration must be parsed as bytes
        try:
            return lxml_html.document_fromstring(html.encode("utf-8"), parser=BYTES_PARSER)
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None
