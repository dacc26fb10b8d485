"""Small readers shared by the formats: web addresses, times, tags and yes/no flags."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from newsreader.ingest.interchange.model import FormatError

_DEFAULT_PORTS = {"http": "80", "https": "443"}
_TRUE = {"1", "true", "yes", "y"}
# Times past this many seconds since 1970 (the year 5138) must be milliseconds.
_MILLISECONDS_FROM = 10**11


def normalise_url(url: str) -> str:
    """The form two spellings of one web address share, to match them.

    The scheme and host lose their case, a default port and a trailing slash go, and so
    does the fragment; http and https count as one (services save either for a page
    that serves both). What is not a web address is only trimmed.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and str(port) not in _DEFAULT_PORTS.values():
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, parts.query, ""))


def timestamp(value: object) -> str | None:
    """A time as the library writes it (ISO 8601 in UTC, to the second), or None.

    Takes seconds (or milliseconds) since 1970, as a number or digits, and ISO 8601
    text with or without an offset (none means UTC).
    """
    if isinstance(value, bool) or value is None:
        return None
    moment: datetime | None = None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        number = float(value)
        if number >= _MILLISECONDS_FROM:
            number /= 1000
        try:
            moment = datetime.fromtimestamp(number, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str) and value.strip():
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def tags(values: Iterable[object]) -> tuple[str, ...]:
    """Tag names as given, trimmed, without a leading ``#``; empty ones and repeats
    (ignoring case) left out."""
    seen: dict[str, str] = {}
    for value in values:
        if not isinstance(value, str):
            continue
        name = " ".join(value.split()).lstrip("#").strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(seen.values())


def flag(value: object) -> bool:
    """A yes/no field: true, 1, "1", "true", "yes"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    return isinstance(value, str) and value.strip().lower() in _TRUE


def text(value: object) -> str | None:
    """A text field, or None when it is missing, empty or not text."""
    return value.strip() or None if isinstance(value, str) else None


def json_document(data: bytes) -> object:
    """The JSON value in a file; FormatError if it is not JSON."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FormatError("it is not UTF-8 text, so not JSON") from None
    except ValueError as error:
        raise FormatError(f"it is not JSON ({error})") from None
    except RecursionError:
        raise FormatError("its JSON is nested too deeply to read") from None
