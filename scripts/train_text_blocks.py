"""Train the copied-text block classifier (newsreader.ingest.cleaning.text_blocks).

    .venv/bin/python scripts/train_text_blocks.py features [CORPUS_DIR ...]
    .venv/bin/python scripts/train_text_blocks.py fit
    .venv/bin/python scripts/train_text_blocks.py cv [--folds K] [--worst N] [--shuffles K]
        [--extra-weight W] [CORPUS_DIR ...]
    .venv/bin/python scripts/train_text_blocks.py ceiling [CORPUS_DIR ...]

``features`` copies every page of each corpus (both dev corpora by default;
``benchmarks/textcopy.py`` makes the copies and gives the body reference,
``benchmarks/corpora.py`` reads the pages) and writes every block's features and label,
numbers only, to ``scripts/data/text_blocks_training.json.gz``. A block is labelled
article when at least half of its word 4-grams are in the page's reference text (for a
block of under six words: when its words occur there in a row, next to a word of the
block before or after it when it has neighbours). A copy that holds less than half of
its reference is left out: the selection missed the article, and its prose blocks would
teach that prose is not the article.

Besides that standard copy, each page is copied as a reader selecting the article by hand
would copy it: the deepest element that holds at least ``HAND_SHARE`` of the reference's
word 4-grams (where that copy differs from the standard one and holds half of the
reference, labelled by the same rule). Someone else's copy of a page may be selected
differently, and 126 pages are few: the extra copy shows the same page with other chrome
around it. A page's extra copy weighs ``EXTRA_WEIGHT`` of its standard copy; a page whose
standard copy missed the article is trained on its extra copy alone.

``fit`` trains the two logistic stages on that file and writes the weights the package
ships, ``src/newsreader/ingest/cleaning/data/text_blocks.json``. Training is stochastic
gradient descent, shuffled by a seeded generator and averaged over the later half of its
steps, so the same file gives the same weights
(tests/test_text_blocks.py retrains and compares). Every page's standard copy weighs the
same; within a copy a block weighs by its number of words, as the score counts word
4-grams.

``cv`` says how well that does on pages the model has not seen: the pages (both corpora
in one list, in order) are dealt into K folds, each fold's standard copies are cleaned
with weights trained on the others' copies (a page's extra copy stays with its page), and
each corpus's F1 is printed beside the raw copy's and the in-sample figure (every page
cleaned with weights trained on all of them, as shipped). ``--extra-weight 0`` trains
without the extra copies.

``ceiling`` says how far a perfect classifier would go: each corpus's F1 when exactly the
blocks labelled article are kept (the whole copy when none is: an empty body is not an
answer), as they are and through the line rules of ``clean_text`` (which lift the title,
standfirst, byline, dates and captions, and drop teasers and chrome, whatever the labels).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import operator
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from newsreader.ingest.cleaning.text import clean_text, split_blocks
from newsreader.ingest.cleaning.text_blocks import (
    LOCAL_FEATURES,
    SECOND_FEATURES,
    Model,
    block_features,
    logistic,
    opening_groups,
    second_rows,
)

REPO = Path(__file__).resolve().parent.parent
TRAINING = REPO / "scripts" / "data" / "text_blocks_training.json.gz"
WEIGHTS = REPO / "src" / "newsreader" / "ingest" / "cleaning" / "data" / "text_blocks.json"
EPOCHS = 20
LEARNING_RATE = 0.2
L2 = 1e-5
WORSE_BY = 0.02  # as benchmarks/textcopy.py counts pages made worse
HAND_SHARE = 0.9  # of the reference's word 4-grams, in the element a reader selects by hand
# What a page's extra copy weighs beside its standard copy: half and a whole copy did as
# well over ten seeded dealings, a quarter best on the usual one (docs/extraction.md).
EXTRA_WEIGHT = 0.25
_TOKEN = re.compile(r"\w+")

# {"rows": [[float]], "openings": [int], "labels": [int], "weights": [float]}
Page = dict[str, Any]


def label(block: str, reference_tokens: str, reference_shingles: set[tuple[str, ...]],
          before: str = "", after: str = "") -> int:
    """1 when ``block`` is part of the reference text, else 0. A block of under six words
    counts only where the reference has it beside a word of the block before or after it
    (when there is one): a menu's "Mozilla" is not the article's."""
    tokens = _TOKEN.findall(block)
    if not tokens:
        return 0
    if len(tokens) < 6:
        phrase = " ".join(tokens)
        if f" {phrase} " not in reference_tokens:
            return 0
        around = [f" {' '.join(_TOKEN.findall(before)[-1:] + tokens)} ",
                  f" {' '.join(tokens + _TOKEN.findall(after)[:1])} "]
        neighbours = [text for text, side in zip(around, (before, after), strict=True)
                      if _TOKEN.search(side)]
        return int(not neighbours or any(text in reference_tokens for text in neighbours))
    grams = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
    return int(sum(gram in reference_shingles for gram in grams) * 2 >= len(grams))


def page_examples(copy: str, reference: str) -> Page:
    """The features, labels and weights of one copy's blocks."""
    blocks = split_blocks(copy)
    tokens = _TOKEN.findall(reference)
    joined = f" {' '.join(tokens)} "
    grams = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
    sizes = [len(_TOKEN.findall(block)) + 3 for block in blocks]
    total = sum(sizes) or 1
    return {
        "rows": [[round(x, 4) for x in row] for row in block_features(blocks)],
        "openings": opening_groups(blocks),
        "labels": [label(block, joined, grams, blocks[i - 1] if i else "",
                         blocks[i + 1] if i + 1 < len(blocks) else "")
                   for i, block in enumerate(blocks)],
        "weights": [round(size / total, 6) for size in sizes],
    }


@dataclass
class Copy:
    """One page's standard copy, its reference text, its training examples (None when the
    copy misses the article) and those of the page's other copies (``extra``)."""

    corpus: str
    name: str
    url: str | None
    copy: str
    reference: str
    examples: Page | None
    extra: list[Page]

    def training(self, extra_weight: float = EXTRA_WEIGHT) -> list[Page]:
        """The page's examples to train on: the standard copy's, and the extra copies'
        weighing ``extra_weight`` together."""
        pages = [self.examples] if self.examples is not None else []
        if extra_weight <= 0:
            return pages
        share = extra_weight / len(self.extra) if self.extra else 0.0
        return pages + [{**page, "weights": [round(w * share, 6) for w in page["weights"]]}
                        for page in self.extra]


def copies(directories: Sequence[Path]) -> list[Copy]:
    """Every page of every corpus, copied, with its examples."""
    textcopy = _benchmark("textcopy")
    copied_text, load_pages = textcopy.copied_text, textcopy.load_pages

    result = []
    for directory in directories:
        for page in load_pages(directory):
            copy = copied_text(page.html)
            extra = [page_examples(text, page.reference)
                     for text in other_copies(page.html, page.reference)
                     if text != copy and holds_article(text, page.reference)]
            examples = (page_examples(copy, page.reference)
                        if holds_article(copy, page.reference) else None)
            result.append(Copy(directory.name, page.name, page.url, copy, page.reference,
                               examples, extra))
    return result


def holds_article(copy: str, reference: str) -> bool:
    """Whether a copy has blocks and holds at least half of the reference's word 4-grams
    (a copy that misses the article would teach that its prose is not article)."""
    found, _, missed = _benchmark("corpora").page_counts(reference, copy)
    return found >= missed and bool(split_blocks(copy))


def other_copies(html: str, reference: str) -> list[str]:
    """Copies of other selections of the page than the standard one: the copy of the
    deepest element holding ``HAND_SHARE`` of the reference's word 4-grams, as a reader
    selecting the article by hand would make it (none when even the page's body holds
    less)."""
    try:
        tree = lxml_html.document_fromstring(html)
    except Exception:  # an unparseable page copies as nothing
        return []
    copied_element = _benchmark("textcopy").copied_element
    wanted = _shingles(reference)
    if not wanted:
        return []

    def holds(element: Any) -> bool:
        return len(wanted & _shingles(copied_element(element))) >= HAND_SHARE * len(wanted)

    node = tree.find("body")
    if node is None or not holds(node):
        return []
    while True:
        inner = next((child for child in node if isinstance(child.tag, str) and holds(child)),
                     None)
        if inner is None:
            return [copied_element(node)]
        node = inner


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}


def _benchmark(name: str) -> Any:
    """A module of benchmarks/ (the copies, the corpora and the score live there)."""
    if str(REPO / "benchmarks") not in sys.path:
        sys.path.insert(0, str(REPO / "benchmarks"))
    return importlib.import_module(name)


def build_features(directories: Sequence[Path]) -> dict[str, Any]:
    """The training file's content: the examples of every copy that holds its page's
    article, each marked with its page's number (``page``), the extra copies' weights
    scaled as they are trained."""
    pages = [{**examples, "page": number}
             for number, page in enumerate(copies(directories))
             for examples in page.training()]
    return {"features": list(LOCAL_FEATURES), "extra_weight": EXTRA_WEIGHT, "pages": pages}


def cross_validate(directories: Sequence[Path], folds: int,
                   deltas: dict[str, dict[str, float]] | None = None,
                   shuffle: int | None = None,
                   extra_weight: float = EXTRA_WEIGHT) -> dict[str, dict[str, float]]:
    """Each corpus's raw copy F1, in-sample F1 and ``folds``-fold cross-validated F1 (with
    its precision and recall), and how many pages cleaning made worse than their copy by
    over 0.02, in-sample and cross-validated. ``deltas``, when given, receives each page's
    cross-validated F1 less its raw copy's, by corpus and page. The pages are dealt into
    the folds in order, or in the order a generator seeded with ``shuffle`` gives; every
    copy of a page is in its page's fold, and a fold is scored on its standard copies."""
    corpora = _benchmark("corpora")

    pages = copies(directories)
    fold_of = deal(len(pages), folds, shuffle)
    trained = [c.training(extra_weight) for c in pages]
    shipped = fit([e for examples in trained for e in examples])
    models = [fit(training_folds(trained, fold_of, fold)) for fold in range(folds)]
    counts: dict[str, dict[str, list[tuple[int, int, int]]]] = {}
    worse: dict[str, Counter[str]] = {}
    for j, page in enumerate(pages):
        raw = corpora.page_counts(page.reference, page.copy)
        per_page = counts.setdefault(page.corpus, {"raw": [], "in-sample": [], "cv": []})
        per_page["raw"].append(raw)
        for key, model in (("in-sample", shipped), ("cv", models[fold_of[j]])):
            cleaned = clean_text(page.copy, url=page.url, model=model).text
            per_page[key].append(corpora.page_counts(page.reference, cleaned))
            delta = (corpora.page_f1(page.reference, cleaned)
                     - corpora.page_f1(page.reference, page.copy))
            if delta < -WORSE_BY:
                worse.setdefault(page.corpus, Counter())[key] += 1
            if key == "cv" and deltas is not None:
                deltas.setdefault(page.corpus, {})[page.name] = delta
    result = {}
    for corpus, per_page in counts.items():
        cv_f1, cv_precision, cv_recall = corpora.score(per_page["cv"])
        result[corpus] = {
            "pages": len(per_page["raw"]), "raw": corpora.score(per_page["raw"])[0],
            "in-sample": corpora.score(per_page["in-sample"])[0], "cv": cv_f1,
            "cv precision": cv_precision, "cv recall": cv_recall,
            "worse in-sample": worse.get(corpus, Counter())["in-sample"],
            "worse cv": worse.get(corpus, Counter())["cv"],
        }
    return result


def deal(pages: int, folds: int, shuffle: int | None = None) -> list[int]:
    """Each page's fold: dealt in order, or in the order a generator seeded with
    ``shuffle`` gives."""
    order = list(range(pages))
    if shuffle is not None:
        random.Random(shuffle).shuffle(order)
    fold_of = [0] * pages
    for dealt, page in enumerate(order):
        fold_of[page] = dealt % folds
    return fold_of


def training_folds(trained: Sequence[Sequence[Page]], fold_of: Sequence[int],
                   fold: int) -> list[Page]:
    """The examples of every copy of every page outside ``fold``."""
    return [e for examples, f in zip(trained, fold_of, strict=True) if f != fold
            for e in examples]


def ceiling(directories: Sequence[Path]) -> dict[str, dict[str, float]]:
    """Each corpus's raw copy F1, and its F1 when exactly the labelled blocks are kept: as
    they are ("blocks") and through the line rules ("rules")."""
    corpora = _benchmark("corpora")
    counts: dict[str, dict[str, list[tuple[int, int, int]]]] = {}
    for page in copies(directories):
        per_page = counts.setdefault(page.corpus, {"raw": [], "blocks": [], "rules": []})
        blocks = split_blocks(page.copy)
        labels = page_examples(page.copy, page.reference)["labels"] if blocks else []
        kept = "\n\n".join(b for b, y in zip(blocks, labels, strict=True) if y) or page.copy
        ruled = clean_text(page.copy, url=page.url, known=[float(y) for y in labels]).text
        for key, text in (("raw", page.copy), ("blocks", kept), ("rules", ruled)):
            per_page[key].append(corpora.page_counts(page.reference, text))
    return {corpus: {key: corpora.score(values)[0] for key, values in per_page.items()}
            for corpus, per_page in counts.items()}


def _sgd(samples: list[tuple[list[float], int, float]], size: int) -> list[float]:
    """Weights by stochastic gradient descent, averaged over the steps of the later half
    of the epochs: one order of the samples decides less of the result."""
    weights = [0.0] * size
    total = [0.0] * size
    averaged = 0
    order = list(range(len(samples)))
    shuffle = random.Random(0).shuffle
    scale = len(samples) / (sum(w for _, _, w in samples) or 1)
    for epoch in range(EPOCHS):
        shuffle(order)
        rate = LEARNING_RATE / (1 + epoch / 4)
        decay = 1 - rate * L2
        averaging = epoch * 2 >= EPOCHS
        for index in order:
            row, target, weight = samples[index]
            step = rate * weight * scale * (target - logistic(weights, row))
            weights = [w * decay + step * x for w, x in zip(weights, row, strict=True)]
            if averaging:
                total = list(map(operator.add, total, weights))
                averaged += 1
    return [round(t / averaged, 6) for t in total]


def fit(pages: Sequence[Page]) -> Model:
    """Train both stages on the pages' examples."""
    local = fit_local(pages)
    return Model(local=tuple(local), context=tuple(fit_context(pages, local)))


def fit_local(pages: Sequence[Page]) -> list[float]:
    """The first stage's weights, trained on the pages' examples."""
    samples = [(row, y, w) for page in pages
               for row, y, w in zip(page["rows"], page["labels"], page["weights"], strict=True)]
    return _sgd(samples, len(LOCAL_FEATURES))


def fit_context(pages: Sequence[Page], local: Sequence[float]) -> list[float]:
    """The second stage's weights, trained on the pages' examples scored by the first
    stage's weights ``local``."""
    samples: list[tuple[list[float], int, float]] = []
    for page in pages:
        scores = [logistic(local, row) for row in page["rows"]]
        rows = second_rows(scores, page["rows"], page["openings"])
        samples += zip(rows, page["labels"], page["weights"], strict=True)
    return _sgd(samples, len(SECOND_FEATURES))


def model_json(model: Model) -> str:
    """The weights file's text."""
    data = {
        "local_features": list(LOCAL_FEATURES),
        "context_features": list(SECOND_FEATURES),
        "local": list(model.local),
        "context": list(model.context),
    }
    return json.dumps(data, indent=1) + "\n"


def read_training(path: Path = TRAINING) -> dict[str, Any]:
    """The training file."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> None:
    """Build the training file, fit the weights, or cross-validate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["features", "fit", "cv", "ceiling"])
    parser.add_argument("corpus", type=Path, nargs="*")
    parser.add_argument("--folds", type=int, default=5, help="folds for 'cv'")
    parser.add_argument("--worst", type=int, default=5, help="worst pages 'cv' lists")
    parser.add_argument("--shuffles", type=int, default=0,
                        help="'cv' also deals the pages into folds in this many seeded orders")
    parser.add_argument("--extra-weight", type=float, default=EXTRA_WEIGHT,
                        help="what 'cv' weighs a page's extra copy (0: none)")
    args = parser.parse_args(argv)
    shared = REPO.parent / "shared" / "corpus"
    directories = args.corpus or [shared / "extraction-dev", shared / "readability-dev"]
    if args.step == "features":
        data = build_features(directories)
        TRAINING.parent.mkdir(parents=True, exist_ok=True)
        with gzip.GzipFile(TRAINING, "wb", mtime=0) as f:
            f.write(json.dumps(data, separators=(",", ":")).encode("utf-8"))
        print(f"{TRAINING}: {sum(len(p['labels']) for p in data['pages'])} blocks"
              f" of {len(data['pages'])} pages")
    elif args.step == "fit":
        data = read_training()
        if data["features"] != list(LOCAL_FEATURES):
            sys.exit("the training file's features are not LOCAL_FEATURES: run 'features'")
        WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
        WEIGHTS.write_text(model_json(fit(data["pages"])), encoding="utf-8")
        print(f"{WEIGHTS} written")
    elif args.step == "ceiling":
        print(f"{'corpus':<16} {'raw':>7} {'blocks':>7} {'rules':>7}")
        for corpus, r in ceiling(directories).items():
            print(f"{corpus:<16} {r['raw']:7.4f} {r['blocks']:7.4f} {r['rules']:7.4f}")
    else:
        print(f"{'corpus':<16} {'pages':>5} {'raw':>7} {'in-sample':>9} {f'{args.folds}-fold':>7}"
              f" {'prec':>6} {'recall':>6} {'worse (cv)':>10}")
        deltas: dict[str, dict[str, float]] = {}
        for corpus, r in cross_validate(directories, args.folds, deltas,
                                        extra_weight=args.extra_weight).items():
            print(f"{corpus:<16} {r['pages']:5} {r['raw']:7.4f} {r['in-sample']:9.4f}"
                  f" {r['cv']:7.4f} {r['cv precision']:6.4f} {r['cv recall']:6.4f}"
                  f" {r['worse in-sample']:>4} ({r['worse cv']})")
        for corpus, pages in deltas.items():
            worst = sorted(pages, key=pages.__getitem__)[: args.worst]
            print(f"{corpus}, worst pages cross-validated (cleaned minus raw page F1): "
                  + ", ".join(f"{name[:8]} {pages[name]:+.3f}" for name in worst))
        if args.shuffles:
            # One dealing decides which pages train together: a change worth less than the
            # spread over dealings is not shown by one of them.
            runs = [cross_validate(directories, args.folds, shuffle=seed,
                                   extra_weight=args.extra_weight)
                    for seed in range(1, args.shuffles + 1)]
            for corpus in runs[0]:
                figures = [run[corpus]["cv"] for run in runs]
                print(f"{corpus}, {args.folds}-fold over {args.shuffles} seeded dealings: "
                      + " ".join(f"{f:.4f}" for f in figures)
                      + f", mean {sum(figures) / len(figures):.4f}")


if __name__ == "__main__":
    main()
