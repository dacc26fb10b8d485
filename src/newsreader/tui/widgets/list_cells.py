"""The cells of one library row: marks, title with tags, snippet, site, date, reading time,
count.

Everything here is article text, so everything is a Rich ``Text`` built from plain strings
(never markup: see tui/safe.py); match marks in search snippets become styled spans.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlparse

from rich.text import Text

from newsreader.domain.models import ArticleSummary
from newsreader.domain.reading_time import reading_label
from newsreader.storage.search import MATCH_END, MATCH_START
from newsreader.tui.safe import one_line, plain_text

MATCH_STYLE = "bold underline"  # visible without colour too
TAG_STYLE = "italic"
ARCHIVED_STYLE = "dim"
_SPACES = re.compile(r"\s{2,}")


def shown_site(site: str | None, source: str, url: str | None = None) -> str:
    """The site to show for an article (the list's column and the reader's header): its
    site's name, else the host of its web address or of the URL it was fetched from, else
    nothing. A file has no site: a file name stored as its site (by an older newsreader)
    is not shown as one."""
    if site and ("://" in source or site != PurePath(source.rstrip("/")).name):
        return site
    for address in (url, source):
        if address and "://" in address:
            parts = urlparse(address)
            if parts.scheme.lower() in ("http", "https") and parts.hostname:
                return parts.hostname.removeprefix("www.")
    return ""


def marks(summary: ArticleSummary) -> Text:
    """Two cells: ``●`` for unread, ``★`` for a favourite."""
    return Text.assemble((" " if summary.read else "●", "bold"),
                         ("★" if summary.favourite else " ", "bold"), end="")


def title_cell(summary: ArticleSummary, tags: list[str], width: int,
               snippet: str | None = None) -> Text:
    """The title (bold while unread) and its tags as ``#tag``; a search snippet under it,
    or, when the match is in the title itself, the matched words marked in the title."""
    style = ("" if summary.read else "bold") + (f" {ARCHIVED_STYLE}" if summary.archived else "")
    line = plain_text(summary.title, style.strip())
    if snippet and _mark_in_title(line, snippet):
        snippet = None
    extra = Text(end="")
    if summary.archived:
        extra.append("  (archived)", ARCHIVED_STYLE)
    for tag in tags:
        extra.append("  #" + one_line(tag), TAG_STYLE)
    # A long title gives way to its marks and tags, down to half the column.
    room = max(width - extra.cell_len, width // 2, 1)
    if line.cell_len > room:
        line.truncate(room, overflow="ellipsis")
    line.append_text(extra)
    if line.cell_len > width:
        line.truncate(max(width, 1), overflow="ellipsis")
    if snippet:
        line.append("\n")
        line.append_text(snippet_text(snippet, width))
    return line


def match_spans(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet's text (one line, spaces collapsed) and where its matches are in it."""
    text, spans, inside = "", [], False
    for part in snippet.replace(MATCH_END, MATCH_START).split(MATCH_START):
        part = _SPACES.sub(" ", one_line(part))
        if inside:
            spans.append((len(text), len(text) + len(part)))
        text += part
        inside = not inside
    return text, spans


def _mark_in_title(title: Text, snippet: str) -> bool:
    """Style the matches in ``title`` if the snippet is taken from it; True if it was."""
    plain, spans = match_spans(snippet)
    lead = len(plain) - len(plain.lstrip("…"))
    core = plain.strip("…")
    where = title.plain.find(core) if core else -1
    if where < 0:
        return False
    for start, end in spans:
        title.stylize(MATCH_STYLE, where + start - lead, where + end - lead)
    return True


def snippet_text(snippet: str, width: int) -> Text:
    """One line of a search snippet with its matches styled, the first match in view."""
    plain, spans = match_spans(snippet)
    text = Text(plain, no_wrap=True, overflow="ellipsis", end="")
    for start, end in spans:
        text.stylize(MATCH_STYLE, start, end)
    first = spans[0][0] if spans else 0
    if first > width // 2 and text.cell_len > width:
        cut = min(first - width // 4, len(text) - width + 1)
        text = Text("…", end="", no_wrap=True, overflow="ellipsis") + text[cut:]
    if text.cell_len > width:
        text.truncate(max(width, 1), overflow="ellipsis")
    return text


def row_cells(summary: ArticleSummary, tags: list[str], widths: tuple[int, int],
              snippet: str | None = None, *, published: bool = False) -> tuple[Text, ...]:
    """Every cell of a row, for the columns of :class:`ArticleList`; the date is the
    publication date when ``published``, else the date saved."""
    title_width, site_width = widths
    date = (summary.published or "") if published else summary.saved
    return (
        marks(summary),
        title_cell(summary, tags, title_width, snippet),
        plain_text(shown_site(summary.site, summary.source), "italic", limit=site_width),
        plain_text(date[:10], ""),
        Text(reading_label(summary.word_count), justify="right"),
        Text(str(summary.highlight_count) if summary.highlight_count else "", justify="right"),
    )
