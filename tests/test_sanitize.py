"""Escape sequences, controls and bidi overrides never survive import."""

from __future__ import annotations

from newsreader.domain.sanitize import collapse_whitespace, sanitize


def test_strips_csi_osc_and_controls_but_keeps_newlines_and_tabs() -> None:
    hostile = "a\x1b]0;pwned\x07b\x1b[31mred\x1b[0m\tc\x00d\r\ne\x1b]52;c;ZXZpbA==\x1b\\f"
    assert sanitize(hostile) == "abred\tcd\nef"


def test_strips_eight_bit_c1_controls_and_bidi_overrides() -> None:
    assert sanitize("x\x9b31my\u202eevil\u202c\u2066z\u2069") == "xyevilz"


def test_normalises_to_nfc() -> None:
    assert sanitize("Cafe\u0301") == "Café"


def test_keeps_cjk_emoji_and_joiners() -> None:
    text = "東京 👩\u200d💻 Привет"
    assert sanitize(text) == text


def test_collapse_whitespace() -> None:
    assert collapse_whitespace("  a \n\t b  ") == "a b"
