"""The search language: words, "phrases", prefix*, and filters such as tag:x, feed:x or
is:unread.

Parsing is pure: it turns what the user typed into an FTS5 MATCH expression plus filters,
or a :class:`QueryError` whose message says what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FLAGS = ("unread", "read", "archived", "favourite", "favorite")
HAS = ("highlights", "notes")
_TOKEN = re.compile(
    r'\s*(?:(?P<field>[a-z]+):(?P<value>"[^"]*"|\S*)|"(?P<phrase>[^"]*)"|(?P<word>\S+))'
)


class QueryError(ValueError):
    """The query cannot be understood; the message says why."""


@dataclass(frozen=True)
class Query:
    """A parsed search: the full-text part (FTS5 syntax, may be empty) and the filters."""

    match: str = ""
    tags: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    flags: tuple[str, ...] = field(default_factory=tuple)
    has: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing at all was asked for."""
        return not (self.match or self.tags or self.sites or self.flags or self.has
                    or self.feeds)


def parse(text: str) -> Query:
    """Parse a query string; raise QueryError for what cannot be understood."""
    if text.count('"') % 2:
        raise QueryError('a quotation mark is not closed: add the closing "')
    terms: list[str] = []
    tags: list[str] = []
    sites: list[str] = []
    flags: list[str] = []
    has: list[str] = []
    feeds: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # pragma: no cover - the pattern accepts any non-space run
            raise QueryError(f"cannot read the query at {text[position:]!r}")
        position = match.end()
        if match.group("field"):
            name, value = match.group("field"), match.group("value").strip('"')
            if not value:
                raise QueryError(f"{name}: needs a value, for example {name}:something")
            if name == "tag":
                tags.append(value)
            elif name == "site":
                sites.append(value)
            elif name == "feed":
                feeds.append(value)
            elif name == "is":
                if value not in FLAGS:
                    raise QueryError(f"unknown is:{value}; use one of is:{', is:'.join(FLAGS[:4])}")
                flags.append("favourite" if value == "favorite" else value)
            elif name == "has":
                if value not in HAS:
                    raise QueryError(f"unknown has:{value}; use has:highlights or has:notes")
                has.append(value)
            else:
                terms.append(_term(f"{name}:{value}"))
        elif match.group("phrase") is not None:
            words = match.group("phrase").split()
            if words:
                terms.append(_quote(" ".join(words)))
        else:
            word = match.group("word")
            if word.strip("*"):
                terms.append(_term(word))
    return Query(" ".join(terms), tuple(tags), tuple(sites), tuple(flags), tuple(has),
                 tuple(feeds))


def _term(word: str) -> str:
    if word.endswith("*"):
        stem = word.rstrip("*")
        return f"{_quote(stem)}*"
    return _quote(word)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
