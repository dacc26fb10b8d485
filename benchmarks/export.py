"""Export speed: 1,000 articles with 10,000 highlights, against plain file writes.

Builds the library in a temporary folder, then times (best of ``--repeat``):

- baseline: writing the very same bytes to fresh files with plain ``open().write()``;
- a first Markdown export into an empty folder (every file written);
- a re-export with nothing changed (every file read, compared, left alone);
- the W3C collection and the JSON Lines backup, for reference.

Target (issue 6 follow-up): the Markdown export under 3 s.

    .venv/bin/python benchmarks/export.py [--articles 1000] [--highlights 10]
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsreader.domain.models import Article, Block, Caption, Link
from newsreader.exporting import backup, export_markdown, w3c
from newsreader.storage import Library, Original

WORDS = ("market", "policy", "border", "talks", "energy", "river", "season", "budget",
         "school", "harvest", "council", "storm", "museum", "railway", "vaccine", "court")


def _paragraph(seed: int) -> str:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(40)]
    return f"Paragraph {seed}: " + " ".join(words).capitalize() + "."


def build(path: Path, articles: int, per_article: int) -> Library:
    """A library of ``articles`` articles with ``per_article`` highlights (half with notes)."""
    library = Library(path)
    library.db.execute("PRAGMA synchronous = OFF")  # building only; the export is what we time
    for number in range(articles):
        paragraphs = tuple(_paragraph(number * 31 + i) for i in range(per_article + 5))
        article = Article(
            title=f'Story {number}: "markets" & more 🚀', url=f"https://news.test/{number}",
            byline="A. Reporter", site="News", published="2024-05-01",
            blocks=tuple(Block("paragraph", p) for p in paragraphs),
            captions=(Caption("A photo.", "AP"),),
            links=(Link("Related", f"https://news.test/r/{number}", "related", "Read"),))
        data = "\n".join((article.title, *paragraphs)).encode()
        original = Original(data, f"/bench/{number}.txt", "file", "text")
        article_id = library.articles.add(article, original, cleaner_version="bench").article_id
        text = article.text
        for index in range(per_article):
            start = text.index(paragraphs[index]) + 14
            note = f"note {index}\n- with a dash" if index % 2 else None
            library.annotations.add_highlight(article_id, start, start + 40,
                                              color=("yellow", "blue")[index % 2], note=note)
    return library


def best(repeat: int, action: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs of ``action``, in seconds."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    """Build the library, run the timings and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--highlights", type=int, default=10, help="per article")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        began = time.perf_counter()
        library = build(root / "bench.db", args.articles, args.highlights)
        print(f"built {args.articles} articles, {args.articles * args.highlights} highlights "
              f"in {time.perf_counter() - began:.1f} s")
        out = root / "out"
        first = best(1, lambda: export_markdown(library, None, out))
        files = sorted(out.glob("*.md"))
        contents = [(path.name, path.read_bytes()) for path in files]

        def plain_writes() -> None:
            target = root / "plain"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            for name, data in contents:
                with open(target / name, "wb") as handle:
                    handle.write(data)

        def fresh_export() -> None:
            shutil.rmtree(out)
            export_markdown(library, None, out)

        baseline = best(args.repeat, plain_writes)
        cold = min(first, best(args.repeat, fresh_export))
        warm = best(args.repeat, lambda: export_markdown(library, None, out))
        annotations = best(args.repeat, lambda: w3c.to_json(w3c.collection(library)))
        dump = best(args.repeat, lambda: backup.write_backup(library, io.StringIO()))
        library.close()
    size = sum(len(data) for _, data in contents)
    print(f"{len(files)} files, {size / 1e6:.1f} MB")
    print(f"baseline (plain writes of the same bytes): {baseline:6.3f} s")
    print(f"markdown export, empty folder:             {cold:6.3f} s  "
          f"({cold / baseline:.1f}x baseline; target < 3 s)")
    print(f"markdown re-export, nothing changed:        {warm:6.3f} s")
    print(f"w3c collection (in memory):                 {annotations:6.3f} s")
    print(f"json lines backup (in memory):              {dump:6.3f} s")


if __name__ == "__main__":
    main()
