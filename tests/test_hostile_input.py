"""Hostile input: property tests on the cleaner and sanitiser, and a corpus of nasty files."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.domain.models import Article
from newsreader.domain.sanitize import sanitize
from newsreader.exporting.rendition import article_markdown
from newsreader.ingest.cleaning import clean
from newsreader.ingest.importing import import_sources
from newsreader.storage import Library

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TAGS = ["p", "div", "h1", "h2", "figure", "figcaption", "a", "article", "aside", "nav",
        "blockquote", "li", "ul", "span", "script", "style", "time", "meta", "table", "td"]


def _html_fragments() -> st.SearchStrategy[str]:
    text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
    tag = st.sampled_from(TAGS)
    open_tag = st.builds(lambda t, a: f'<{t} class="{a}" href="https://x.org/{a}">', tag, text)
    close_tag = st.builds(lambda t: f"</{t}>", tag)
    return st.lists(st.one_of(text, open_tag, close_tag,
                              st.sampled_from(["Read also: ", "Photo: AP", "<br>", "&amp;",
                                               "\x1b[31m", "\u202e", "[@click=app.quit]"])),
                    max_size=60).map("".join)


def _assert_safe(article: Article) -> None:
    text = article.text
    assert not UNSAFE.search(text)
    assert not UNSAFE.search(article.title)
    assert "\x1b" not in article_markdown(article)
    for link in article.links:
        if link.start is not None and link.end is not None:
            assert 0 <= link.start <= link.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_text_cleaner_never_crashes_and_output_is_safe(source: str) -> None:
    _assert_safe(clean(source, kind="text"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html_fragments())
def test_html_cleaner_never_crashes_and_output_is_safe(fragment: str) -> None:
    _assert_safe(clean(f"<html><body><article>{fragment}</article></body></html>", kind="html"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=1000))
def test_markdown_cleaner_never_crashes(source: str) -> None:
    _assert_safe(clean(source, kind="markdown"))


@given(st.text())
def test_sanitize_is_idempotent_and_leaves_no_controls(text: str) -> None:
    once = sanitize(text)
    assert sanitize(once) == once
    assert not UNSAFE.search(once)


NASTY: dict[str, bytes] = {
    "markup-injection.html": (
        b"<html><head><title>[@click=app.quit]Click[/] [b]bold[/b]</title></head><body>"
        b"<article><h1>[@click=app.quit]Quit me[/]</h1><p>Body with [red]markup[/red] and "
        b"[/] stray closers and [link=file:///etc/passwd]a link[/link].</p>"
        b"<p>More text so the page has a body to keep, written as a sentence.</p>"
        b"</article></body></html>"),
    "escapes.txt": (b"Title \x1b]0;pwned\x07 here\n\nA dek\n\n\x1b[2J\x1b[HBody \x1b]52;c;"
                    b"ZXZpbA==\x07text with \xe2\x80\xae reversed and \x9b31m C1 codes."),
    "invalid-utf8.txt": b"Caf\xe9 \xff\xfe title\n\nSome \x81\x8d body text here.",
    "only-markup.html": b"<html><body><script>alert(1)</script><style>p{}</style></body></html>",
    "nul-bytes.txt": b"Title\x00\x00\x00 with nuls" * 50,
    "wide.txt": ("東京の記事 👩‍💻\n\n" + "長い" * 3000 + "\n\n" + "a" * 5000).encode(),
}


@pytest.fixture
def nasty_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "nasty"
    folder.mkdir()
    for name, data in NASTY.items():
        (folder / name).write_bytes(data)
    nested = "<div>" * 50_000 + "<p>deep text</p>" + "</div>" * 50_000
    (folder / "deeply-nested.html").write_text(f"<html><body>{nested}</body></html>")
    (folder / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 40_000_000))
    return folder


def test_nasty_corpus_imports_or_fails_cleanly(library: Library, nasty_dir: Path) -> None:
    report = import_sources(library, [str(nasty_dir)])
    by_name = {Path(r.source).name: r for r in report.results}
    assert set(by_name) == {*NASTY, "deeply-nested.html", "bomb.html.gz"}
    assert by_name["bomb.html.gz"].status == "failed"
    assert "too large" in (by_name["bomb.html.gz"].error or "")
    assert by_name["nul-bytes.txt"].status == "failed"
    for name in ("markup-injection.html", "escapes.txt", "invalid-utf8.txt", "wide.txt"):
        assert by_name[name].status == "added", (name, by_name[name].error)
    for result in report.results:
        if result.status == "failed":
            assert result.error and "Traceback" not in result.error
        else:
            article = library.articles.get(result.article_id or 0).article
            _assert_safe(article)
    injected = library.articles.get(by_name["markup-injection.html"].article_id or 0).article
    assert "[@click=app.quit]" in injected.title + injected.text  # kept literally, as text
    escaped = library.articles.get(by_name["escapes.txt"].article_id or 0).article
    assert escaped.title == "Title here" and "pwned" not in escaped.title
