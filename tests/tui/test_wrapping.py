"""Rows wrapped with a hanging indent, long addresses cut after a slash (tui/wrapping.py)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.content import Content

from newsreader.tui.wrapping import hanging

URL = "https://example.org/a/very/long/path/to/some/resource/page.html"


def test_later_lines_start_under_the_text_and_urls_break_after_slashes() -> None:
    lines = hanging(Content(f"  \u270e See {URL} for the whole story."), 30, 4).plain.split("\n")
    assert lines == ["  \u270e See https://example.org/a/", "    very/long/path/to/some/",
                     "    resource/page.html for the", "    whole story."]


@pytest.mark.parametrize("text", [
    f"See {URL} and more words after it", "x" * 70, "  a " + "\u4e2d" * 40,
    "> " + "\u4e2d\u6587\u6bb5\u843d\u3002" * 9, "word " * 30])
@pytest.mark.parametrize("width", [6, 11, 20, 33])
def test_every_line_fits_and_nothing_is_lost(text: str, width: int) -> None:
    lines = hanging(Content(text), width, 3).plain.split("\n")
    assert all(cell_len(line) <= width for line in lines)
    assert all(line.startswith("   ") for line in lines[1:])
    joined = "".join(line[3:] if number else line for number, line in enumerate(lines))
    assert joined.replace(" ", "") == text.replace(" ", "")


def test_styles_follow_the_text_onto_later_lines() -> None:
    content = Content.assemble(("bold words " * 6, "bold"))
    lines = hanging(content, 20, 2).split("\n")
    assert len(lines) > 2
    assert all(span.style == "bold" for line in lines for span in line.spans)
