"""The two development corpora, read the same way by every benchmark, and their score.

- ``extraction-dev`` (the scrapinghub article-extraction-benchmark): ``html/<id>.html.gz``
  and ``ground-truth.json`` ({id: {articleBody, url}}).
- ``readability-dev`` (mozilla/readability's test pages): ``<name>/source.html.gz``, with
  Readability.js's output ``expected.html.gz`` as the reference (it keeps captions in the
  body) and ``expected-metadata.json``. Only real pages count: a page is real when its
  source is at least ``MIN_REAL_BYTES`` long (the synthetic test pages are small
  hand-written files) and under half the letters of its reference are CJK (the cleaner
  and the score are word-based).

Pages are sorted by name; even positions are the development half, odd ones held out.
The score is the scrapinghub benchmark's: ``\\w+`` tokens (case kept), word 4-gram
shingles as multisets, precision and recall per page averaged over pages (an empty
prediction counts for recall only), F1 the harmonic mean of the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

MIN_REAL_BYTES = 20_000
_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_BLOCK_TAGS = ("p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4",
               "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "figure",
               "figcaption", "br", "dt", "dd", "header", "footer", "aside")


@dataclass
class Page:
    """One page of a corpus: its HTML, the reference article text, and its address."""

    name: str
    html: str
    reference: str
    url: str | None = None


def load(directory: Path) -> list[Page]:
    """The corpus in ``directory``, whichever of the two layouts it has."""
    if (directory / "ground-truth.json").exists():
        return load_extraction_dev(directory)
    return load_readability_dev(directory)


def load_extraction_dev(directory: Path) -> list[Page]:
    """Every page of an article-extraction-benchmark style corpus, sorted by id."""
    truth: dict[str, dict[str, str]] = json.loads(
        (directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        with gzip.open(directory / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        pages.append(Page(key, html, truth[key].get("articleBody", ""),
                          truth[key].get("url") or None))
    return pages


def load_readability_dev(directory: Path) -> list[Page]:
    """The real pages of a readability test-suite style corpus, sorted by name."""
    pages = []
    for folder in sorted(p for p in directory.iterdir() if (p / "source.html.gz").exists()):
        raw = gzip.decompress((folder / "source.html.gz").read_bytes())
        if len(raw) < MIN_REAL_BYTES:
            continue
        expected = gzip.decompress((folder / "expected.html.gz").read_bytes())
        reference = html_text(expected.decode("utf-8"))
        letters = sum(c.isalpha() for c in reference)
        if letters and len(_CJK.findall(reference)) * 2 >= letters:
            continue
        pages.append(Page(folder.name, raw.decode("utf-8", errors="replace"), reference))
    return pages


def halves(pages: Sequence[Page]) -> dict[str, list[Page]]:
    """The development half (even positions) and the held-out half (odd positions)."""
    return {"dev": list(pages[0::2]), "held-out": list(pages[1::2])}


def html_text(html: str) -> str:
    """The text of an HTML fragment, a line break around every block element."""
    tree = lxml_html.fromstring(html)
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return str(tree.text_content())


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams of ``text`` as a multiset; a text shorter than n is one shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i : i + n])


def page_counts(true: str, pred: str) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of one page's shingles."""
    t, p = shingles(true), shingles(pred)
    return sum((t & p).values()), sum((p - t).values()), sum((t - p).values())


def page_f1(true: str, pred: str) -> float:
    """One page's F1 (0 when nothing matches)."""
    tp, fp, fn = page_counts(true, pred)
    if fp == fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(counts: Sequence[tuple[int, int, int]]) -> tuple[float, float, float]:
    """(F1, precision, recall) over pages, as the benchmark's evaluate.py computes them."""
    precisions = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in counts if tp + fp]
    recalls = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in counts if tp + fn]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall
