"""Source text -> Article: the single entry point of the cleaner.

The cleaners are imported when first used: their libraries cost start-up time that the
reader does not need.
"""

from __future__ import annotations

from typing import Literal

from newsreader.domain.models import Article
from newsreader.domain.sanitize import sanitize

SourceKind = Literal["html", "text", "markdown"]

# Bump when cleaning output changes, so `newsreader reclean` knows what is stale.
CLEANER_VERSION = "1"


def clean(source: str, *, kind: SourceKind, url: str | None = None) -> Article:
    """Clean a decoded source of the given kind into an Article.

    The source is sanitised first: nothing after this point sees escape sequences or
    control characters, nor (in HTML and Markdown) references to them.
    """
    source = sanitize(source)
    if kind != "text":
        from newsreader.ingest.cleaning.references import without_unsafe_references

        source = without_unsafe_references(source)
    if kind == "html":
        from newsreader.ingest.cleaning.html import clean_html

        return clean_html(source, url=url)
    if kind == "markdown":
        from newsreader.ingest.cleaning.markdown_source import clean_markdown

        return clean_markdown(source, url=url)
    from newsreader.ingest.cleaning.text import clean_text

    return clean_text(source, url=url)
