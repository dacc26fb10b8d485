"""Pages with far more markup than an article are reduced before cleaning, or refused with a
reason; pages of a common size are cleaned exactly as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.domain.models import Article, Block
from newsreader.ingest.cleaning import clean
from newsreader.ingest.cleaning.html_limits import (
    AS_IS_TAGS,
    MAX_TAGS,
    PageTooLargeError,
    bound_page,
)
from newsreader.ingest.importing import import_sources, reclean
from newsreader.storage import Library, Original

from .conftest import ROOT

HEAD = ("<html><head><title>Many elements</title></head><body><article>"
        "<h1>Many elements</h1><p>The opening paragraph of the article, in plain words.</p>")
TAIL = "</article></body></html>"
MANY = MAX_TAGS  # well over the size cleaned as it is


def test_a_page_of_common_size_is_left_as_it_is() -> None:
    pages = sorted((ROOT / "src" / "newsreader" / "samples").glob("*.htm*"))
    assert pages
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert bound_page(page) is page


def test_inline_markup_by_the_thousand_is_cleaned_as_its_words() -> None:
    count = AS_IS_TAGS // 2  # four tags each: twice what is cleaned as it is
    page = HEAD + "<p>" + "<i>w</i> <span class=x>o</span> " * count + "</p>" + TAIL
    article = clean(page, kind="html")
    assert article.title == "Many elements"
    assert article.text.count("w o") == count


def test_scripts_and_drawings_do_not_count_as_markup() -> None:
    script = "<script>if (a < b && c < d) { draw('<div>'); }</script>"
    drawing = "<svg viewBox='0 0 9 9'>" + "<path d='M0 0'/>" * 20 + "</svg>"
    body = "<p>A paragraph of the article, with <a href='/x'>a link</a>.</p>"
    page = HEAD + (script + drawing + body) * (AS_IS_TAGS // 20) + TAIL
    reduced = bound_page(page)
    assert "<script" not in reduced and "<svg" not in reduced
    assert reduced.count("<a href='/x'>a link</a>") == AS_IS_TAGS // 20


def test_unclosed_hidden_parts_hide_the_rest_as_a_parser_would() -> None:
    filler = "<b>x</b>" * AS_IS_TAGS
    for opening in ("<!--", "<script>", "<STYLE type=text/css>"):
        reduced = bound_page(HEAD + filler + opening + "<p>after</p>" * 10 + TAIL)
        assert "after" not in reduced and reduced.endswith("x")


def test_pathological_openings_are_read_in_one_pass() -> None:
    # Each opening is left unclosed: a pattern that looked for its end from every one of
    # them would take hours here.
    assert bound_page("<p>kept</p>" + "<!--" * 400_000) == "<p>kept</p>"
    assert bound_page("<p>kept</p>" + "<script " * 300_000) == "<p>kept</p>"
    for page in ("<span " * 300_000, "<b" + "<" * 500_000):
        with pytest.raises(PageTooLargeError):
            bound_page(page)


def test_a_page_of_too_many_elements_is_refused_with_a_reason() -> None:
    page = HEAD + "<p>w</p>" * MANY + TAIL
    with pytest.raises(PageTooLargeError, match="too much markup") as refused:
        clean(page, kind="html")
    assert "reader view" in str(refused.value)


def test_the_import_names_the_reason(tmp_path: Path, library: Library) -> None:
    big = tmp_path / "big.html"
    big.write_text(HEAD + "<div><br></div>" * MANY + TAIL, encoding="utf-8")
    small = tmp_path / "small.html"
    small.write_text(HEAD + TAIL, encoding="utf-8")
    report = import_sources(library, [str(big), str(small)])
    assert [result.status for result in report.results] == ["failed", "added"]
    assert "too much markup" in (report.results[0].error or "")


def test_reclean_keeps_a_page_saved_before_the_limit(library: Library) -> None:
    page = (HEAD + "<p>w</p>" * MANY + TAIL).encode()
    before = Article(title="Many elements", blocks=(Block(kind="paragraph", text="w w w"),))
    article_id = library.articles.add(before, Original(page, "/big.html", "file", "html"),
                                      cleaner_version="0").article_id
    seen: list[int] = []
    [result] = reclean(library, progress=lambda done, total, item: seen.append(done))
    assert (result.article_id, result.changed, seen) == (article_id, False, [1])
    assert library.articles.get(article_id).article.text == "w w w"
