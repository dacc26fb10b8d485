"""Article-body extraction benchmark: the project's cleaner against trafilatura and readability.

Usage: python benchmarks/extraction.py CORPUS_DIR [CORPUS_DIR ...] [--only NAME ...]
[--repeat N] [--worst N] [--no-copy]

The peers are trafilatura (default and ``favor_precision``) and readability-lxml, both
runtime dependencies of the cleaner, so nothing beyond the project needs installing.

Two corpus layouts are read:

- **scrapinghub** (extraction-dev): ``html/<id>.html.gz`` and ``ground-truth.json``
  ({id: {articleBody, url}}). The reference is ``articleBody``.
- **readability** (readability-dev, pages of mozilla/readability's test suite):
  ``<name>/source.html.gz`` and ``<name>/expected.html.gz``, Readability.js's own output.
  Only real pages are scored, by ``corpora.load``'s rule: the source is at least 20 kB
  (the synthetic test pages are small hand-written files) and under half the letters of
  the reference are CJK.
  Readability.js keeps figure captions in the article; newsreader lifts them out. The
  body reference is therefore the expected HTML with its ``<figcaption>`` elements
  removed, and every extractor (peers included) is scored against that; the captions
  removed are the caption reference. The table also gives F1 against the whole expected
  text, with newsreader's captions appended to its body ("F1 +capt").

The score is the scrapinghub benchmark's: tokens are ``\\w+`` matches (case kept),
shingles are word 4-grams counted as a multiset, precision and recall are computed per
page and averaged over pages (a page whose prediction is empty counts for recall only),
F1 is the harmonic mean of the two averages.

Captions: a reference caption is *captured* when one of newsreader's captions (text and
credit) holds most of its words, and *leaked* when most of its 4-grams are in the body
but not in the reference body (a pull quote repeating the prose is in both).
On extraction-dev, whose reference has no captions, the reference captions are the
page's ``<figcaption>`` elements inside the element that holds the reference text.

Every extractor runs in the same process on the same pages, interleaved page by page
(so that load from other processes falls on all of them alike), each page ``--repeat``
times, keeping the fastest time per page: their pages/second are comparable. Both the
wall-clock rate and the rate by this process's processor time ("cpu p/s", which other
work on a shared machine disturbs less) are printed. Pages with ids sorted and at even
positions are the development half; odd positions are held out.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura
from lxml import html as lxml_html
from readability import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora
from corpora import page_counts, score, shingles
from textcopy import copied_text

from newsreader.domain.models import Article
from newsreader.domain.sanitize import sanitize
from newsreader.ingest.cleaning import clean
from newsreader.ingest.cleaning.html import clean_html
from newsreader.ingest.cleaning.html_page import find_region, index_page

_TOKEN = re.compile(r"\w+")
_URL = re.compile(r"https?://|www\.")
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
           "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th",
           "figure", "figcaption", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr"}
_VIDEO_LINE = re.compile(r"^(?:media|video)\s+caption\b|^(?:watch|play|video)\s*:", re.I)
_PLAYER = re.compile(r"video|player", re.I)
_LABEL_WORDS = {"photo", "photos", "image", "images", "picture", "credit", "source", "by",
                "courtesy", "of", "illustration", "photograph", "foto"}
_BYLINE_LINE = re.compile(r"^(?:by|words\s+by|written\s+by)\s+\S", re.I)


def page_f1(counts: tuple[int, int, int]) -> float:
    """One page's F1 (0 for an empty prediction of a non-empty reference)."""
    return score([counts])[0]


def html_text(root: Any) -> str:
    """The text of an HTML element, block elements separated by a newline."""
    pieces: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in {"script", "style", "noscript", "template"} or not tag:
            pieces.append(element.tail or "")
            return
        block = tag in _BLOCKS
        pieces.append("\n" if block else "")
        pieces.append(element.text or "")
        for child in element:
            walk(child)
        pieces.append("\n" if block else "")
        pieces.append(element.tail or "")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass
class Corpus:
    """Pages, their reference body text and captions."""

    name: str
    pages: dict[str, str] = field(default_factory=dict)
    truth: dict[str, str] = field(default_factory=dict)
    whole: dict[str, str] = field(default_factory=dict)  # reference with its captions
    captions: dict[str, list[str]] = field(default_factory=dict)
    urls: dict[str, str | None] = field(default_factory=dict)


def load_corpus(directory: Path) -> Corpus:
    """Read either corpus layout through ``corpora.load`` (which pages count is said there)."""
    corpus = Corpus(directory.name)
    for page in corpora.load(directory):
        corpus.pages[page.name] = page.html
        corpus.urls[page.name] = page.url
        corpus.whole[page.name] = page.reference
        expected = directory / page.name / "expected.html.gz"
        if expected.exists():
            reference = lxml_html.fragment_fromstring(
                gzip.decompress(expected.read_bytes()).decode("utf-8"), create_parent="div")
            captions = []
            for figcaption in list(reference.iter("figcaption")):
                captions.append(" ".join(figcaption.text_content().split()))
                figcaption.drop_tree()
            corpus.truth[page.name] = html_text(reference)
        else:
            corpus.truth[page.name] = page.reference
            captions = _captions_around(page.html, page.reference)
        corpus.captions[page.name] = [text for text in captions if len(text.split()) >= 3]
    return corpus


def _captions_around(html: str, body: str) -> list[str]:
    """The page's figcaptions inside the element that holds the reference text."""
    try:
        tree = lxml_html.document_fromstring(html)
    except Exception:  # an unparseable page has no captions to find
        return []
    region = find_region(tree, index_page(tree), body.split("\n"))
    if region is None:
        return []
    return [" ".join(f.text_content().split()) for f in region.iter("figcaption")
            if not _labels_video(f)]


def _labels_video(figcaption: Any) -> bool:
    """A figcaption of a video (its figure holds a player): not a picture caption."""
    figure = figcaption.getparent()
    if figure is None or _VIDEO_LINE.match(" ".join(figcaption.text_content().split())):
        return figure is not None
    if any(True for _ in figure.iter("video", "iframe")):
        return True
    return any(_PLAYER.search(f"{a.get('class') or ''} {a.get('id') or ''}")
               for a in [figcaption, *figcaption.iterancestors()])


@dataclass
class Run:
    """One extractor's output on every page, and how long it took (wall clock, and the
    processor time of this process, which other work on the machine disturbs less)."""

    name: str
    texts: dict[str, str]
    seconds: float
    cpu_seconds: float = 0.0


def interleaved(pages: dict[str, str], extractors: dict[str, Callable[[str, str], str]],
                repeat: int) -> list[Run]:
    """Run every ``extract(page_id, html)`` on each page in turn, ``repeat`` times."""
    runs = {name: Run(name, {}, 0.0) for name in extractors}
    for key, html in pages.items():
        for name, extract in extractors.items():
            best = best_cpu = float("inf")
            for _ in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                text = extract(key, html) or ""
                best = min(best, time.perf_counter() - started)
                best_cpu = min(best_cpu, time.process_time() - started_cpu)
            runs[name].texts[key] = text
            runs[name].seconds += best
            runs[name].cpu_seconds += best_cpu
    return list(runs.values())


def _readability(html: str) -> str:
    summary = Document(html).summary(html_partial=True)
    return html_text(lxml_html.fromstring(summary))


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark on each corpus and print its tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--only", nargs="*", help="run only these extractors")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per page and extractor; the fastest counts")
    parser.add_argument("--worst", type=int, default=5,
                        help="list newsreader's N worst pages per corpus")
    parser.add_argument("--no-copy", action="store_true", help="skip the copied-text table")
    args = parser.parse_args(argv)
    for directory in args.corpus:
        _run_corpus(load_corpus(directory), args)


def _run_corpus(corpus: Corpus, args: argparse.Namespace) -> None:
    pages, urls = corpus.pages, corpus.urls
    articles: dict[str, Article] = {}

    def project(key: str, html: str) -> str:
        articles[key] = clean(html, kind="html", url=urls[key])
        return articles[key].text

    started = time.perf_counter()
    sanitised = {key: sanitize(html) for key, html in pages.items()}
    sanitize_ms = (time.perf_counter() - started) / max(1, len(pages)) * 1000

    def project_core(key: str, _html: str) -> str:
        return clean_html(sanitised[key], url=urls[key]).text

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
    print(f"== {corpus.name}: {len(keys)} pages")
    print("   'newsreader' is clean(kind='html'), 'newsreader core' is clean_html on"
          f" pre-sanitised input (sanitize: {sanitize_ms:.1f} ms/page)\n")
    print(f"{'extractor':<18} {'F1':>6} {'prec':>6} {'recall':>6} {'pages/s':>8} {'cpu p/s':>8}"
          f" {'F1 dev':>7} {'F1 held':>7} {'F1 +capt':>8} {'empty':>5}")
    per_page: dict[str, dict[str, float]] = {}
    for run in runs:
        counts = {k: page_counts(corpus.truth[k], run.texts[k]) for k in keys}
        f1, precision, recall = score(list(counts.values()))
        dev, held = (score([counts[k] for k in half])[0] for half in halves.values())
        with_captions = {k: run.texts[k] for k in keys}
        if run.name == "newsreader" and articles:
            for k in keys:
                extra = " ".join(f"{c.text} {c.credit or ''}" for c in articles[k].captions)
                with_captions[k] = f"{with_captions[k]}\n{extra}"
        whole = score([page_counts(corpus.whole[k], with_captions[k]) for k in keys])[0]
        empty = sum(not run.texts[k].strip() for k in keys)
        per_page[run.name] = {k: page_f1(c) for k, c in counts.items()}
        print(f"{run.name:<18} {f1:6.4f} {precision:6.4f} {recall:6.4f}"
              f" {len(keys) / run.seconds:8.1f} {len(keys) / max(run.cpu_seconds, 1e-9):8.1f}"
              f" {dev:7.4f} {held:7.4f} {whole:8.4f} {empty:5}")
    if articles:
        _project_details(corpus, articles, {r.name: r.texts for r in runs})
        _worst(per_page, args.worst)
        if not args.no_copy:
            _text_copy(corpus)
    print()


def _words(text: str) -> set[str]:
    return {token.casefold() for token in _TOKEN.findall(text)}


def _captured(reference: str, article: Article) -> bool:
    wanted = _words(reference) - _LABEL_WORDS
    return any(len(wanted & _words(f"{c.text} {c.credit or ''}")) >= 0.8 * len(wanted)
               for c in article.captions)


def _leaked(reference: str, body: str) -> bool:
    wanted = shingles(reference)
    found = shingles(body)
    return sum((wanted & found).values()) >= 0.8 * sum(wanted.values())


def _project_details(corpus: Corpus, articles: dict[str, Article],
                     texts: dict[str, dict[str, str]]) -> None:
    references = [(k, c) for k, captions in corpus.captions.items() for c in captions]
    captured = sum(_captured(c, articles[k]) for k, c in references)
    # A caption that repeats the article's own prose (a pull quote) is not a leak.
    leaked = [(k, c) for k, c in references
              if _leaked(c, articles[k].text) and not _leaked(c, corpus.truth[k])]
    ours = [c for a in articles.values() for c in a.captions]
    video = [c.text for c in ours if _VIDEO_LINE.match(c.text)]
    byline = [c.text for c in ours if _BYLINE_LINE.match(c.text) and not c.credit]
    related = sum(sum(link.kind == "related" for link in a.links) for a in articles.values())
    inline = sum(sum(link.kind == "inline" for link in a.links) for a in articles.values())
    urls = sum(len(_URL.findall(a.text)) for a in articles.values())
    empty_vs_peer = [k for k, a in articles.items() if not a.text.strip() and any(
        t.get(k, "").strip() for name, t in texts.items() if not name.startswith("newsreader"))]
    print("\nnewsreader details")
    print(f"  reference captions:           {len(references)} "
          f"(on {len({k for k, _ in references})} pages)")
    share = captured / len(references) if references else 1.0
    print(f"  ... captured as captions:     {captured} ({share:.0%})")
    print(f"  ... leaked into the body:     {len(leaked)} {[k[:12] for k, _ in leaked]}")
    print(f"  captions found in all:        {len(ours)} "
          f"(on {sum(bool(a.captions) for a in articles.values())} pages)")
    print(f"  video-player lines as caption:{len(video):>3} {video[:3]}")
    print(f"  byline lines as caption:      {len(byline)} {byline[:3]}")
    print(f"  empty body where a peer has text: {len(empty_vs_peer)} {empty_vs_peer}")
    print(f"  related (teaser) links:       {related} "
          f"(on {sum(any(lk.kind == 'related' for lk in a.links) for a in articles.values())}"
          " pages)")
    print(f"  inline links:                 {inline}")
    print(f"  URLs left in the text:        {urls}")


def _worst(per_page: dict[str, dict[str, float]], count: int) -> None:
    ours = per_page.get("newsreader") or per_page.get("newsreader core")
    if not ours or count <= 0:
        return
    peers = [name for name in per_page if not name.startswith("newsreader")]
    print(f"\nnewsreader's {count} worst pages (F1; peers: {', '.join(peers)})")
    for key in sorted(ours, key=ours.get)[:count]:  # type: ignore[arg-type]
        others = " ".join(f"{per_page[name][key]:.3f}" for name in peers)
        print(f"  {key[:28]:<28} {ours[key]:.3f}   {others}")


def _text_copy(corpus: Corpus) -> None:
    keys = list(corpus.pages)
    copies = {key: copied_text(corpus.pages[key]) for key in keys}
    raw = [page_counts(corpus.truth[k], copies[k]) for k in keys]
    cleaned_texts = {k: clean(copies[k], kind="text", url=corpus.urls[k]).text for k in keys}
    cleaned = [page_counts(corpus.truth[k], cleaned_texts[k]) for k in keys]
    print("\nplain-text copy (article element selected and copied)")
    print(f"{'':<22} {'F1':>6} {'prec':>6} {'recall':>6}")
    for name, counts in (("raw copied text", raw), ("clean(kind='text')", cleaned)):
        f1, precision, recall = score(counts)
        print(f"{name:<22} {f1:6.4f} {precision:6.4f} {recall:6.4f}")


if __name__ == "__main__":
    main()
