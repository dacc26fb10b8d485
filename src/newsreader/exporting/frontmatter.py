"""YAML front matter: the app's keys written with JSON quoting, everyone else's kept verbatim.

There is no YAML parser here on purpose: the front matter is split into top-level entries
(a key line plus its indented or list continuation lines), the entries the app owns are
replaced in place, and every other line is kept byte for byte, in its order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from newsreader.exporting.escaping import yaml_quote

OWNED_KEYS = ("title", "author", "site", "url", "published", "saved", "tags",
              "newsreader-id", "highlights")
ID_KEY = "newsreader-id"
FrontValue = str | int | None | list[str]
_KEY_LINE = re.compile(
    r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"-][^:]*?|-[^\s:][^:]*?)[ \t]*:(?:[ \t]|$)""")
_CLOSERS = ("---", "...")


@dataclass(frozen=True)
class Entry:
    """One top-level front-matter entry: its key (None for leading comments) and raw lines."""

    key: str | None
    lines: tuple[str, ...]


def split(text: str) -> tuple[list[Entry], str] | None:
    """Split LF text into its front-matter entries and the body after the closing line.

    None if the text does not start with a front-matter block.
    """
    if not text.startswith("---\n"):
        return None
    lines = text[4:].split("\n")
    for index, line in enumerate(lines):
        if line.rstrip() in _CLOSERS:
            body = "\n".join(lines[index + 1:])
            return _entries(lines[:index]), body
    return None


def _entries(lines: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    key: str | None = None
    current: list[str] = []
    for line in lines:
        match = _KEY_LINE.match(line)
        if match and not line[:1].isspace():
            if current:
                entries.append(Entry(key, tuple(current)))
            key, current = _unquote_key(match.group("key")), [line]
        else:
            current.append(line)
    if current:
        entries.append(Entry(key, tuple(current)))
    return entries


def _unquote_key(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


def scalar(entry: Entry) -> str | None:
    """The value of a one-line scalar entry, unquoted (JSON/YAML double or single quotes)."""
    match = _KEY_LINE.match(entry.lines[0])
    if match is None:
        return None
    value = entry.lines[0][match.end():].strip()
    if value.startswith('"'):
        try:
            loaded = json.loads(value)
        except ValueError:
            return value.strip('"')
        return loaded if isinstance(loaded, str) else None
    if value.startswith("'") and value.endswith("'") and len(value) >= 2:
        return value[1:-1].replace("''", "'")
    return value.split(" #", 1)[0].strip() or None


def find(entries: list[Entry], key: str) -> str | None:
    """The scalar value of ``key``, if the front matter has it."""
    for entry in entries:
        if entry.key == key:
            return scalar(entry)
    return None


def render_entry(key: str, value: FrontValue) -> Entry:
    """An owned entry: strings JSON-quoted (valid YAML), lists as block lists."""
    if isinstance(value, list):
        if not value:
            return Entry(key, (f"{key}: []",))
        return Entry(key, (f"{key}:", *(f"  - {yaml_quote(item)}" for item in value)))
    if value is None:
        return Entry(key, (f"{key}: null",))
    if isinstance(value, int):
        return Entry(key, (f"{key}: {value}",))
    return Entry(key, (f"{key}: {yaml_quote(value)}",))


def merge(existing: list[Entry] | None, values: dict[str, FrontValue]) -> list[Entry]:
    """The front matter after an export: owned entries replaced in place, others untouched.

    Owned keys missing from the file are added after the last owned entry there (at the
    top when there is none), in their fixed order; a duplicated owned key is dropped.
    """
    fresh = [render_entry(key, values[key]) for key in OWNED_KEYS]
    if existing is None:
        return fresh
    by_key = {entry.key: entry for entry in fresh}
    result: list[Entry] = []
    placed: set[str] = set()
    insert_at = 0
    for entry in existing:
        if entry.key is not None and entry.key in by_key:
            if entry.key not in placed:
                result.append(by_key[entry.key])
                placed.add(entry.key)
                insert_at = len(result)
            continue
        result.append(entry)
    missing = [entry for entry in fresh if entry.key not in placed]
    return result[:insert_at] + missing + result[insert_at:]


def render(entries: list[Entry]) -> str:
    """The whole front-matter block, from the opening to the closing ``---`` line."""
    body = "".join(line + "\n" for entry in entries for line in entry.lines)
    return f"---\n{body}---\n"
