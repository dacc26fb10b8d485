"""Kept blocks and page metadata -> the Article: canonical text, spans, captions, links.

Shared by the HTML and Markdown cleaners (a Markdown source needs none of the HTML
cleaner's extraction, so it does not import it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.domain.models import MARK_TAGS, Article, Block, Caption, Link, Mark
from newsreader.ingest.cleaning.raw_blocks import RawBlock


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself."""

    title: str | None = None
    dek: str | None = None
    dek_in_page: bool = False  # the dek came from a visible standfirst, not a meta tag
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None


def assemble(
    meta: PageMetadata,
    raw: Sequence[RawBlock],
    captions: Sequence[Caption],
    related: Sequence[Link],
) -> Article:
    """Build the Article from kept blocks: canonical text, inline-link and emphasis spans."""
    blocks: list[Block] = []
    inline: list[Link] = []
    marks: list[Mark] = []
    offset = 0
    for block in raw:
        blocks.append(Block(kind=block.kind, text=block.text, level=block.level,
                            ordered=block.kind == "list_item" and block.list_tag == "ol"))
        for start, end, url in block.links:
            inline.append(Link(text=block.text[start:end], url=url, kind="inline",
                               start=offset + start, end=offset + end))
        marks += [Mark(tag, offset + start, offset + end)
                  for start, end, tag in block.marks if tag in MARK_TAGS]
        offset += len(block.text) + 2
    body_text = "\n\n".join(b.text for b in blocks)
    # A caption may be a credit alone ("Photo by X"); one whose text the body holds is not
    # kept twice.
    kept_captions = tuple(c for c in captions if (c.text or c.credit)
                          and not (c.text and c.text in body_text))
    return Article(
        title=meta.title or "Untitled",
        dek=meta.dek,
        byline=meta.byline,
        published=meta.published,
        url=meta.url,
        site=meta.site,
        blocks=tuple(blocks),
        captions=kept_captions,
        links=(*inline, *related),
        marks=tuple(marks),
    )
