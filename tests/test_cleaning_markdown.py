"""Markdown sources clean into Articles the same way HTML pages do."""

from __future__ import annotations

import re
import subprocess
import sys

from newsreader.exporting.rendition import article_markdown
from newsreader.ingest.cleaning import clean

SOURCE = """# Library reopens after the flood

*The branch lost its basement archive in 2024; volunteers saved most of it.*

By Priya Castellanos · 2026-02-19

![Reading room](https://images.example.com/room.jpg)

*The restored reading room on opening morning. Photo: Callum Whyte/Gazette*

The doors opened at nine o'clock to a queue that stretched past the bus shelter and onto
Mill Lane, and **one man** returned a book he had borrowed in 2024.

## What was saved

Volunteers were trained by the [Regional Archives Service](https://archives.example.org/x)
to thaw and dry items in small batches, see https://archives.example.org/guide for more.

- around 70 per cent of the bound newspapers;
- more than 4,000 photographs.

> "I honestly thought it was all gone," said the head librarian.

Read also: [The volunteers who dried a century of photographs](https://gazette.example.com/v)
"""


def test_markdown_metadata_blocks_and_lifted_parts() -> None:
    article = clean(SOURCE, kind="markdown", url="https://gazette.example.com/library")
    assert article.title == "Library reopens after the flood"
    assert article.dek == (
        "The branch lost its basement archive in 2024; volunteers saved most of it.")
    assert article.byline == "Priya Castellanos"
    assert article.published == "2026-02-19"
    assert article.site == "gazette.example.com"
    assert [(c.text, c.credit) for c in article.captions] == [
        ("The restored reading room on opening morning.", "Callum Whyte/Gazette")]
    assert [(link.label, link.text, link.url) for link in article.links
            if link.kind == "related"] == [
        ("Read also", "The volunteers who dried a century of photographs",
         "https://gazette.example.com/v")]
    assert article.headings == ["What was saved"]
    assert [b.kind for b in article.blocks] == [
        "paragraph", "heading", "paragraph", "list_item", "list_item", "quote"]
    text = article.text
    for gone in ("#", "**", "](", "Photo:", "Read also", "By Priya", "Library reopens"):
        assert gone not in text
    assert not re.search(r"https?://|www\.", text)


def test_markdown_links_are_spans_and_references() -> None:
    article = clean(SOURCE, kind="markdown")
    inline = [link for link in article.links if link.kind == "inline"]
    assert [(link.text, link.url) for link in inline] == [
        ("Regional Archives Service", "https://archives.example.org/x")]
    link = inline[0]
    assert link.start is not None and link.end is not None
    assert article.text[link.start:link.end] == "Regional Archives Service"
    assert "## What was saved" in article_markdown(article)
    assert "[Regional Archives Service][1]" in article_markdown(article)
    assert "**one man**" in article_markdown(article)
    assert "[1]: <https://archives.example.org/x>" in article_markdown(article)


def test_markdown_without_heading_takes_first_line_as_title() -> None:
    article = clean("Plain title line\n\nA paragraph of body text that ends here.\n",
                    kind="markdown")
    assert article.title == "Plain title line"
    assert article.text == "A paragraph of body text that ends here."


def test_raw_html_in_markdown_stays_text() -> None:
    article = clean("# T\n\nBody <b>bold</b> text.\n\n<script>alert(1)</script>\n",
                    kind="markdown")
    assert article.text == "Body <b>bold</b> text.\n\n<script>alert(1)</script>"
    assert "<script>" not in article_markdown(article)


def test_the_rendition_in_a_fresh_interpreter_warns_of_nothing() -> None:
    code = ("import warnings; warnings.simplefilter('error'); "
            "from newsreader.ingest.cleaning import clean; "
            "a = clean('# T\\n\\nA [link](https://x.test/) & <b>. é', kind='markdown'); "
            "from newsreader.exporting.rendition import article_markdown; "
            "print(article_markdown(a).strip())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split("\n")[:-1] == [
        r"A [link][1] & \<b\>. é", "", "[1]: <https://x.test/>"]


def test_markdown_blocks_keep_their_kinds_marks_and_list_items() -> None:
    article = clean(
        "# T\n\nIntro with *em*, `code` and a [relative link](/x).\n\n"
        "- first item\n- second [item](https://a.test/2)\n  - nested item\n\n"
        "> A quoted line\n\n```\nsome   code\n```\n",
        kind="markdown", url="https://site.test/post")
    assert [(block.kind, block.text) for block in article.blocks] == [
        ("paragraph", "Intro with em, code and a relative link."),
        ("list_item", "first item"), ("list_item", "second item"),
        ("list_item", "nested item"), ("quote", "A quoted line"), ("paragraph", "some code")]
    assert {(link.text, link.url) for link in article.links if link.kind == "inline"} == {
        ("relative link", "https://site.test/x"), ("item", "https://a.test/2")}
    assert {mark.tag for mark in article.marks} == {"em", "code"}


def test_a_link_inside_a_link_ends_the_outer_one() -> None:
    """markdown-it lets an autolink stand in a link's text; the outer link stops where
    it starts (as an HTML parser would close it), so links never overlap."""
    article = clean("# T\n\n[see *<https://b.test/>* here](https://a.test/) now.\n",
                    kind="markdown")
    assert article.text == "see here now."  # the written-out address leaves the text
    assert [(article.text[link.start:link.end], link.url) for link in article.links
            if link.kind == "inline" and link.start is not None and link.end is not None] == [
        ("see", "https://a.test/")]


def test_link_only_items_in_a_list_of_text_items_stay() -> None:
    """A list that goes on with items of text is the article's, even when three of its
    items are links only; a list of links alone is a box of other stories."""
    links = "".join(f"- [Story number {n} headline](https://a.test/{n})\n" for n in range(3))
    body = "A first paragraph of the article that is long enough to be the body here.\n\n"
    kept = clean(f"# T\n\n{body}{links}- An item of plain text with no link at all\n",
                 kind="markdown")
    assert "Story number 0 headline" in kept.text
    dropped = clean(f"# T\n\n{body}{links}\nA closing paragraph of the article body text.\n",
                    kind="markdown")
    assert "Story number 0 headline" not in dropped.text


def test_reading_markdown_loads_no_html_parser() -> None:
    """A Markdown file is read from markdown-it's syntax tree: opening one does not pay
    for loading lxml."""
    code = ("import sys; from newsreader.ingest.cleaning import clean; "
            "clean('# T\\n\\nA [link](https://x.test/) and *em*.', kind='markdown'); "
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'lxml'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
