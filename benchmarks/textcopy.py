"""What a browser gives when a page's article is selected and copied, as plain text.

The selection is the page's ``<article>`` element (the largest, by text, when there are
several), else ``<main>`` / ``[role=main]``, else the element with the most paragraph text
directly inside it. Block elements are separated by a blank line and inline text is
joined, as browsers do; invisible elements (scripts, styles, ``hidden``, an inline
``display: none`` or ``visibility: hidden``) are not copied.

Run as a script, it scores ``clean(copy, kind="text")`` against the raw copy on both dev
corpora (``benchmarks/corpora.py`` reads them and defines the score; the body reference
is the one ``benchmarks/extraction.py`` uses)::

    .venv/bin/python benchmarks/textcopy.py [CORPUS_DIR ...] [--worst N]

The copied-text classifier is trained on every page of both dev corpora, so these figures
are in-sample; ``scripts/train_text_blocks.py cv`` gives the cross-validated ones, the
estimate for pages the classifier has not seen.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora

from newsreader.ingest.cleaning import clean

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT_CORPORA = (_SHARED / "extraction-dev", _SHARED / "readability-dev")
WORSE_BY = 0.02

_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "figure", "figcaption", "pre", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "details", "summary", "center",
}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "link",
              "svg", "iframe", "object", "button", "select", "textarea", "input"}
# Inline styles that keep an element from being rendered, so from being copied (the MathML
# Wikipedia hides beside its formula images, a gallery's hidden slides).
_NOT_RENDERED = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BREAK = "\x00"
_LINE = "\x01"


def copied_text(html: str) -> str:
    """The plain text a reader gets by selecting the page's article and copying it."""
    try:
        tree = lxml_html.document_fromstring(html)
    except Exception:  # an unparseable page copies as nothing
        return ""
    selection = _selection(tree)
    return "" if selection is None else copied_element(selection)


def copied_element(element: Any) -> str:
    """The plain text a browser copies when ``element`` (of a parsed page) is selected,
    copied as :func:`copied_text` copies the article's element."""
    pieces: list[str] = []
    if element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
    blocks = (_lines(chunk) for chunk in "".join(pieces).split(_BREAK))
    return "\n\n".join(block for block in blocks if block)


def _lines(chunk: str) -> str:
    lines = (" ".join(line.split()) for line in chunk.split(_LINE))
    return "\n".join(line for line in lines if line)


def _selection(tree: Any) -> Any:
    articles = list(tree.iter("article"))
    if articles:
        return max(articles, key=_text_length)
    mains = list(tree.iter("main")) or tree.xpath("//*[@role='main']")
    if mains:
        return max(mains, key=_text_length)
    best, best_length = None, 0
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        length = sum(len(p.text_content()) for p in parent if p.tag == "p")
        if length > best_length:
            best, best_length = parent, length
    return best if best is not None else tree.find("body")


def _text_length(element: Any) -> int:
    return len(re.sub(r"\s+", "", element.text_content()))


def _walk(element: Any, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if (not tag or tag in _INVISIBLE or element.get("hidden") is not None
            or _NOT_RENDERED.search(element.get("style") or "")):
        if element.tail:
            pieces.append(element.tail)
        return
    block = tag in _BLOCKS
    if block:
        pieces.append(_BREAK)
    if tag == "br":
        pieces.append(_LINE)
    if element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
    if block:
        pieces.append(_BREAK)
    if element.tail:
        pieces.append(element.tail)


def clean_copy_with_captions(copy: str, url: str | None = None) -> tuple[str, str]:
    """The article text kept from a copy, and the same with the captions the cleaner
    lifted out of it appended (as ``benchmarks/extraction.py``'s "F1 +capt" does)."""
    article = clean(copy, kind="text", url=url)
    captions = " ".join(f"{c.text} {c.credit or ''}" for c in article.captions)
    return article.text, f"{article.text}\n{captions}" if captions else article.text


def load_pages(directory: Path) -> list[corpora.Page]:
    """The corpus's pages with the body reference ``benchmarks/extraction.py`` scores the
    HTML cleaner against (on readability-dev, the expected text without its figure
    captions, which the cleaner lifts out of the body)."""
    return load_pages_and_wholes(directory)[0]


def load_pages_and_wholes(directory: Path) -> tuple[list[corpora.Page], dict[str, str]]:
    """The pages as :func:`load_pages` gives them, and the whole reference of each page
    whose reference keeps its captions in the article (readability-dev's expected output;
    none for extraction-dev)."""
    from extraction import load_corpus

    corpus = load_corpus(directory)
    pages = [corpora.Page(name, html, corpus.truth[name], corpus.urls[name])
             for name, html in corpus.pages.items()]
    wholes = {name: corpus.whole[name] for name in corpus.pages
              if (directory / name / "expected.html.gz").exists()}
    return pages, wholes


def measure(directory: Path, *, worst: int = 0) -> None:
    """Print raw copy F1, cleaned F1 and the pages made worse, for one corpus; where the
    reference keeps captions in the article, also both against that whole reference with
    the lifted captions appended to the cleaned text."""
    pages, whole = load_pages_and_wholes(directory)
    copies = {page.name: copied_text(page.html) for page in pages}
    results = {page.name: clean_copy_with_captions(copies[page.name], page.url)
               for page in pages}
    cleaned = {name: body for name, (body, _) in results.items()}
    raw_counts = {p.name: corpora.page_counts(p.reference, copies[p.name]) for p in pages}
    clean_counts = {p.name: corpora.page_counts(p.reference, cleaned[p.name]) for p in pages}
    deltas = {p.name: corpora.page_f1(p.reference, cleaned[p.name])
              - corpora.page_f1(p.reference, copies[p.name]) for p in pages}
    print(f"\n{directory.name}: {len(pages)} pages")
    print(f"{'':<8} {'pages':>5} {'raw F1':>7} {'clean F1':>8} {'prec':>6} {'recall':>6}"
          f" {'worse':>5}")
    names = [p.name for p in pages]
    raw_f1 = corpora.score([raw_counts[n] for n in names])[0]
    f1, precision, recall = corpora.score([clean_counts[n] for n in names])
    worse = sum(deltas[n] < -WORSE_BY for n in names)
    print(f"{'all':<8} {len(names):5} {raw_f1:7.4f} {f1:8.4f} {precision:6.4f} {recall:6.4f}"
          f" {worse:5}")
    if whole:
        raw_whole = corpora.score([corpora.page_counts(whole[n], copies[n]) for n in names])[0]
        capt = corpora.score([corpora.page_counts(whole[n], results[n][1]) for n in names])[0]
        print(f"against the reference with its captions, the cleaned text with the captions "
              f"it lifted out: raw {raw_whole:.4f}, cleaned +capt {capt:.4f} "
              f"({capt - raw_whole:+.4f})")
    if worst:
        print("worst pages (cleaned minus raw page F1):")
        for name in sorted(deltas, key=deltas.__getitem__)[:worst]:
            print(f"  {name:<40} {deltas[name]:+.3f}")


def main(argv: Sequence[str] | None = None) -> None:
    """Measure every corpus given (both dev corpora by default)."""
    parser = argparse.ArgumentParser(description="Cleaning of plain-text copies of pages.")
    parser.add_argument("corpus", type=Path, nargs="*", default=list(DEFAULT_CORPORA))
    parser.add_argument("--worst", type=int, default=5, help="list this many worst pages")
    args = parser.parse_args(argv)
    print(f"'worse' counts pages whose cleaned F1 is below the raw copy's by over {WORSE_BY}")
    for directory in args.corpus:
        measure(directory, worst=args.worst)


if __name__ == "__main__":
    main()
