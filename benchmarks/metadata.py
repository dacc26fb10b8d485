"""Title and byline benchmark: the project's metadata against readability-lxml's and trafilatura's.

Usage: python benchmarks/metadata.py [CORPUS_DIR] [--pages]

CORPUS_DIR is a readability test-suite style corpus (default ``../shared/corpus/readability-dev``):
``<name>/source.html.gz`` with ``<name>/expected-metadata.json``, Readability.js's own title
and byline, the reference. The pages are those ``corpora.load`` keeps (real pages only: no
synthetic test page, none mostly CJK), so this and ``extraction.py`` measure the same set.
(The scrapinghub corpus, extraction-dev, has no reference titles or bylines.)

Needs the ``bench`` extra for readability-lxml: ``pip install -e ".[bench]"``.

A value matches the reference when the two are equal once normalised: Unicode NFKC,
case-folded, curly quotes made straight, every dash a hyphen, runs of whitespace one
space, trimmed; for bylines, a leading "By" or "Written by" of the reference is left out.
A missing value never matches. A date matches when it names the same day as the
reference's ``publishedTime``, counted over the pages that have one. Readability-lxml
has two titles: ``Document.title()`` (the page's ``<title>``) and
``Document.short_title()`` (the same with a site name cut off); both are shown. Its
byline is not measured (it finds none).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import trafilatura
from readability import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora

from newsreader.ingest.cleaning import clean

_BY = re.compile(r"^(?:written\s+by|by)\s+")
_DIGIT = re.compile(r"\d")
_DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "readability-dev"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2010": "-",
                         "\u2011": "-", "\u2012": "-", "\u2212": "-"})


def normalise(value: str | None) -> str:
    """The form two values are compared in (see the module docstring)."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value).casefold().translate(_QUOTES)
    return " ".join(text.split())


def matches(value: str | None, reference: str | None) -> bool:
    """True if both are present and equal once normalised."""
    return bool(normalise(reference)) and normalise(value) == normalise(reference)


def byline_matches(value: str | None, reference: str | None) -> bool:
    """As :func:`matches`, a leading "By" or "Written by" of the reference left out."""
    return matches(value, _BY.sub("", normalise(reference)))


def date_matches(value: str | None, reference: str | None) -> bool:
    """True if both are present and name the same day (the first ten characters)."""
    return bool(value and reference) and (value or "")[:10] == (reference or "")[:10]


def _readability(html: str) -> tuple[str, str]:
    document = Document(html)
    return str(document.title()), str(document.short_title())


def _trafilatura(html: str) -> tuple[str | None, str | None, str | None]:
    found = trafilatura.extract_metadata(html)
    if found is None:
        return None, None, None
    return found.title, found.author, found.date


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print its table (and, with --pages, every page's titles)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=_DEFAULT)
    parser.add_argument("--pages", action="store_true", help="print every page's values")
    args = parser.parse_args(argv)
    pages = corpora.load(args.corpus)
    reference: dict[str, dict[str, str | None]] = {}
    found: dict[str, dict[str, str | None]] = {}
    for page in pages:
        folder = args.corpus / page.name
        reference[page.name] = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        html = page.html
        article = clean(html, kind="html")
        full, short = _readability(html)
        traf_title, traf_author, traf_date = _trafilatura(html)
        found[page.name] = {
            "newsreader title": article.title, "newsreader byline": article.byline,
            "newsreader date": article.published,
            "readability-lxml title()": full, "readability-lxml short_title()": short,
            "trafilatura title": traf_title, "trafilatura author": traf_author,
            "trafilatura date": traf_date,
        }
    names = [page.name for page in pages]
    halves = corpora.halves(pages)
    print(f"{len(names)} pages of {args.corpus.name}; a match is equality once normalised"
          " (NFKC, case, quotes, dashes, whitespace)\n")
    print(f"{'what':<32} {'matches':>8} {'rate':>6} {'dev':>6} {'held':>6}")
    rows: list[tuple[str, str]] = [
        ("newsreader title", "title"), ("readability-lxml title()", "title"),
        ("readability-lxml short_title()", "title"), ("trafilatura title", "title"),
        ("newsreader byline", "byline"), ("trafilatura author", "byline"),
        ("newsreader date", "publishedTime"), ("trafilatura date", "publishedTime"),
    ]
    compare = {"title": matches, "byline": byline_matches, "publishedTime": date_matches}
    for label, key in rows:
        # dates are counted over the pages whose reference has one
        counted = [name for name in names if key != "publishedTime" or reference[name].get(key)]
        hits = {name: compare[key](found[name][label], reference[name].get(key))
                for name in names}
        count = sum(hits[name] for name in counted)
        dev, held = (sum(hits[p.name] for p in half if p.name in counted)
                     / max(1, sum(p.name in counted for p in half)) for half in halves.values())
        print(f"{label:<32} {count:>4}/{len(counted):<3} {count / max(1, len(counted)):6.2f}"
              f" {dev:6.2f} {held:6.2f}")
    dated = sum(bool(_DIGIT.search(found[name]["newsreader byline"] or "")) for name in names)
    print(f"\nnewsreader bylines with a digit in them (a date or count run in): {dated}")
    if args.pages:
        for name in names:
            print(f"\n{name}\n  reference: {reference[name].get('title')!r}"
                  f"  by {reference[name].get('byline')!r}"
                  f"  on {reference[name].get('publishedTime')!r}")
            for label, value in found[name].items():
                key = ("byline" if label.endswith(("byline", "author")) else
                       "publishedTime" if label.endswith("date") else "title")
                mark = "=" if compare[key](value, reference[name].get(key)) else " "
                print(f"  {mark} {label:<31} {value!r}")


if __name__ == "__main__":
    main()
