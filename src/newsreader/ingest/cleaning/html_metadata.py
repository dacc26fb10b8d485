"""Page metadata from an HTML document: title, dek, byline, date, canonical URL, site.

Sources, most trusted first: JSON-LD, Open Graph / meta tags, then the visible page
(``<h1>``, standfirst elements, ``<time datetime>``, byline elements). The title is the
one most of them agree on (:mod:`html_title`); a date in any other form is left to htmldate.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from newsreader.domain.sanitize import collapse_whitespace
from newsreader.ingest.cleaning.assembly import PageMetadata
from newsreader.ingest.cleaning.caseless import CaselessPattern
from newsreader.ingest.cleaning.html_byline import byline_of, tidy_byline
from newsreader.ingest.cleaning.html_dates import published_date
from newsreader.ingest.cleaning.html_title import choose_title, letters_and_digits
from newsreader.ingest.cleaning.link_targets import http_url

_ARTICLE_TYPES = re.compile(r"(?:News|Blog|Scholarly|Tech|Report|Opinion|Analysis)?Article|"
                            r"BlogPosting|Report|WebPage", re.IGNORECASE)
_STANDFIRST = re.compile(r"(?:^|[\s_-])(?:standfirst|dek|deck|subtitle|sub-?title"
                         r"|sub-?head(?:line)?"
                         r"|strapline|sub-?heading)(?:$|[\s_-])", re.IGNORECASE)
_BYLINE_CLASS = CaselessPattern(
    r"(?:^|[\s_-])(?:byline|author|author-?name|contributor)(?:$|[\s_-])")
_MAX_HEADINGS = 10
_STANDFIRST_TAGS = ("p", "div", "span", "h2", "h3", "h4", "h5", "h6")
# What every class name _STANDFIRST accepts contains (a quicker first test, on the
# lower-cased class and id).
_STANDFIRST_WORDS = re.compile("standfirst|dek|deck|sub|strapline")
# XHTML habits around a script's JSON: a CDATA section or an HTML comment, perhaps behind //
_JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def read_metadata(tree: Any, url: str | None) -> PageMetadata:
    """Read the metadata of a parsed lxml.html document."""
    meta = _meta_tags(tree)
    ld = _json_ld(tree)
    canonical = _canonical(tree, meta, url)
    base = canonical or url
    site = meta.get("og:site_name") or _hostname(base)
    title = _title(tree, meta, ld, (meta.get("og:site_name"), meta.get("application-name"),
                                    _hostname(base), _hostname(url)))
    standfirst = _standfirst(tree, title)
    description = (meta.get("og:description") or meta.get("description")
                   or _ld_text(ld, "description"))
    return PageMetadata(
        title=title,
        dek=standfirst or (collapse_whitespace(description) if description else None),
        dek_in_page=standfirst is not None,
        byline=_byline(tree, meta, ld),
        published=published_date(tree, meta, _ld_text(ld, "datePublished"), base),
        url=base,
        site=collapse_whitespace(site) if site else None,
    )


def _meta_tags(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        keys = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if keys and content and content.strip():
            for key in keys.lower().split():  # RDFa allows several: "og:title dc:title"
                found.setdefault(key, content.strip())
    return found


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object that describes an article (``@graph`` flattened)."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(_JSON_WRAPPER.sub("", script.text))
        except ValueError:
            continue
        objects.extend(_ld_objects(data))
    articles = [obj for obj in objects if _is_article(obj)]
    return articles


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_objects(data["@graph"])


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPES.fullmatch(k) for k in kinds)


def _ld_text(ld: list[dict[str, Any]], key: str) -> str | None:
    for obj in ld:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return collapse_whitespace(value)
    return None


def _text(element: Any) -> str:
    return collapse_whitespace(element.text_content())


def _title(tree: Any, meta: dict[str, str], ld: list[dict[str, Any]],
           sites: tuple[str | None, ...]) -> str | None:
    page_title = next((_text(t) for t in tree.iter("title")), "")
    return choose_title(
        headline=_ld_text(ld, "headline"),
        declared=collapse_whitespace(meta.get("og:title") or meta.get("twitter:title")
                                     or meta.get("dc:title") or meta.get("dc.title") or ""),
        page_title=page_title,
        headings=(_text(h1) for h1 in itertools.islice(tree.iter("h1"), _MAX_HEADINGS)),
        sites=[name for name in sites if name],
    )


def _key(text: str) -> str:
    """A comparison key: letters and digits only, case-folded."""
    return letters_and_digits(text.casefold())


def _standfirst(tree: Any, title: str | None) -> str | None:
    """The text of the element that says it is the standfirst: the first one after the
    headline's ``<h1>`` (one before it is a menu's or a banner's "subhead"), else the
    first one in the page."""
    title_key = _key(title) if title else None
    first: str | None = None
    after_headline = False
    for element in tree.iter("h1", *_STANDFIRST_TAGS):
        if element.tag == "h1":
            after_headline = after_headline or (
                title_key is not None and _key(_text(element)) == title_key)
            continue
        marker = element.get("class") or element.get("id")
        if not marker or (first is not None and not after_headline):
            continue  # most elements say nothing; before the headline one is enough
        marker = f"{marker} {element.get('id') or ''}".lower()
        if not _STANDFIRST_WORDS.search(marker) or not _STANDFIRST.search(marker):
            continue
        if element.find(".//script") is not None:
            continue
        text = _text(element)
        if 4 <= len(text.split()) <= 70 and (title_key is None or _key(text) != title_key):
            if after_headline:
                return text
            first = first or text
    return first


def _canonical(tree: Any, meta: dict[str, str], url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            resolved = http_url(link.get("href"), url)
            if resolved:
                return resolved
    return http_url(meta.get("og:url"), url) or http_url(url, None)


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _byline(tree: Any, meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    declared = [", ".join(_names(obj.get("author"))) for obj in ld]
    declared.append(meta.get("author") or meta.get("article:author") or meta.get("byl") or "")
    for value in declared:
        text = tidy_byline(value) if not value.lower().startswith(("http:", "https:")) else None
        if text:
            return text
    for element in tree.iter("a", "span", "div", "p"):
        if element.get("rel") == "author" or _BYLINE_CLASS.found_in(element.get("class") or ""):
            text = byline_of(element)
            if text:
                return text
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            names.append(collapse_whitespace(name))
    return names
