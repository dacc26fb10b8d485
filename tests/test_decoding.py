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


RUSSIAN = ("<html><head><title>Новости дня</title></head><body><p>Правительство объявило о"
           " новых мерах поддержки малого бизнеса. Эксперты считают, что это поможет"
           " экономике страны в ближайшие годы.</p></body></html>")


@pytest.mark.parametrize("encoding", ["koi8-r", "cp1251", "iso-8859-5"])
def test_an_undeclared_legacy_encoding_is_detected(encoding: str) -> None:
    assert decode(RUSSIAN.encode(encoding), html=True) == RUSSIAN


def test_the_charset_the_server_sent_comes_before_detection_and_the_page() -> None:
    page = RUSSIAN.replace("<head>", '<head><meta charset="windows-1252">')
    assert decode(page.encode("koi8-r"), html=True, charset="KOI8-R") == page


def test_a_latin1_label_is_read_as_cp1252_as_browsers_do() -> None:
    text = "l’été “chaud”"
    assert decode(text.encode("cp1252"), charset="iso-8859-1") == text


def test_a_wrong_utf16_charset_from_the_server_is_passed_over() -> None:
    assert decode("naïve café".encode(), charset="utf-16") == "naïve café"


def test_a_page_mixing_utf8_and_latin1_keeps_its_utf8_parts() -> None:
    data = ("<p>Curly “quotes”, a dash — and 東京 in UTF-8.</p>".encode()
            + "<p>Then an old fragment: café, élève.</p>".encode("latin-1"))
    expected = ("<p>Curly “quotes”, a dash — and 東京 in UTF-8.</p>"
                "<p>Then an old fragment: café, élève.</p>")
    assert decode(data, html=True) == expected
    declared = b'<meta charset="utf-8">' + data
    assert decode(declared, html=True) == '<meta charset="utf-8">' + expected


def test_short_text_without_evidence_of_a_language_is_read_as_cp1252() -> None:
    assert decode("naïve “x”".encode("cp1252")) == "naïve “x”"


def test_a_utf16_charset_from_the_server_is_honoured_without_a_bom() -> None:
    assert decode("<p>naïve</p>".encode("utf-16-le"), charset="utf-16le") == "<p>naïve</p>"


@pytest.mark.parametrize("name", ["base64", "rot13", "undefined", "idna", "utf-7", "zlib"])
def test_a_charset_that_is_no_web_encoding_is_passed_over(name: str) -> None:
    page = f'<meta charset="{name}"><p>Le café de l’été, à côté de la gare.</p>'
    data = page.encode("cp1252")
    assert decode(data, html=True) == page
    assert decode(data, charset=name) == page
