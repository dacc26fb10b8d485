"""An HTML page's title, chosen by agreement between the places a page states it.

A page states its title up to four times: the JSON-LD ``headline``, ``og:title`` (or
``twitter:title``), the ``<title>`` and an ``<h1>``. Each is a candidate, the declared ones
and the ``<title>`` with a site name cut off their ends. A candidate gets a vote from every
source that says it: in the same words, or with segments added (" - Site", " | Section").
The candidate with most votes wins; a tie goes to the source first in the order above, so
an ``<h1>`` that no other source repeats (a logo, a section name) loses to the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_SEPARATORS = re.compile(r"\s+[|–—·»:/-]\s+")
# What is not a letter or digit (str.isalnum): \W less the underscore it counts as a word character.
_NOT_ALNUM = re.compile(r"[\W_]+")
_MAX_HEADINGS = 10
_MAX_LENGTH = 300
_SHORT_SEGMENT = 3  # words: a site name is rarely longer
# Host name labels that say nothing about which site it is
_GENERIC_LABELS = {"www", "news", "blog", "blogs", "home", "online", "web", "amp"}


@dataclass(frozen=True)
class _Source:
    text: str
    segments: tuple[str, ...]  # the text split at its separators


def choose_title(*, headline: str | None, declared: str | None, page_title: str | None,
                 headings: Iterable[str], sites: Iterable[str]) -> str | None:
    """The title most sources agree on (see the module docstring), or None if there is none.

    ``headline`` is the JSON-LD headline, ``declared`` the Open Graph (or Twitter) title,
    ``page_title`` the ``<title>``, ``headings`` the ``<h1>`` texts in page order, and
    ``sites`` the names the site goes by (``og:site_name``, its host name).
    """
    site_keys = _site_keys(sites)
    h1s = [text for text in headings if 3 <= len(text) <= _MAX_LENGTH][:_MAX_HEADINGS]
    stated = [_source(text) for text in (headline, declared, page_title) if text]
    candidates: list[str] = []
    for source in stated:
        candidates.append(_without_site(source, site_keys))
    candidates.extend(h1s)
    said = [_said(source, site_keys) for source in stated]
    said.append({_key(h1) for h1 in h1s})
    best: str | None = None
    best_votes = 0
    seen: set[str] = set()
    for candidate in candidates:
        key = _key(candidate)
        if not key or key in seen:
            continue
        seen.add(key)
        votes = sum(key in keys for keys in said)
        if votes > best_votes:
            best, best_votes = candidate, votes
    return best


def _source(text: str) -> _Source:
    return _Source(text, tuple(part for part in _SEPARATORS.split(text) if part.strip()))


def _said(source: _Source, site_keys: set[str]) -> set[str]:
    """The keys of every title the source states: itself whole, its leading segments
    (before " - Section - Site"), and what follows segments that name the site
    ("Site | ...")."""
    keys = {_key(source.text)}
    parts = source.segments
    for n in range(1, len(parts)):
        keys.add(_key(" ".join(parts[:n])))
        if all(_is_site(part, site_keys) for part in parts[:n]):
            keys.add(_key(" ".join(parts[n:])))
    return keys


def _without_site(source: _Source, site_keys: set[str]) -> str:
    """The text with segments naming the site cut off either end. With none that does, a
    short last segment ("| The Courier") is taken for the site when enough is left; the
    whole text stays when there are no separators."""
    parts = list(source.segments)
    while len(parts) > 1 and _is_site(parts[-1], site_keys):
        parts.pop()
    while len(parts) > 1 and _is_site(parts[0], site_keys):
        parts.pop(0)
    if (len(parts) == len(source.segments) > 1 and len(parts[-1].split()) <= _SHORT_SEGMENT
            and len(" ".join(parts[:-1]).split()) > _SHORT_SEGMENT):
        parts.pop()
    if len(parts) == len(source.segments):
        return source.text
    # cut the original text, so the separators inside what is kept stay as they were
    start = source.text.find(parts[0])
    end = source.text.rfind(parts[-1]) + len(parts[-1])
    return source.text[start:end].strip() if 0 <= start < end else source.text


def _is_site(segment: str, site_keys: set[str]) -> bool:
    """True if a segment names the site: one of its names, or a few words holding one
    ("The Courier" on courier.example, "Salon.com" on salon.com)."""
    key = _key(segment)
    return bool(key) and (key in site_keys or (
        len(segment.split()) <= _SHORT_SEGMENT
        and any(len(site) >= 4 and site in key for site in site_keys)))


def _site_keys(sites: Iterable[str]) -> set[str]:
    """Comparison keys for the site's names: each name whole and its first segment; for a
    host name, also each label but the top-level one ("www.salon.com": "salon")."""
    keys: set[str] = set()
    for name in sites:
        if not name:
            continue
        keys.add(_key(name))
        keys.add(_key(_SEPARATORS.split(name)[0]))
        labels = name.lower().split(".")
        if len(labels) > 1 and " " not in name.strip():
            keys.update(_key(label) for label in labels[:-1]
                        if len(label) >= 3 and label not in _GENERIC_LABELS)
    keys.discard("")
    return keys


def letters_and_digits(text: str) -> str:
    """``text`` with every character that is not a letter or a digit taken out."""
    return _NOT_ALNUM.sub("", text)


def _key(text: str) -> str:
    """A comparison key: letters and digits only, without accents, case-folded."""
    return letters_and_digits(unicodedata.normalize("NFKD", text.casefold()))

