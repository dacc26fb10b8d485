"""Markdown sources -> Article.

The Markdown is parsed by markdown-it (CommonMark, raw HTML disabled, so the source cannot
smuggle markup in), its blocks read from the syntax tree as HTML blocks are read
(``markdown_blocks``), and the same block rules as for HTML pages applied, without
main-content extraction: the whole document is the article.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from newsreader.domain.models import Article
from newsreader.ingest.cleaning.assembly import PageMetadata, assemble
from newsreader.ingest.cleaning.block_rules import BYLINE, DATE_LINE, tidy_blocks
from newsreader.ingest.cleaning.markdown_blocks import read_markdown_blocks
from newsreader.ingest.cleaning.raw_blocks import RawBlock

_MAX_DEK_WORDS = 60
_SEPARATOR = re.compile(r"\s+[·|•–—]\s+")  # "By Jane Doe · 12 March 2026"
_PARSER = MarkdownIt("commonmark", {"html": False})


def clean_markdown(text: str, *, url: str | None = None) -> Article:
    """Clean a Markdown document into an Article."""
    blocks = read_markdown_blocks(SyntaxTreeNode(_PARSER.parse(text)), url)
    if not blocks:
        return Article(title="Untitled", url=url, site=_hostname(url))
    title, blocks = _title(blocks)
    dek, blocks = _dek(blocks)
    byline, published, blocks = _header(blocks)
    meta = PageMetadata(title=title, dek=dek, byline=byline, published=published, url=url,
                        site=_hostname(url))
    tidied = tidy_blocks(blocks, title=title)
    return assemble(meta, tidied.blocks, tidied.captions, tidied.related)


def _title(blocks: list[RawBlock]) -> tuple[str, list[RawBlock]]:
    """The first level-1 heading, else the first block."""
    for position, block in enumerate(blocks):
        if block.kind == "heading" and block.level == 1:
            return block.text, blocks[:position] + blocks[position + 1 :]
    return blocks[0].text, blocks[1:]


def _dek(blocks: list[RawBlock]) -> tuple[str | None, list[RawBlock]]:
    """A short first paragraph, or an italic-only one, right under the title."""
    if not blocks or blocks[0].kind != "paragraph" or len(blocks) < 2:
        return None, blocks
    first = blocks[0]
    italic = any(start == 0 and end == len(first.text) and tag == "em"
                 for start, end, tag in first.marks)
    short = len(first.text.split()) <= _MAX_DEK_WORDS and not first.text.endswith((".", "!", "?"))
    if (italic and len(first.text.split()) <= _MAX_DEK_WORDS) or short:
        return first.text, blocks[1:]
    return None, blocks


def _header(blocks: list[RawBlock]) -> tuple[str | None, str | None, list[RawBlock]]:
    """Byline and date lines at the top ("By Jane Doe", "12 March 2026")."""
    byline = published = None
    rest = list(blocks)
    while rest and rest[0].kind == "paragraph" and len(rest[0].text.split()) <= 14:
        head: Any = rest[0].text
        if byline is None and (match := BYLINE.match(head)) is not None:
            name, *when = _SEPARATOR.split(match.group("name").strip(), maxsplit=1)
            byline = name.strip() or None
            if when and (date := DATE_LINE.match(when[0].strip())) is not None:
                published = date.group("date").strip()
        elif published is None and (match := DATE_LINE.match(head)) is not None and any(
            ch.isdigit() for ch in head
        ):
            published = match.group("date").strip()
        else:
            break
        rest.pop(0)
    return byline, published, rest


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    return (urlsplit(url).hostname or "").removeprefix("www.") or None
