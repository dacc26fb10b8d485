"""CaselessPattern: a pattern found whatever the case, as IGNORECASE finds it."""

from __future__ import annotations

import re

import pytest

from newsreader.ingest.cleaning.caseless import CaselessPattern

PATTERN = r"(?:^|[\s_-])(?:related|see-?also|byline)(?:$|[\s_-])"


@pytest.mark.parametrize(("marker", "found"), [
    ("post-related", True),
    ("Post-RELATED links", True),
    ("SeeAlso", True),
    ("unrelated", False),
    ("BYLINE ", True),
    ("", False),
    # Not ASCII: matched with IGNORECASE, so Unicode's case rules still apply
    ("ВЫВОД byline", True),
    ("bylıne", True),   # a dotless i is the same letter to IGNORECASE
    ("ſee-also", True),  # so is a long s
    ("relatéd", False),
])
def test_found_in_any_case_as_ignorecase_finds_it(marker: str, found: bool) -> None:
    assert CaselessPattern(PATTERN).found_in(marker) is found
    assert (re.search(PATTERN, marker, re.IGNORECASE) is not None) is found
