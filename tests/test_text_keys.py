"""text_key: the matching key of a text, the same whichever way it is computed."""

from __future__ import annotations

import pytest

from newsreader.ingest.cleaning.raw_blocks import KEY_LENGTH, text_key


@pytest.mark.parametrize(("text", "key"), [
    ("Don't stop_me-now! (2024)", "dontstop_menow2024"),
    ("Don\u2019t stop_me\u2014now! (2024)", "dontstop_menow2024"),  # not ASCII
    ("STRASSE Straße", "strassestrasse"),
    ("Ещё \u201cЦитата\u201d \u2014 да_1", "ещёцитатада_1"),
    ("\t\n~`@#$%^&*()[]{}<>|\\/?,.;:'\"+=-", ""),
])
def test_only_word_characters_count_case_folded(text: str, key: str) -> None:
    assert text_key(text, full=True) == key
    assert text_key(text) == key[:KEY_LENGTH]


def test_a_long_text_is_keyed_by_its_start() -> None:
    words = " ".join(f"word{n}, " for n in range(2000))
    assert text_key(words) == text_key(words, full=True)[:KEY_LENGTH]
    assert len(text_key(words)) == KEY_LENGTH
    # punctuation before the words: the key still holds KEY_LENGTH word characters
    padded = "-" * 1000 + words
    assert text_key(padded) == text_key(words)
