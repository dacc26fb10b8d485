"""Bytes -> text: refuse empty and binary input, honour BOMs and declared charsets."""

from __future__ import annotations

import codecs
import re

_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"SQLite format 3",
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)|<\?xml[^>]+encoding=["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)


class UnreadableSourceError(ValueError):
    """The input cannot be read as an article (empty, binary, or undecodable)."""


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode an article's bytes to text.

    Order: a byte-order mark; UTF-8; the charset an HTML page declares; cp1252, whose
    printable range is a superset of Latin-1 for text that is neither.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if not data.strip():
        raise UnreadableSourceError("it is empty")
    if _looks_binary(data):
        raise UnreadableSourceError("it looks like a binary file, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html and (declared := _declared_charset(data)) is not None:
        return data.decode(declared, errors="replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableSourceError(f"it is not valid {encoding.upper()}: {error.reason}") from None
    if not text.strip():
        raise UnreadableSourceError("it is empty")
    return text


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:8192])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_SIGNATURES):
        return True
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05
