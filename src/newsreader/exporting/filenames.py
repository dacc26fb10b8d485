"""File names that are safe on Linux, macOS and Windows whatever the article's title."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

MAX_SLUG_CHARS = 60
MAX_SLUG_BYTES = 120  # file systems count bytes (255 at most); leave room for the key
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(10)] + [f"LPT{n}" for n in range(10)]
    + ["COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"]
)


def _fold(char: str) -> str:
    """A character's ASCII form if it has one (é -> e), else itself if it is a letter/digit."""
    if char.isascii():
        return char.lower() if char.isalnum() else "-"
    base = "".join(c for c in unicodedata.normalize("NFKD", char)
                   if not unicodedata.combining(c))
    if base and base.isascii() and base.isalnum():
        return base.lower()
    category = unicodedata.category(char)
    if category[0] in "LN" and category != "Nl":
        return char.lower()
    return "-"


def slugify(title: str) -> str:
    """A lower-case slug of ``title``: ASCII where possible, other letters kept, no dots.

    Never empty ("article"), never a Windows device name, never more than
    :data:`MAX_SLUG_CHARS` characters or :data:`MAX_SLUG_BYTES` UTF-8 bytes.
    """
    text = unicodedata.normalize("NFC", title)
    slug = re.sub(r"-{2,}", "-", "".join(_fold(char) for char in text)).strip("-")
    slug = slug[:MAX_SLUG_CHARS]
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1]
    slug = slug.strip("-") or "article"
    if slug.upper() in _WINDOWS_RESERVED:
        slug = f"{slug}-article"
    return unicodedata.normalize("NFC", slug)


def file_name(title: str, uid: str, taken: Container[str] = ()) -> str:
    """``<slug>-<shortkey>.md`` for a new export file, avoiding names in ``taken``.

    The short key is the first 8 hex characters of the article's uid, lengthened in the
    (very unlikely) case that another file already has the name. ``taken`` should hold
    lower-cased names, since Windows and macOS compare names without case.
    """
    slug = slugify(title)
    key = re.sub(r"[^0-9a-z]", "", uid.lower()) or "0"
    for length in (8, 12, 16, len(key)):
        name = f"{slug}-{key[:length]}.md"
        if name.lower() not in taken:
            return name
    counter = 2
    while f"{slug}-{key}-{counter}.md" in taken:
        counter += 1
    return f"{slug}-{key}-{counter}.md"
