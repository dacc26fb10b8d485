"""A byline's names without what pages print beside them: dates, comment counts, "By".

A byline element often holds more than the author: "by Ana Ruiz 22 Dec 2016 651" is a
name, a date and a comment count run together. The names are read from the element's
parts that say they are names (``rel="author"``, ``itemprop="name"``, a ``name`` class);
failing that, from its text without the parts that hold a date or a count, cut at the
first date left in it.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from newsreader.domain.sanitize import collapse_whitespace
from newsreader.ingest.cleaning.caseless import CaselessPattern

_BY_PREFIX = re.compile(r"^(?:(?:posted|written|words|reported|story)\s+by|by|автор|텍스트"
                        r"|author)\s*[:：]?\s*(?=\S)", re.IGNORECASE)
_NAME_PART = CaselessPattern(r"(?:^|[\s_-])(?:author-?name|name|fn|byauthor)(?:$|[\s_-])")
_NOT_NAME_PART = CaselessPattern(r"date|time|stamp|publish|updated|posted|comment|count|share")
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november"
          r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?")
# A date run into a name: "Nolan22 Dec 2016", "Gooding March 9, 2017", "Ruiz 2016-12-22"
_DATE = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{2,4}}|\b{_MONTH}\s+\d{{1,2}}\b"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:[\s,;|•·–—-]|\b(?:on|at|published|updated)\b)+$", re.IGNORECASE)
_MAX_WORDS = 8


def byline_of(element: Any) -> str | None:
    """The names in a byline element, or None if it holds no plausible byline."""
    named = [collapse_whitespace(part.text_content()) for part in element.iterdescendants()
             if isinstance(part.tag, str) and _names_a_person(part)]
    names = list(dict.fromkeys(name for name in named if name))
    text = ", ".join(names) if names else " ".join(_text_without_dates(element).split())
    return tidy_byline(text)


def tidy_byline(text: str) -> str | None:
    """A byline without "By", a date run into it or what follows the date; None if what
    is left is no name (no word of two letters, or more words than a byline has)."""
    text = collapse_whitespace(text)
    date = _DATE.search(text)
    if date:
        text = text[: date.start()]
    text = _BY_PREFIX.sub("", _TRAILING.sub("", text)).strip()
    words = text.split()
    if not 1 <= len(words) <= _MAX_WORDS:
        return None
    if not any(sum(ch.isalpha() for ch in word) >= 2 for word in words):
        return None
    return text


def _names_a_person(part: Any) -> bool:
    if part.get("rel") == "author" or part.get("itemprop") == "name":
        return True
    return _NAME_PART.found_in(part.get("class") or "")


def _text_without_dates(element: Any) -> str:
    """The element's text, leaving out ``<time>`` and parts whose class, id or itemprop
    says they hold a date or a count (a walk, not recursion: pages nest deeply)."""
    pieces: list[str] = []
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if node is not element and isinstance(node.tag, str) and _holds_date(node):
                walker.skip_subtree()
            else:
                pieces.append(node.text or "")
        elif node is not element:
            pieces.append(node.tail or "")
    return " ".join(pieces)


def _holds_date(part: Any) -> bool:
    if part.tag == "time":
        return True
    marker = f"{part.get('class') or ''} {part.get('id') or ''} {part.get('itemprop') or ''}"
    return _NOT_NAME_PART.found_in(marker)
