"""Keeping the cost of cleaning a page bounded, whatever its markup.

Parsing, the extractors and the page rules all cost time and memory in proportion to the
number of elements, and some of the extractors' passes copy the tree, so a generated page of
a million tiny elements would take most of a minute and gigabytes of memory. Counting
``<`` is a cheap upper bound of the number of tags; a real article page has a few thousand.
A page with many more is reduced before it is parsed, and a page still too large after that
is refused with a reason rather than cleaned at any price. Everything here is a linear scan
of the text: no pattern can backtrack over the page.
"""

from __future__ import annotations

import re

# About nine times the markup of the largest article pages seen: cleaned as they are.
AS_IS_TAGS = 50_000
# The most markup cleaned at all, after the reductions below.
MAX_TAGS = 80_000

# What is never article text, with its content: comments and raw-text elements, which hold
# no tags of their own, however many "<" they contain, and drawings.
_HIDDEN_START = re.compile(r"<!--|<(script|style|svg|template|noscript)(?=[\s/>])",
                           re.IGNORECASE)
# Phrasing markup that gives text a look but no structure: without it the words are the same.
# Links stay (they are kept beside the text), and so do line breaks and <time> (a date).
_INLINE_TAG = re.compile(
    r"</?(?:span|font|b|i|u|s|em|strong|small|big|abbr|mark|sup|sub|ins|del|q|cite"
    r"|dfn|kbd|samp|var|tt|nobr|wbr|img|bdi|bdo)(?=[\s/>])[^<>]*>",
    re.IGNORECASE)
_CLOSE_CACHE: dict[str, re.Pattern[str]] = {}


class PageTooLargeError(ValueError):
    """A page with more markup than can be cleaned within bounded time and memory."""


def bound_page(html: str) -> str:
    """The page to clean: as it is when its markup is of a common size; else without its
    hidden parts and phrasing markup. PageTooLargeError if it is still too large."""
    if html.count("<") <= AS_IS_TAGS:
        return html
    html = _without_hidden(html)
    if html.count("<") <= AS_IS_TAGS:
        return html
    html = _INLINE_TAG.sub("", html)
    tags = html.count("<")
    if tags > MAX_TAGS:
        raise PageTooLargeError(
            f"the page has too much markup to clean ({tags:,} tags without its scripts and "
            f"formatting; newsreader cleans pages of up to {MAX_TAGS:,}): save the article "
            "alone, for instance from the browser's reader view, and import that")
    return html


def _without_hidden(html: str) -> str:
    """The page without comments, scripts, styles, drawings and templates."""
    kept: list[str] = []
    position = 0
    while (start := _HIDDEN_START.search(html, position)) is not None:
        kept.append(html[position : start.start()])
        name = start.group(1)
        if name is None:
            end = html.find("-->", start.end())
            position = end + 3
        else:
            close = _closing(name.lower()).search(html, start.end())
            end = -1 if close is None else close.start()
            position = -1 if close is None else close.end()
        if end == -1:
            # Unclosed: a parser reads the rest of the page into it as well.
            return "".join(kept)
    kept.append(html[position:])
    return "".join(kept)


def _closing(name: str) -> re.Pattern[str]:
    pattern = _CLOSE_CACHE.get(name)
    if pattern is None:
        pattern = _CLOSE_CACHE[name] = re.compile(rf"</{name}\s*>", re.IGNORECASE)
    return pattern
