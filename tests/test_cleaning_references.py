"""Character references to control and bidi characters ("&#x1b;", "&#1;", "&#x202e;"): the
parsers decode them, so they are removed before parsing as the characters themselves are.
A page holding one could not be imported at all (lxml refused the decoded text)."""

from __future__ import annotations

from newsreader.domain.models import Article
from newsreader.domain.sanitize import UNSAFE_CHARACTERS
from newsreader.ingest.cleaning import clean
from newsreader.ingest.cleaning.references import without_unsafe_references

_PARAGRAPH = ("The harbour council met on Tuesday evening to vote on the tidal barrier, a "
              "project that has divided the town for a decade and cost more than anyone thought.")


def _visible_text(article: Article) -> str:
    return "\n".join([article.title, article.dek or "", article.byline or "", article.text,
                      *(caption.text for caption in article.captions)])


def test_a_page_with_references_to_controls_is_cleaned_without_them() -> None:
    paragraphs = "".join(
        f"<p>{_PARAGRAPH} It <b>passed&#x1b;</b> by one&#1; vote, <a href='https://e.org/{n}'>"
        f"a&#8; link</a> and a quote&#146;s end &#x202e;here&#x202c;.</p>" for n in range(6))
    page = ("<html><head><title>Council votes for the barrier&#x1b;</title></head><body>"
            "<article><h1>Council votes&#x000001b; for the barrier</h1>"
            "<time class='date' datetime='2026-03-14'>14 March&#7; 2026</time>"
            f"{paragraphs}</article></body></html>")
    article = clean(page, kind="html", url="https://e.org/story")
    text = _visible_text(article)
    assert UNSAFE_CHARACTERS.search(text) is None
    assert article.title == "Council votes for the barrier"
    assert "It passed by one vote" in article.text
    assert "a quote\u2019s end here." in article.text  # &#146; is read as windows-1252


def test_markdown_references_to_controls_and_bidi_overrides_are_removed() -> None:
    source = ("# Tide&#x1b; tables&#7;\n\n"
              "Words &#x202e;reversed&#x202c; and &#27;[31mred&#1; text.\n")
    article = clean(source, kind="markdown")
    assert article.title == "Tide tables"
    assert article.text == "Words reversed and [31mred text."  # harmless without its ESC


def test_other_references_are_left_to_the_parser() -> None:
    page = "<p>&#8217; &#x2014; &#60; &#146; &#0; &#9; &#10;</p>"
    assert without_unsafe_references(page) == page


def test_plain_text_keeps_reference_lookalikes_as_written() -> None:
    article = clean("A note on HTML\n\nWrite &#x1b; to get an escape character.", kind="text")
    assert "&#x1b;" in article.text
