"""Front-matter values in the forms note vaults expect: Obsidian tags and plain dates."""

from __future__ import annotations

import re
from datetime import date, datetime

_NOT_TAG_CHARACTER = re.compile(r"[^\w/-]+")
_RUNS = re.compile(r"-{2,}")
_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y",
                 "%Y/%m/%d", "%d.%m.%Y", "%A, %d %B %Y", "%A, %B %d, %Y")


def obsidian_tag(name: str) -> str | None:
    """``name`` as a tag Obsidian accepts, or None if nothing of it is left.

    Spaces and other characters a tag cannot hold become hyphens; a leading ``#`` goes;
    ``/`` nests (empty levels are dropped); a tag of digits only gets a leading ``_``, since
    Obsidian needs one character that is not a digit.
    """
    levels = []
    for level in name.strip().lstrip("#").split("/"):
        cleaned = _RUNS.sub("-", _NOT_TAG_CHARACTER.sub("-", level.strip())).strip("-")
        if cleaned:
            levels.append(cleaned)
    tag = "/".join(levels)
    if not tag:
        return None
    return f"_{tag}" if tag.replace("/", "").isdigit() else tag


def obsidian_tags(names: list[str] | tuple[str, ...]) -> list[str]:
    """Each name as an Obsidian tag, without duplicates (compared ignoring case)."""
    tags: list[str] = []
    seen: set[str] = set()
    for name in names:
        tag = obsidian_tag(name)
        if tag is not None and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag)
    return tags


def plain_date(text: str | None) -> str | None:
    """A date or timestamp written any common way, as ``YYYY-MM-DD``; None if it is not one."""
    if not text or not text.strip():
        return None
    text = " ".join(text.split())
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return None


def comparable(value: object) -> object:
    """A front-matter value as YAML read it, in the form :func:`front_values` writes it:
    dates as ``YYYY-MM-DD`` text, lists item by item."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return value
