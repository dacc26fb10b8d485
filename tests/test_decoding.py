"""Bytes become text, or a clear refusal."""

from __future__ import annotations

import codecs

import pytest

from newsreader.ingest.decoding import UnreadableSourceError, decode


def test_utf8_with_and_without_bom() -> None:
    assert decode("naïve".encode()) == "naïve"
    assert decode(codecs.BOM_UTF8 + "naïve".encode()) == "naïve"


def test_utf16_with_bom() -> None:
    assert decode("ünïcode".encode("utf-16")) == "ünïcode"


def test_declared_html_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>'
    assert "Привет" in decode(page.encode("cp1251"), html=True)


def test_invalid_utf8_falls_back_to_cp1252() -> None:
    assert decode("café “quoted”".encode("cp1252")) == "café “quoted”"


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", codecs.BOM_UTF8])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableSourceError, match="empty"):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(200), b"%PDF-1.7\n%\xe2\xe3", b"abc\x00def" * 10,
     bytes(range(0, 32)) * 20],
)
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableSourceError, match="binary"):
        decode(data)
