"""When a page was published: an ISO date the page states, else htmldate's reading.

The page's own machine-readable dates come first (JSON-LD ``datePublished``, meta tags,
``<time datetime>``), kept as written when ISO 8601, time and zone included. Dates in any
other form ("Thu, 09 Mar 2017", "9 mars 2017", "03/09/2017", a date in the URL) are left
to htmldate, which gives the day. htmldate is handed small documents, the page's head
and then the body's elements that may hold a date, never a copy of the whole page.
"""

from __future__ import annotations

import copy
import itertools
import re
from typing import Any

from lxml import html as lxml_html

from newsreader.ingest.cleaning.caseless import CaselessPattern

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                       r"(?:Z|[+-]\d{2}:?\d{2})?)?$")
_META_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
              "dc.date", "dc.date.issued", "sailthru.date")
_DATE_MARKER = CaselessPattern(r"date|time|publish|posted|byline|meta")
_MAX_ELEMENTS = 60
_MAX_TEXT = 300
_MAX_TEXT_NODES = 20


def published_date(tree: Any, meta: dict[str, str], ld_published: str | None,
                   url: str | None) -> str | None:
    """The publication date of a parsed page as an ISO 8601 string, or None."""
    candidates = [ld_published, *(meta.get(key) for key in _META_KEYS)]
    candidates += [t.get("datetime") for t in tree.iter("time")]
    for value in candidates:
        if value and _ISO_DATE.match(value.strip()):
            return value.strip()
    return _htmldate(tree, url)


def _htmldate(tree: Any, url: str | None) -> str | None:
    """htmldate's reading of the page's head and URL, else of the body's dated elements."""
    from htmldate import find_date  # trafilatura imports it too, for every page cleaned

    head = tree.find("head")
    body = tree.find("body")
    # The body's evidence is gathered only when the head has no date.
    for evidence in (_evidence(*parts) for parts in ((head, None), (None, body))):
        try:
            found = find_date(evidence, extensive_search=False, original_date=True, url=url)
        except (ValueError, TypeError, OverflowError):  # a date it cannot represent
            found = None
        if found:
            return str(found)
        url = None  # looked at already
    return None


def _evidence(head: Any, body: Any) -> Any:
    """A small document for htmldate: a copy of the page's head, or a bounded number of
    the body's elements that may hold a date (``<time>``, ``<abbr>``, or a class or id
    that says so), each with its attributes and the start of its text."""
    document = lxml_html.Element("html")
    if head is not None:
        document.append(copy.deepcopy(head))
    evidence_body = lxml_html.Element("body")
    document.append(evidence_body)
    if body is None:
        return document
    found = (element for element in body.iter() if _may_hold_date(element))
    for element in itertools.islice(found, _MAX_ELEMENTS):
        evidence = lxml_html.Element(element.tag, dict(element.attrib))
        text = "".join(itertools.islice(element.itertext(), _MAX_TEXT_NODES))
        evidence.text = " ".join(text[:_MAX_TEXT].split())
        evidence_body.append(evidence)
    return document


def _may_hold_date(element: Any) -> bool:
    if element.tag in ("time", "abbr"):
        return True
    marker = element.get("class") or element.get("id")
    return bool(marker and _DATE_MARKER.found_in(marker)) or element.get("itemprop") in (
        "datePublished", "dateCreated")
