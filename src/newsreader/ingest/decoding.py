"""Bytes -> text: refuse empty and binary input, honour BOMs and declared charsets, detect
the rest."""

from __future__ import annotations

import codecs
import re
from functools import cache

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
# The legacy encodings of the WHATWG Encoding Standard, the ones browsers read: detection
# picks among these, never a DOS or mainframe code page no web page is written in.
_WEB_ENCODINGS = [
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "koi8_r", "koi8_u", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5",
    "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_15", "iso8859_16", "mac_roman", "mac_cyrillic", "cp932", "euc_jp", "iso2022_jp",
    "gb18030", "big5", "cp949",
]
# Labels browsers read as a superset of what they name (the WHATWG Encoding Standard): a
# page labelled Latin-1 is read as cp1252, whose curly quotes it almost always holds.
_SUPERSETS = {"ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254",
              "tis-620": "cp874", "iso8859-11": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
              "shift_jis": "cp932", "euc_kr": "cp949"}
# What a server or a page may name: the web's encodings and nothing else (Python also has
# codecs such as base64, rot13 or "undefined" that are not text encodings, or raise)
_NAMES = (*_WEB_ENCODINGS, "utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp866", "big5hkscs")
_ESCAPED_BYTES = re.compile("([\udc80-\udcff]+)")
# Control bytes a text file does not hold (all below 32 but tab, newline, form feed, carriage
# return and escape): many in the first 8 kB make the input binary.
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13, 27))


@cache
def _nameable() -> frozenset[str]:
    # Looked up when a charset is first named, not at import: each lookup loads a codec.
    return frozenset(codecs.lookup(name).name for name in _NAMES)


class UnreadableSourceError(ValueError):
    """The input cannot be read as an article (empty, binary, or undecodable)."""


def decode(data: bytes, *, html: bool = False, charset: str | None = None) -> str:
    """Decode an article's bytes to text.

    Order: a byte-order mark; UTF-8; the ``charset`` the server sent; the charset an HTML
    page declares; then, for undeclared bytes, UTF-8 if most of their non-ASCII text is
    UTF-8 (the stray bytes read as cp1252), else the encoding charset-normalizer finds
    with evidence of a language, else cp1252, the web's historical default.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if not data.strip():
        raise UnreadableSourceError("it is empty")
    sent = _codec(charset)
    if sent is not None and sent.startswith("utf-16"):
        # Markup in these encodings is full of NUL bytes; with none, the server was wrong
        if b"\x00" in data[:8192]:
            return _strict(data, sent)
        sent = None
    if _looks_binary(data):
        raise UnreadableSourceError("it looks like a binary file, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = sent or (_declared_charset(data) if html else None)
    if declared is not None and declared != "utf-8" and not declared.startswith("utf-16"):
        return data.decode(declared, errors="replace")
    text, valid, stray = _utf8_escaped(data)
    if declared == "utf-8" or valid > stray:
        return _stray_bytes_as_cp1252(text)
    return data.decode(_detected(data) or "cp1252", errors="replace")


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableSourceError(f"it is not valid {encoding.upper()}: {error.reason}") from None
    if not text.strip():
        raise UnreadableSourceError("it is empty")
    return text


def _codec(name: str | None) -> str | None:
    """Python's name for an encoding label, or None for an unknown one."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    codec = _SUPERSETS.get(codec, codec)
    return codec if codec in _nameable() else None


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:8192])
    if not match:
        return None
    return _codec((match.group(1) or match.group(2)).decode("ascii"))


def _utf8_escaped(data: bytes) -> tuple[str, int, int]:
    """``data`` as UTF-8, each byte that is not part of a valid sequence kept as a lone
    surrogate; with how many non-ASCII characters were valid UTF-8 and how many bytes were
    not. Every step is one call into C: a page can hold a million stray bytes."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(data) - len(text.encode("utf-8", errors="ignore"))  # escaped bytes drop out
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text, non_ascii - stray, stray


def _stray_bytes_as_cp1252(text: str) -> str:
    """Text from :func:`_utf8_escaped` with each stray byte read as cp1252, so a page
    pasted together from UTF-8 and Latin-1 keeps both."""
    pieces = _ESCAPED_BYTES.split(text)  # odd positions: the runs of stray bytes
    if len(pieces) == 1:
        return text
    runs = "\x00".join(pieces[1::2]).encode("utf-8", errors="surrogateescape")
    pieces[1::2] = runs.decode("cp1252", errors="replace").split("\x00")
    return "".join(pieces)


def _detected(data: bytes) -> str | None:
    """The legacy encoding charset-normalizer finds, if it also found a language in the
    text: on a short sample with no such evidence its guesses are close to random."""
    from charset_normalizer import from_bytes  # loaded only for the rare undeclared page

    best = from_bytes(data, cp_isolation=_WEB_ENCODINGS).best()
    if best is None or best.coherence <= 0:
        return None
    return best.encoding


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_SIGNATURES):
        return True
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05
