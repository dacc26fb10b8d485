"""Import throughput (pages/s) on the dev corpora, against trafilatura alone on the same pages.

newsreader: the whole import path, ``newsreader.ingest.importing.import_sources`` on each page's
``.html.gz`` file into a fresh temporary library (one per pass): read, gunzip, decode,
clean, store (one transaction, synced, per article). Baseline: ``trafilatura.extract(html,
include_comments=False)`` (as ``extraction.py`` runs it) on the same pages, already read and
decoded, in the same process. For the breakdown, ``clean()`` alone on the decoded pages.
The three run page by page in turn; ``--repeat`` passes, the median pass counts. One
process, one page at a time: ``import_folder.py`` measures a folder spread over all cores.

Each corpus is a folder in either layout: ``html/<id>.html.gz`` (extraction-dev) or
``<name>/source.html.gz`` (readability-dev); every page of it is used. Without arguments:
both dev corpora beside the repository (``../shared/corpus/``), or ``$NEWSREADER_CORPUS``.

    .venv/bin/python benchmarks/import_speed.py [CORPUS_DIR ...] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import os
import tempfile
import time
from pathlib import Path

import trafilatura
from benchlib import REPO, describe_machine, median, table

from newsreader.ingest.cleaning import clean
from newsreader.ingest.decoding import decode
from newsreader.ingest.importing import import_sources
from newsreader.storage import Library

# A corpus folder, by argument or from the environment, so that run_all.py can pass it on.
CORPUS_VARIABLE = "NEWSREADER_CORPUS"
DEV_CORPORA = [REPO.parent / "shared" / "corpus" / name
               for name in ("extraction-dev", "readability-dev")]


def corpus_files(corpus: Path) -> list[Path]:
    """The gzipped pages of a corpus, in either layout, sorted."""
    return sorted((corpus / "html").glob("*.html.gz")) or sorted(corpus.glob("*/source.html.gz"))


def default_corpora() -> list[Path]:
    """``$NEWSREADER_CORPUS`` if set, else the dev corpora beside the repository."""
    variable = os.environ.get(CORPUS_VARIABLE)
    return [Path(variable)] if variable else DEV_CORPORA


def measure(corpus: Path, repeat: int) -> list[tuple[str, ...]]:
    """The table rows for one corpus."""
    files = corpus_files(corpus)
    if not files:
        raise SystemExit(f"no html/*.html.gz or */source.html.gz pages in {corpus} (give the "
                         f"corpus folder, or set {CORPUS_VARIABLE})")
    pages = [decode(gzip.decompress(path.read_bytes()), html=True) for path in files]
    passes: dict[str, list[float]] = {"trafilatura": [], "clean": [], "import": []}
    with tempfile.TemporaryDirectory() as temp:
        for attempt in range(repeat):
            seconds = dict.fromkeys(passes, 0.0)
            failures = 0
            with Library(Path(temp) / f"import-{attempt}.db") as library:
                # Page by page, the three in turn, so that other load falls on all alike.
                for path, html in zip(files, pages, strict=True):
                    started = time.perf_counter()
                    trafilatura.extract(html, include_comments=False)
                    seconds["trafilatura"] += time.perf_counter() - started

                    started = time.perf_counter()
                    clean(html, kind="html")
                    seconds["clean"] += time.perf_counter() - started

                    started = time.perf_counter()
                    report = import_sources(library, [str(path)])
                    seconds["import"] += time.perf_counter() - started
                    failures += len(report.failures)
            for name, total in seconds.items():
                passes[name].append(total)
            if failures:
                print(f"{corpus.name}: {failures} pages failed to import")
    count = len(pages)
    rate = {name: count / median(seconds) for name, seconds in passes.items()}
    return [
        (corpus.name, str(count), "import (read, decode, clean, store)",
         f"{rate['import']:.1f}", f"{rate['trafilatura']:.1f}",
         f"{rate['import'] / rate['trafilatura']:.2f}x"),
        (corpus.name, str(count), "clean() only", f"{rate['clean']:.1f}",
         f"{rate['trafilatura']:.1f}", f"{rate['clean'] / rate['trafilatura']:.2f}x"),
    ]


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpora = args.corpora or default_corpora()
    rows = [row for corpus in corpora for row in measure(corpus, args.repeat)]
    print(f"median of {args.repeat} passes; {describe_machine()}")
    print(table(["corpus", "pages", "newsreader path", "pages/s",
                 "trafilatura.extract pages/s", "ratio"], rows))


if __name__ == "__main__":
    main()
