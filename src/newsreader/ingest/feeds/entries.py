"""A feed entry -> the article to save: the feed's own content when it holds the full
text, else the entry's page fetched and cleaned like any imported URL."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from newsreader.domain.models import Article
from newsreader.ingest.feeds.model import Entry
from newsreader.ingest.http import Http, HttpError, Response
from newsreader.ingest.preparing import Prepared, article_from, failure_message
from newsreader.ingest.sources import RawSource, sniff_kind

# The text a feed must give for its content to count as the whole article: summaries and
# teasers are a paragraph or two, shorter than this.
FULL_TEXT_CHARS = 1000
_TAG = re.compile(r"<[^>]*>")


def text_length(fragment: str | None) -> int:
    """How many characters of text an HTML fragment holds, tags and spaces aside."""
    if not fragment:
        return 0
    return len("".join(html.unescape(_TAG.sub(" ", fragment)).split()))


def holds_full_text(entry: Entry) -> bool:
    """Whether the feed's content is the article itself, by evidence: enough text, and
    more than the summary (a feed that repeats its summary as content is not full)."""
    length = text_length(entry.content)
    return length >= FULL_TEXT_CHARS and length >= text_length(entry.summary)


def prepare_entry(entry: Entry, http: Http, *, feed_url: str) -> Prepared:
    """Read and clean one entry; any failure is described, never raised.

    A page that cannot be fetched or read falls back to what the feed gives (content or
    summary), so the entry is not lost.
    """
    source = entry.link or f"{feed_url}#{entry.key}"
    if entry.link is None or holds_full_text(entry):
        return _from_feed(entry, source)
    try:
        response = http.get(entry.link)
        raw = raw_page(response, source=entry.link)
        return Prepared(entry.link, raw, _with_entry(article_from(raw), entry))
    except Exception as error:  # untrusted input: one odd page must not stop the fetch
        if entry.content or entry.summary:
            return _from_feed(entry, source)
        reason = str(error) if isinstance(error, HttpError) else failure_message(error)
        return Prepared(source, error=reason)


def raw_page(response: Response, *, source: str) -> RawSource:
    """A fetched page as the import path's RawSource, with the charset the server named."""
    kind = ("html" if response.content_type in ("text/html", "application/xhtml+xml")
            else "markdown" if response.content_type in ("text/markdown", "text/x-markdown")
            else "text" if response.content_type == "text/plain"
            else sniff_kind(response.data))
    return RawSource(response.data, source, "url", kind, url=response.url,
                     charset=response.charset)


def _from_feed(entry: Entry, source: str) -> Prepared:
    """The entry's own content as a page, cleaned through the import path."""
    title = html.escape(entry.title or "")
    published = (f'<meta property="article:published_time" '
                 f'content="{html.escape(entry.published)}">' if entry.published else "")
    author = (f'<meta name="author" content="{html.escape(entry.author)}">'
              if entry.author else "")
    body = entry.content or entry.summary or ""
    page = (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"{published}{author}</head><body><article><h1>{title}</h1>{body}</article>"
            "</body></html>")
    raw = RawSource(page.encode("utf-8"), source, "url", "html", url=entry.link,
                    charset="utf-8")
    try:
        return Prepared(source, raw, _with_entry(article_from(raw), entry))
    except Exception as error:  # untrusted input
        return Prepared(source, error=failure_message(error))


def _with_entry(article: Article, entry: Entry) -> Article:
    """What the feed says fills in what the page left out (a title, a date, an author)."""
    if entry.title and article.title in ("", "Untitled"):
        article = replace(article, title=entry.title)
    if entry.published and not article.published:
        article = replace(article, published=entry.published)
    if entry.author and not article.byline:
        article = replace(article, byline=entry.author)
    return article
