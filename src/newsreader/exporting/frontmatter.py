"""YAML front matter: the app's keys written with JSON quoting, everyone else's kept verbatim.

The front matter is split into top-level entries (a key line plus its indented or list
continuation lines); the entries the app owns are replaced in place and every other line is
kept byte for byte, in its order. A YAML parser only reads values back, to compare them:
an owned entry whose value is unchanged keeps the way it is written in the file, and tags
or aliases someone added in the vault are kept beside the app's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from newsreader.exporting.escaping import yaml_quote
from newsreader.exporting.properties import comparable

# The Obsidian Web Clipper's property names, so a vault's clippings and exports agree.
OWNED_KEYS = ("title", "source", "author", "published", "created", "description", "tags",
              "aliases", "newsreader-id", "highlights")
# Keys whose items the user may add to in the vault: theirs are kept after the app's.
MERGED_KEYS = ("tags", "aliases")
# What earlier exports called some of these; replaced when a file is exported again.
RETIRED_KEYS = ("site", "url", "saved")
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


def value_of(entry: Entry) -> object:
    """What YAML reads an entry's value as (dates as ``YYYY-MM-DD``); None if it cannot."""
    try:
        loaded = yaml.safe_load("\n".join(entry.lines))
    except yaml.YAMLError:
        return None
    if not isinstance(loaded, dict) or len(loaded) != 1:
        return None
    return comparable(next(iter(loaded.values())))


def merge(existing: list[Entry] | None, values: dict[str, FrontValue]) -> list[Entry]:
    """The front matter after an export: owned entries replaced in place, others untouched.

    A value of None leaves its key out. An owned entry whose value reads back the same is
    kept as the file writes it; the items of :data:`MERGED_KEYS` the file has beyond the
    app's are kept after them. An owned key missing from the file is added after the owned
    key that comes before it in :data:`OWNED_KEYS`; a duplicated owned key and the
    :data:`RETIRED_KEYS` are dropped.
    """
    current = {entry.key: entry for entry in reversed(existing or []) if entry.key}
    fresh: list[Entry] = []
    for key in OWNED_KEYS:
        value = values.get(key)
        old = current.get(key)
        if key in MERGED_KEYS and isinstance(value, list):
            for entry in existing or []:
                if entry.key == key:
                    value = _merged(value, value_of(entry))
        if value is None:
            continue
        fresh.append(old if old is not None and value_of(old) == value
                     else render_entry(key, value))
    if existing is None:
        return fresh
    by_key = {entry.key: entry for entry in fresh}
    result: list[Entry] = []
    for entry in existing:
        if entry.key in RETIRED_KEYS or entry.key in OWNED_KEYS:
            if entry.key in by_key and all(kept.key != entry.key for kept in result):
                result.append(by_key[entry.key])
            continue
        result.append(entry)
    for entry in fresh:
        if any(kept.key == entry.key for kept in result):
            continue
        result.insert(_position_for(entry.key, result), entry)
    return result


def _position_for(key: str | None, entries: list[Entry]) -> int:
    """Where a missing owned key goes: after the owned key before it in :data:`OWNED_KEYS`
    that the entries have, else before the first owned entry (at the top if none)."""
    order = OWNED_KEYS.index(key) if key in OWNED_KEYS else 0
    earlier = [i for i, entry in enumerate(entries)
               if entry.key in OWNED_KEYS and OWNED_KEYS.index(entry.key) < order]
    if earlier:
        return earlier[-1] + 1
    owned = [i for i, entry in enumerate(entries) if entry.key in OWNED_KEYS]
    return owned[0] if owned else 0


def _merged(ours: list[str], theirs: object) -> list[str]:
    if not isinstance(theirs, list):
        return ours
    known = {item.lower() for item in ours}
    extra = [item for item in theirs if isinstance(item, str) and item.lower() not in known]
    return ours + list(dict.fromkeys(extra))


def render(entries: list[Entry]) -> str:
    """The whole front-matter block, from the opening to the closing ``---`` line."""
    body = "".join(line + "\n" for entry in entries for line in entry.lines)
    return f"---\n{body}---\n"
