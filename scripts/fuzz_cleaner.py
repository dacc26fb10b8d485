"""Fuzz the cleaner: mutate real pages and random text, and check the cleaner's promises.

Usage: python scripts/fuzz_cleaner.py [--minutes 3] [--corpus DIR] [--seed N]

Inputs are the corpus pages (and the samples) cut, spliced, byte-flipped, nested, and
sprinkled with escape sequences, markup-like text and odd Unicode. For each input, the
whole import path from bytes (decode, then clean as HTML, text and Markdown) must either
refuse it with UnreadableSourceError or return an Article whose canonical text holds no
control characters and whose link spans lie inside the text. Any other outcome is printed
with the input saved to fuzz-findings/, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import sys
import time
import traceback
from pathlib import Path

from newsreader.ingest.cleaning import clean
from newsreader.ingest.decoding import UnreadableSourceError, decode

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SPICE = [b"\x1b[31m", b"\x1b]0;title\x07", b"\x1b]52;c;AAAA\x1b\\", b"\xe2\x80\xae", b"\x00",
         b"[@click=app.quit]", b"[/]", b"<figure><figcaption>Photo: AP</figcaption></figure>",
         b"<p>Read also: <a href='javascript:x'>t</a></p>", b"<a href='https://x.org'>",
         b"</div></div>", b"<div><div><div>", b"&#0;&#x1b;&#128;", b"&#x202e;&#7;&#27;[2J",
         b"\xff\xfe", b"\xc3",
         "東京 👩‍💻 Привет".encode(), b"<!--", b"<![CDATA[", b"<script>", b"<meta charset=x>"]


def _seeds(corpus: Path | None) -> list[bytes]:
    seeds = [path.read_bytes() for path in Path("sample_articles").glob("*") if path.is_file()]
    if corpus is not None:
        seeds += [gzip.decompress(path.read_bytes())
                  for path in sorted((corpus / "html").glob("*.html.gz"))]
    return seeds or [b"<html><body><p>seed</p></body></html>"]


def _mutate(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    for _ in range(rng.randint(1, 6)):
        choice = rng.randrange(6)
        position = rng.randrange(len(data) + 1)
        if choice == 0:
            data = data[:position] + rng.choice(SPICE) + data[position:]
        elif choice == 1 and data:
            data = data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]
        elif choice == 2:
            data = data[: rng.randrange(len(data) + 1)]
        elif choice == 3:
            other = rng.choice(seeds)
            start = rng.randrange(len(other) + 1)
            data = data[:position] + other[start : start + rng.randint(0, 4000)] + data[position:]
        elif choice == 4:
            depth = rng.randint(10, 3000)
            data = data[:position] + b"<div>" * depth + b"x" + b"</div>" * depth + data[position:]
        else:
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    return data


def check(data: bytes) -> None:
    """Run one input through decode and clean as every kind; raise on a broken promise."""
    for kind in ("html", "text", "markdown"):
        try:
            text = decode(data, html=kind == "html")
        except UnreadableSourceError:
            return
        article = clean(text, kind=kind)  # type: ignore[arg-type]
        body = article.text
        if UNSAFE.search(body) or UNSAFE.search(article.title):
            raise AssertionError(f"{kind}: control characters survived")
        for link in article.links:
            if link.start is not None and not 0 <= link.start <= (link.end or 0) <= len(body):
                raise AssertionError(f"{kind}: link span {link.start}-{link.end} outside text")


def main() -> int:
    """Fuzz until the time is up; report and save every finding."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.setrecursionlimit(10_000)
    rng = random.Random(args.seed)
    seeds = _seeds(args.corpus)
    findings = Path("fuzz-findings")
    deadline = time.monotonic() + args.minutes * 60
    runs = failures = 0
    while time.monotonic() < deadline:
        data = _mutate(rng, rng.choice(seeds), seeds)
        runs += 1
        try:
            check(data)
        except RecursionError:
            pass  # import reports "nested too deeply"; not a crash of the program
        except Exception:
            failures += 1
            findings.mkdir(exist_ok=True)
            (findings / f"finding-{failures}.bin").write_bytes(data)
            print(f"finding {failures}:\n{traceback.format_exc()}", file=sys.stderr)
    print(f"{runs} inputs in {args.minutes:g} min, {failures} finding(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
