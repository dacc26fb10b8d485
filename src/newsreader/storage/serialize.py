"""Article <-> JSON, for the structure a revision stores alongside its text."""

from __future__ import annotations

import json
from typing import Any

from newsreader.domain.models import BLOCK_SEPARATOR, Article, Block, Caption, Link


def article_to_json(article: Article) -> str:
    """Serialise everything about an article except its canonical text and Markdown.

    Block texts are left out when the canonical text splits back into them exactly, which
    is the normal case: the text is then stored once, not twice.
    """
    texts = [block.text for block in article.blocks]
    derivable = texts == (article.text.split(BLOCK_SEPARATOR) if texts else [])
    return json.dumps(
        {
            "title": article.title,
            "dek": article.dek,
            "byline": article.byline,
            "published": article.published,
            "url": article.url,
            "site": article.site,
            "blocks": [[b.kind, b.level] if derivable else [b.kind, b.level, b.text]
                       for b in article.blocks],
            "captions": [[c.text, c.credit] for c in article.captions],
            "links": [
                [link.kind, link.label, link.text, link.url, link.start, link.end]
                for link in article.links
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def article_from_json(data: str, text: str, markdown: str) -> Article:
    """Rebuild an Article from :func:`article_to_json` output, its text and its Markdown."""
    raw: dict[str, Any] = json.loads(data)
    texts = text.split(BLOCK_SEPARATOR) if text else []
    return Article(
        title=raw["title"],
        dek=raw["dek"],
        byline=raw["byline"],
        published=raw["published"],
        url=raw["url"],
        site=raw["site"],
        blocks=tuple(
            Block(kind=entry[0], level=entry[1], text=entry[2] if len(entry) > 2 else texts[i])
            for i, entry in enumerate(raw["blocks"])
        ),
        captions=tuple(Caption(text=t, credit=c) for t, c in raw["captions"]),
        links=tuple(
            Link(kind=k, label=lb, text=t, url=u, start=s, end=e)
            for k, lb, t, u, s, e in raw["links"]
        ),
        markdown=markdown,
    )
