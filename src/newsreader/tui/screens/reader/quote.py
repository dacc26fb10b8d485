"""A passage as a Markdown quote that says where it comes from, for the clipboard."""

from __future__ import annotations

from newsreader.domain.models import StoredArticle
from newsreader.exporting.escaping import escape_block, escape_inline, escape_link_text, safe_url
from newsreader.tui.screens.reader.original import original_url
from newsreader.tui.widgets.article_header import site_of


def markdown_quote(passage: str, stored: StoredArticle) -> str:
    """``passage`` as a block quote, then a line naming the article (a link to it when it
    has a web address) and its site. The text is escaped as the exports escape it, so the
    article's text cannot forge Markdown structure."""
    lines = [f"> {line}" if line else ">" for line in escape_block(passage)]
    title = stored.article.title or "(untitled)"
    url = safe_url(original_url(stored))
    source = f"[{escape_link_text(title)}](<{url}>)" if url else escape_inline(title)
    site = site_of(stored)
    if site:
        source += f", {escape_inline(site)}"
    return "\n".join([*lines, ">", f"> \u2014 {source}"]) + "\n"
