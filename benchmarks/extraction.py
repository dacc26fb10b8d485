"""Article-body extraction benchmark: the project's cleaner against trafilatura and readability.

Usage: python benchmarks/extraction.py CORPUS_DIR [--only NAME ...] [--repeat N]

Needs the ``bench`` extra for readability-lxml, which the product itself does not use:
``pip install -e ".[bench]"``.

CORPUS_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` ({id: {articleBody, url}}),
as in the scrapinghub article-extraction-benchmark. The score is theirs: tokens are
``\\w+`` matches (case kept), shingles are word 4-grams counted as a multiset, precision
and recall are computed per page and averaged over pages (a page whose prediction is
empty counts for recall only), F1 is the harmonic mean of the two averages.

Every extractor runs in the same process on the same pages, interleaved page by page
(so that load from other processes falls on all of them alike), each page ``--repeat``
times, keeping the fastest time per page: their pages/second are comparable. Pages with
ids sorted and at even positions are the development half; odd positions are held out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from readability import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textcopy import copied_text

from newsreader.domain.models import Article
from newsreader.domain.sanitize import sanitize
from newsreader.ingest.cleaning import clean
from newsreader.ingest.cleaning.html import clean_html

_TOKEN = re.compile(r"\w+")
_URL = re.compile(r"https?://|www\.")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams of ``text`` as a multiset; a text shorter than n is one shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i : i + n])


def page_counts(true: str, pred: str) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of one page's shingles."""
    t, p = shingles(true), shingles(pred)
    return sum((t & p).values()), sum((p - t).values()), sum((t - p).values())


def score(counts: Sequence[tuple[int, int, int]]) -> tuple[float, float, float]:
    """(F1, precision, recall) over pages, as the benchmark's evaluate.py computes them."""
    precisions = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in counts if tp + fp]
    recalls = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in counts if tp + fn]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


@dataclass
class Run:
    """One extractor's output on every page, and how long it took."""

    name: str
    texts: dict[str, str]
    seconds: float


def load_corpus(directory: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Pages by id and the ground truth."""
    truth: dict[str, dict[str, str]] = json.loads(
        (directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for key in sorted(truth):
        with gzip.open(directory / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages[key] = f.read()
    return pages, truth


def interleaved(pages: dict[str, str], extractors: dict[str, Callable[[str, str], str]],
                repeat: int) -> list[Run]:
    """Run every ``extract(page_id, html)`` on each page in turn, ``repeat`` times."""
    runs = {name: Run(name, {}, 0.0) for name in extractors}
    for key, html in pages.items():
        for name, extract in extractors.items():
            best = float("inf")
            for _ in range(repeat):
                started = time.perf_counter()
                text = extract(key, html) or ""
                best = min(best, time.perf_counter() - started)
            runs[name].texts[key] = text
            runs[name].seconds += best
    return list(runs.values())


def _readability(html: str) -> str:
    summary = Document(html).summary(html_partial=True)
    return str(lxml_html.fromstring(summary).text_content())


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--only", nargs="*", help="run only these extractors")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per page and extractor; the fastest counts")
    args = parser.parse_args(argv)
    pages, truth = load_corpus(args.corpus)
    urls = {key: truth[key].get("url") or "" for key in pages}
    articles: dict[str, Article] = {}

    def project(key: str, html: str) -> str:
        articles[key] = clean(html, kind="html", url=urls[key] or None)
        return articles[key].text

    started = time.perf_counter()
    sanitised = {key: sanitize(html) for key, html in pages.items()}
    sanitize_ms = (time.perf_counter() - started) / len(pages) * 1000

    def project_core(key: str, _html: str) -> str:
        return clean_html(sanitised[key], url=urls[key] or None).text

    extractors: dict[str, Callable[[str, str], str]] = {
        "newsreader": project,
        "newsreader core": project_core,
        "trafilatura": lambda _k, h: trafilatura.extract(h, include_comments=False) or "",
        "trafilatura fp": lambda _k, h: trafilatura.extract(
            h, include_comments=False, favor_precision=True) or "",
        "readability-lxml": lambda _k, h: _readability(h),
    }
    chosen = {name: f for name, f in extractors.items() if not args.only or name in args.only}
    runs = interleaved(pages, chosen, max(1, args.repeat))
    keys = list(pages)
    halves = {"dev": keys[0::2], "held-out": keys[1::2]}
    print(f"{len(keys)} pages; 'newsreader' is clean(kind='html'), 'newsreader core' is"
          " clean_html on pre-sanitised input")
    print(f"(clean() sanitises the whole page first: {sanitize_ms:.1f} ms/page)\n")
    print(f"{'extractor':<18} {'F1':>6} {'prec':>6} {'recall':>6} {'pages/s':>8}"
          f" {'F1 dev':>7} {'F1 held':>7}")
    for run in runs:
        counts = {k: page_counts(truth[k].get("articleBody", ""), run.texts[k]) for k in keys}
        f1, precision, recall = score(list(counts.values()))
        dev, held = (score([counts[k] for k in half])[0] for half in halves.values())
        print(f"{run.name:<18} {f1:6.4f} {precision:6.4f} {recall:6.4f}"
              f" {len(keys) / run.seconds:8.1f} {dev:7.4f} {held:7.4f}")
    if articles:
        _project_details(articles)
        _text_copy(pages, truth, urls)


def _project_details(articles: dict[str, Article]) -> None:
    captions = sum(len(a.captions) for a in articles.values())
    leaked = sum(any(c.text and c.text in a.text for c in a.captions) for a in articles.values())
    related = sum(sum(link.kind == "related" for link in a.links) for a in articles.values())
    inline = sum(sum(link.kind == "inline" for link in a.links) for a in articles.values())
    urls = sum(len(_URL.findall(a.text)) for a in articles.values())
    print("\nnewsreader details")
    print(f"  captions captured:            {captions} "
          f"(on {sum(bool(a.captions) for a in articles.values())} pages)")
    print(f"  pages with caption in body:   {leaked}")
    print(f"  related (teaser) links:       {related} "
          f"(on {sum(any(lk.kind == 'related' for lk in a.links) for a in articles.values())}"
          " pages)")
    print(f"  inline links:                 {inline}")
    print(f"  URLs left in the text:        {urls}")


def _text_copy(pages: dict[str, str], truth: dict[str, dict[str, str]],
               urls: dict[str, str]) -> None:
    copies = {key: copied_text(html) for key, html in pages.items()}
    raw = [page_counts(truth[k].get("articleBody", ""), copies[k]) for k in pages]
    cleaned_texts = {k: clean(copies[k], kind="text", url=urls[k] or None).text for k in pages}
    cleaned = [page_counts(truth[k].get("articleBody", ""), cleaned_texts[k]) for k in pages]
    print("\nplain-text copy (article element selected and copied)")
    print(f"{'':<22} {'F1':>6} {'prec':>6} {'recall':>6}")
    for name, counts in (("raw copied text", raw), ("clean(kind='text')", cleaned)):
        f1, precision, recall = score(counts)
        print(f"{name:<22} {f1:6.4f} {precision:6.4f} {recall:6.4f}")


if __name__ == "__main__":
    main()
