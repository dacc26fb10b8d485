"""Which blocks of a copied page are the article: a small trained classifier.

Each block is described by numbers a reader would judge it by (docs/extraction.md,
"Plain-text copies"): its length, how much of it is stopwords (jusText's lists, in the
language whose list covers the copy best) and punctuation, whether it ends like a
sentence, what the line rules say of it (chrome, teaser, caption, byline), and the same
for its neighbours, with where it stands relative to the long prose paragraphs. A
logistic model scores every block; a second one adds the first one's scores of the
neighbouring blocks (context smoothing, as jusText does with its rules). The weights are
``data/text_blocks.json``, made by ``scripts/train_text_blocks.py``.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsreader.ingest.cleaning.block_rules import BYLINE, DATE_LINE
from newsreader.ingest.cleaning.boilerplate import is_boilerplate, starts_comments
from newsreader.ingest.cleaning.text_rules import (
    AUTHOR_NOTE,
    PLAYER_LABEL,
    RUNNING_TIME,
    caption_in,
    comment_thread_start,
    is_dateline,
    teaser_heading,
    teaser_line,
    uncredited_caption,
)

# jusText's lists for the languages most pages are in; the copy's language is the one
# whose list covers most of its words.
LANGUAGES = (
    "English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch", "Czech",
    "Slovak", "Polish", "Russian", "Ukrainian", "Swedish", "Danish", "Norwegian_Bokmal",
    "Finnish", "Hungarian", "Romanian", "Turkish", "Indonesian",
)
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
# A sentence's end, perhaps followed by a reference: "... it said. [1]", "... (AP)".
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*(?:\s*[(\[][^()\[\]]{1,40}[)\]])?$")
_PUNCTUATION = re.compile(r"[.,;:!?…。、，]")
_SEPARATORS = re.compile(r"[|•·»›/]")
_COMMENT_MARKER = re.compile(
    r"^(?:\S.{0,40}\s(?:says|said|wrote|writes|replied)\s*:?|\d+\s+(?:responses?|comments?|replies"
    r"|reactions)\b.{0,120}|(?:reply|report|like|flag|permalink)(?:\s+\w+)?)$",
    re.IGNORECASE,
)
# Calls to action and legal notes: subscription pitches, disclaimers, forum invitations.
_PITCH = re.compile(
    r"\b(?:subscribe|subscription|newsletter|sign\s+up|log\s+in|click\s+here|join\s+(?:us|our)"
    r"|follow\s+(?:us|him|her|them)|download\s+(?:the|our)\s+app|delivered\s+to\s+your"
    r"|disclaimer|subject\s+to\s+copyright|terms\s+of\s+(?:use|service)|privacy\s+policy"
    r"|cookies?|advertis\w*|sponsored|affiliate|commission|email\s+us|send\s+us|tip\s+us"
    r"|share\s+(?:on|this|via|with)|opens?\s+in\s+(?:a\s+)?new\s+(?:window|tab)|click\s+to"
    r"|(?:print|email)\s+this|if\s+you\s+enjoyed|clicking\s+here|i\s+agree|forums?"
    r"|delivered\s+(?:to|through|straight\s+to)\s+your|(?:visit|meet)\s+us|support\s+(?:us|our)"
    r"|abonnieren|anmelden|abonnez|inscrivez|suscr[ií]b\w+|assine|inscreva|receba)\b",
    re.IGNORECASE,
)
# "OmarIlhan", "NoemKristi": a hover card's text run into a name.
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")
# A teaser's cut excerpt: "... it's difficult … Read more".
_READ_MORE = re.compile(r"(?:…|\.\.\.)\s*(?:read\s+more|continue\s+reading|more)?\b.{0,40}$"
                        r"|\b(?:read\s+more|continue\s+reading)\W*$", re.IGNORECASE)
# A photo's credit on a line of its own ("Photo: Jane Doe, AP", "(Image credit: NASA)"): the
# block above it is often the photo's caption.
_CREDIT_LINE = re.compile(r"^[(\[]?\s*(?:(?:image|photo|picture|video)\s+)?(?:credits?|source"
                          r"|courtesy|foto)\s*[:：]|^(?:photo|image|picture)\s*[:：]|^©"
                          r"|^\(?(?:getty\s+images|ap\s+photo|reuters|afp)\b", re.IGNORECASE)
_MAX_CREDIT_WORDS = 12
_MIN_CUT_WORDS = 10
_MIN_INTRODUCTION_WORDS = 6
# An embedded post's signature line ("— Jane Doe (@jane) October 31, 2021") or its picture link.
_TWEET = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s*.{0,40}\d{4}$|\bpic\.twitter\.com/")
# What a picture's caption says of it ("In this photo ...", "(background)", "are seen"), and
# the label or counter a copied picture leaves above its caption ("Photo", "1 / 5").
_PICTURE_WORDS = re.compile(
    r"\b(?:in\s+this\s+(?:\w+\s+)?(?:photo|image|picture)|pictured|(?:photo|image|picture)"
    r"\s+(?:shows|taken)|left\s+to\s+right|(?:is|are|was|were)\s+(?:seen|shown|pictured))\b"
    r"|\((?:background|foreground|file|left|right|centre|center|top|bottom)\)",
    re.IGNORECASE,
)
_MEDIA_LABEL = re.compile(r"^(?:photo|image|picture|video|gallery|slideshow|foto|bild"
                          r"|enlarge(?:\s+this\s+image)?|\d{1,3}\s*(?:/|of)\s*\d{1,3})$",
                          re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-*•·▪►]|\d{1,3}[.)])\s")
_SENTENCE_BREAK = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*\s|[\"'”’»)\]]*$)")
_LONG_PARAGRAPH_WORDS = 30
_JUSTEXT_LENGTH_LOW, _JUSTEXT_LENGTH_HIGH = 70, 200
_JUSTEXT_STOPWORDS_LOW, _JUSTEXT_STOPWORDS_HIGH = 0.30, 0.32
_WINDOW = 3
_SHORT_WORDS = 8
# The article's run: each block counts for it by how far its score is above this.
_SPAN_CHANCE = 0.35
_SURE_OUTSIDE_SPAN = 0.9  # a block outside the run is kept only when this sure
_MAX_GAP = 6  # blocks between two kept paragraphs that are kept with them
_MIN_GAP_SIDE_WORDS = 15
_PROSE_SPAN = 5  # blocks either side that count towards the densest run of prose

LOCAL_FEATURES = (
    "bias", "log_words", "sentence_end", "stopword_density", "punctuation_density",
    "capitalised", "digits", "url", "boilerplate", "comments", "teaser", "caption",
    "header_line", "upper", "position", "log_sentences", "separators", "repeated",
    "word_length", "prev_log_words", "next_log_words", "prev_sentence_end",
    "next_sentence_end", "long_before", "long_after", "log_distance_long", "progress",
    "window_max_words", "question", "short_line", "stopword_mass", "justext_good",
    "justext_near_good", "justext_short", "justext_smoothed", "comment_marker",
    "after_comments", "chrome_since_long", "list_item", "doc_prose", "relative_words",
    "short_in_prose", "author_note", "in_thread", "pitch", "glued", "shared_opening",
    "short_run", "self_repeat", "read_more", "player_label", "densest_distance",
    "colon_end", "after_colon", "credit_line", "credit_after", "log_repeats", "video_length",
    "cut_off", "tweet", "tweet_after", "picture_words", "after_media_label",
)
CONTEXT_FEATURES = ("score", "prev_score", "next_score", "window_score", "best_before",
                    "best_after", "between", "sibling_score")
# What the second stage reads besides the context: the block's own strongest evidence.
KEPT_LOCAL = ("bias", "log_words", "sentence_end", "short_line", "boilerplate", "teaser",
              "caption", "header_line", "in_thread")
SECOND_FEATURES = (*CONTEXT_FEATURES, *KEPT_LOCAL)
_KEPT = tuple(LOCAL_FEATURES.index(name) for name in KEPT_LOCAL)


@dataclass(frozen=True)
class Model:
    """Weights of the two logistic stages, over LOCAL_FEATURES and then SECOND_FEATURES."""

    local: tuple[float, ...]
    context: tuple[float, ...]


@cache
def _stoplist(language: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(language))


def stopwords_for(words: Sequence[str]) -> frozenset[str]:
    """The stopword list (of LANGUAGES) that covers most of ``words``."""
    counts = Counter(word.lower() for word in words)
    best: frozenset[str] = frozenset()
    best_hits = 0
    for language in LANGUAGES:
        stoplist = _stoplist(language)
        hits = sum(counts[word] for word in stoplist & counts.keys())
        if hits > best_hits:
            best, best_hits = stoplist, hits
    return best


def _is_long_paragraph(block: str, words: int) -> bool:
    return words >= _LONG_PARAGRAPH_WORDS and bool(_SENTENCE_BREAK.search(block))


def justext_classes(blocks: Sequence[str], densities: Sequence[float]) -> list[str]:
    """jusText's class of each block (its default thresholds; a copy has no links):
    "good", "near-good", "short" or "bad"."""
    classes = []
    for block, density in zip(blocks, densities, strict=True):
        if "©" in block:
            classes.append("bad")
        elif len(block) < _JUSTEXT_LENGTH_LOW:
            classes.append("short")
        elif density >= _JUSTEXT_STOPWORDS_HIGH:
            classes.append("good" if len(block) > _JUSTEXT_LENGTH_HIGH else "near-good")
        else:
            classes.append("near-good" if density >= _JUSTEXT_STOPWORDS_LOW else "bad")
    return classes


def justext_smoothed(classes: Sequence[str]) -> list[float]:
    """jusText's context revision: a short or near-good block takes the class of the
    nearest decided blocks around it (1 good, 0 bad, 0.5 when they disagree)."""
    decided = [c if c in {"good", "bad"} else None for c in classes]
    nearest_before = _nearest(decided)
    nearest_after = _nearest(decided[::-1])[::-1]
    result = []
    for i, cls in enumerate(classes):
        if cls in {"good", "bad"}:
            result.append(float(cls == "good"))
            continue
        before, after = nearest_before[i], nearest_after[i]
        if before == after:
            result.append(float(before == "good"))
        else:
            result.append(0.5 if cls == "short" else 1.0)
    return result


def _nearest(decided: Sequence[str | None]) -> list[str]:
    """For each position, the last decided class before it ("bad" when there is none)."""
    result, last = [], "bad"
    for cls in decided:
        result.append(last)
        last = cls or last
    return result


def block_features(blocks: Sequence[str]) -> list[list[float]]:
    """The LOCAL_FEATURES row of every block of one copy."""
    tokens = [_WORD.findall(block) for block in blocks]
    stopwords = stopwords_for([word for words in tokens for word in words])
    counts = [len(words) for words in tokens]
    ends = [bool(_SENTENCE_END.search(block)) for block in blocks]
    long = [_is_long_paragraph(block, n) for block, n in zip(blocks, counts, strict=True)]
    long_positions = [i for i, flag in enumerate(long) if flag]
    long_words = sum(n for n, flag in zip(counts, long, strict=True) if flag) or 1
    seen = Counter(block.lower() for block in blocks)
    densities = [sum(word.lower() in stopwords for word in words) / (len(words) or 1)
                 for words in tokens]
    classes = justext_classes(blocks, densities)
    smoothed = justext_smoothed(classes)
    chrome = [is_boilerplate(block) or starts_comments(block) or teaser_heading(block)
              for block in blocks]
    markers = [starts_comments(block) or bool(_COMMENT_MARKER.match(block)) for block in blocks]
    rows = []
    words_before = 0
    chrome_run = 0
    comments_seen = False
    total = len(blocks)
    thread = comment_thread_start(list(blocks))
    thread = total if thread is None else thread
    doc_prose = sum(n for n, flag in zip(counts, long, strict=True) if flag) / (sum(counts) or 1)
    median = sorted(math.log1p(n) for n in counts)[total // 2]
    openings = Counter(_opening(words) for words in tokens)
    runs = _short_runs(counts, long)
    densest = _densest_prose(counts, long)
    introduced = _introduced(blocks, counts)
    credits = [n <= _MAX_CREDIT_WORDS and bool(_CREDIT_LINE.match(block))
               for block, n in zip(blocks, counts, strict=True)]
    for i, (block, words) in enumerate(zip(blocks, tokens, strict=True)):
        n = len(words) or 1
        at = bisect.bisect_left(long_positions, i)
        distance = min((abs(i - j) for j in long_positions[max(0, at - 1) : at + 1]),
                       default=total)
        window = counts[max(0, i - _WINDOW) : i + _WINDOW + 1]
        rows.append([
            1.0,
            math.log1p(len(words)),
            float(ends[i]),
            densities[i],
            len(_PUNCTUATION.findall(block)) / n,
            sum(word[0].isupper() for word in words) / n,
            len(_DIGIT.findall(block)) / max(1, len(block)),
            float(bool(_URL.search(block))),
            float(is_boilerplate(block)),
            float(starts_comments(block)),
            float(teaser_line(block) is not None or teaser_heading(block)),
            float(caption_in(block) is not None or uncredited_caption(block)),
            float(len(words) <= 14 and bool(BYLINE.match(block) or DATE_LINE.match(block)
                                            or is_dateline(block))),
            float(block.isupper()),
            i / max(1, total - 1),
            math.log1p(len(re.findall(r"[.!?…。](?:\s|$)", block))),
            min(1.0, len(_SEPARATORS.findall(block)) / n),
            float(seen[block.lower()] > 1),
            min(3.0, sum(len(word) for word in words) / n / 5),
            math.log1p(counts[i - 1]) if i > 0 else 0.0,
            math.log1p(counts[i + 1]) if i + 1 < total else 0.0,
            float(ends[i - 1]) if i > 0 else 0.0,
            float(ends[i + 1]) if i + 1 < total else 0.0,
            float(bool(long_positions) and long_positions[0] < i),
            float(bool(long_positions) and long_positions[-1] > i),
            math.log1p(distance),
            words_before / long_words,
            math.log1p(max(window)),
            float(block.rstrip().endswith("?")),
            float(len(words) <= 3),
            densities[i] * math.log1p(len(words)),
            float(classes[i] == "good"),
            float(classes[i] == "near-good"),
            float(classes[i] == "short"),
            smoothed[i],
            float(markers[i]),
            float(comments_seen),
            math.log1p(chrome_run),
            float(bool(_LIST_ITEM.match(block))),
            doc_prose,
            math.log1p(len(words)) - median,
            (1 - min(1.0, len(words) / _LONG_PARAGRAPH_WORDS)) * doc_prose,
            float(bool(AUTHOR_NOTE.match(block))),
            float(i >= thread),
            min(1.0, len(_PITCH.findall(block)) / 2),
            min(1.0, len(_GLUED.findall(block)) * 5 / n),
            math.log1p(openings[_opening(words)] - 1) if len(words) >= 2 else 0.0,
            math.log1p(runs[i]),
            _self_repeat(words),
            float(bool(_READ_MORE.search(block))),
            float(bool(PLAYER_LABEL.match(block))),
            math.log1p(abs(i - densest)) if densest >= 0 else math.log1p(total),
            float(block.rstrip().endswith(":")),
            float(introduced[i]),
            float(credits[i]),
            float(i + 1 < total and credits[i + 1]),
            math.log1p(seen[block.lower()] - 1),
            float(bool(RUNNING_TIME.search(block))),
            float(_cut_off(block, words)),
            float(bool(_TWEET.search(block))),
            float(i + 1 < total and bool(_TWEET.match(blocks[i + 1]))),
            float(bool(_PICTURE_WORDS.search(block))),
            float(i > 0 and bool(_MEDIA_LABEL.match(blocks[i - 1].strip()))),
        ])
        comments_seen = comments_seen or markers[i]
        chrome_run = 0 if long[i] else chrome_run + chrome[i]
        if long[i]:
            words_before += counts[i]
    return rows


def _opening(words: Sequence[str]) -> tuple[str, ...]:
    """The first two words, lower-cased: lines of chrome repeat theirs ("Share this with
    Facebook", "Share this with Email"; "Main article: ...")."""
    return tuple(word.lower() for word in words[:2])


def _short_runs(counts: Sequence[int], long: Sequence[bool]) -> list[int]:
    """For each block, how many short blocks in a row it stands among (0 for a long
    one): a menu or a table of contents is a run of them, a heading stands alone."""
    short = [n <= _SHORT_WORDS and not flag for n, flag in zip(counts, long, strict=True)]
    result = [0] * len(counts)
    start = 0
    while start < len(short):
        end = start
        while end < len(short) and short[end] == short[start]:
            end += 1
        if short[start]:
            result[start:end] = [end - start] * (end - start)
        start = end
    return result


def _cut_off(block: str, words: Sequence[str]) -> bool:
    """A teaser's excerpt cut mid-sentence: "... have even died due to"."""
    return (len(words) >= _MIN_CUT_WORDS and words[-1].islower()
            and block.rstrip()[-1:].isalnum())


def _introduced(blocks: Sequence[str], counts: Sequence[int]) -> list[bool]:
    """Whether each block stands in a run of items that a line ending with a colon opens
    ("Here are the results:", "In the interview he also said:"): the cells of a table, the
    items of a list, none of them a sentence of prose. A label with a colon ("Share this:",
    "Also on our site:") opens a box of links instead."""
    result, open_run = [], False
    for block, n in zip(blocks, counts, strict=True):
        item = n < _LONG_PARAGRAPH_WORDS and not _SENTENCE_END.search(block)
        result.append(open_run and item)
        open_run = ((n >= _MIN_INTRODUCTION_WORDS and block.rstrip().endswith(":"))
                    or (open_run and item))
    return result


def _densest_prose(counts: Sequence[int], long: Sequence[bool]) -> int:
    """The block at the centre of the densest run of long paragraphs (-1 when none)."""
    prose = [n if flag else 0 for n, flag in zip(counts, long, strict=True)]
    best, best_words = -1, 0
    for i in range(len(prose)):
        words = sum(prose[max(0, i - _PROSE_SPAN) : i + _PROSE_SPAN + 1])
        if words > best_words:
            best, best_words = i, words
    return best


def _self_repeat(words: Sequence[str]) -> float:
    """The share of a block's word 3-grams that occur in it more than once: a headline
    printed two or three times in one teaser."""
    grams = Counter(tuple(words[i : i + 3]) for i in range(len(words) - 2))
    total = sum(grams.values())
    return sum(c for c in grams.values() if c > 1) / total if total else 0.0


def context_features(scores: Sequence[float], local: Sequence[Sequence[float]],
                     openings: Sequence[int] | None = None) -> list[list[float]]:
    """The CONTEXT_FEATURES row of every block, from the first stage's scores
    (``openings``: see :func:`opening_groups`)."""
    siblings = _sibling_scores(scores, openings or [0] * len(scores))
    size = LOCAL_FEATURES.index("log_words")
    weighted = [score * min(1.0, row[size] / 4) for score, row in zip(scores, local, strict=True)]
    before = list(itertools.accumulate([0.0, *weighted[:-1]], max))
    after = list(itertools.accumulate([0.0, *weighted[:0:-1]], max))[::-1]
    rows = []
    for i, score in enumerate(scores):
        window = [s for j, s in enumerate(scores[max(0, i - _WINDOW) : i + _WINDOW + 1],
                                          start=max(0, i - _WINDOW)) if j != i]
        rows.append([
            score,
            scores[i - 1] if i > 0 else 0.0,
            scores[i + 1] if i + 1 < len(scores) else 0.0,
            sum(window) / len(window) if window else 0.0,
            before[i],
            after[i],
            min(before[i], after[i]),
            siblings[i],
        ])
    return rows


def opening_groups(blocks: Sequence[str]) -> list[int]:
    """For each block, a number shared by the blocks that open with the same word as
    written, lower-cased (0 for a block of one word): the blocks of one kind open alike
    ("Q:" and "A:" in an interview, "Share" in a row of buttons)."""
    groups: dict[str, int] = {}
    return [groups.setdefault(block.split(maxsplit=1)[0].lower(), len(groups) + 1)
            if len(block.split()) > 1 else 0 for block in blocks]


def _sibling_scores(scores: Sequence[float], openings: Sequence[int]) -> list[float]:
    """For each block, the mean first-stage score of the other blocks that open with the
    same word (its own score when there are none)."""
    sums: defaultdict[int, float] = defaultdict(float)
    counts: Counter[int] = Counter()
    for score, opening in zip(scores, openings, strict=True):
        sums[opening] += score
        counts[opening] += 1
    return [(sums[opening] - score) / (counts[opening] - 1)
            if opening and counts[opening] > 1 else score
            for score, opening in zip(scores, openings, strict=True)]


def decided_scores(blocks: Sequence[str], scores: Sequence[float],
                   threshold: float) -> list[float]:
    """The classifier's ``scores`` with two decisions about the whole copy made on them
    (a block is kept at ``threshold`` or above): blocks outside the article's run that the
    classifier is not sure of are dropped (score 0), then the blocks of a short gap in
    what is kept are raised to ``threshold``."""
    start, end = best_span(blocks, scores)
    outside = [score if start <= i < end or score >= _SURE_OUTSIDE_SPAN else 0.0
               for i, score in enumerate(scores)]
    return fill_gaps(blocks, outside, threshold)


def best_span(blocks: Sequence[str], scores: Sequence[float]) -> tuple[int, int]:
    """The run of blocks (start, end exclusive) that is most likely the article: the one
    whose scores less ``_SPAN_CHANCE``, each weighed by the log of its block's words, sum
    highest (Kadane's maximum subarray). The article is mostly one run of blocks: a
    teaser's blurb or a comment far from it reads well but stands apart."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, (block, score) in enumerate(zip(blocks, scores, strict=True)):
        if total <= 0:
            total, start = 0.0, i
        total += (score - _SPAN_CHANCE) * math.log1p(len(block.split()))
        if total > best:
            best, best_start, best_end = total, start, i + 1
    if best_end == 0:  # nothing scores above even chance: no run stands out
        return 0, len(scores)
    return best_start, best_end


def fill_gaps(blocks: Sequence[str], scores: Sequence[float],
              threshold: float) -> list[float]:
    """``scores`` with the blocks of a short gap in the article raised to ``threshold``: up
    to ``_MAX_GAP`` blocks the classifier doubts between two kept paragraphs of
    ``_MIN_GAP_SIDE_WORDS`` or more, no longer than those two together (a one-line answer
    in an interview, a table's cells, an item of a meal plan). The line rules still judge
    them."""
    kept = [score >= threshold for score in scores]
    words = [len(block.split()) for block in blocks]
    result = list(scores)
    start = 0
    while start < len(scores):
        end = start
        while end < len(scores) and not kept[end]:
            end += 1
        if 0 < start < end < len(scores) and end - start <= _MAX_GAP:
            before, after = words[start - 1], words[end]
            if (min(before, after) >= _MIN_GAP_SIDE_WORDS
                    and sum(words[start:end]) <= before + after):
                result[start:end] = [threshold] * (end - start)
        start = end + 1
    return result


def logistic(weights: Sequence[float], row: Sequence[float]) -> float:
    """The model's probability for one row of features."""
    if len(weights) != len(row):
        raise ValueError(f"{len(row)} features for {len(weights)} weights")
    z = sum(map(operator.mul, weights, row))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def article_scores(blocks: Sequence[str], model: Model | None = None) -> list[float]:
    """The probability that each block is part of the article."""
    if not blocks:
        return []
    model = model or load_model()
    local = block_features(blocks)
    return second_stage(model, local, opening_groups(blocks))


def second_stage(model: Model, local: Sequence[Sequence[float]],
                 openings: Sequence[int]) -> list[float]:
    """Both stages over the LOCAL_FEATURES rows of one copy."""
    first = [logistic(model.local, row) for row in local]
    return [logistic(model.context, row) for row in second_rows(first, local, openings)]


def second_rows(first: Sequence[float], local: Sequence[Sequence[float]],
                openings: Sequence[int]) -> list[list[float]]:
    """The SECOND_FEATURES rows, from the first stage's scores, the local rows and the
    blocks' opening groups."""
    return [[*context, *(row[i] for i in _KEPT)]
            for context, row in zip(context_features(first, local, openings), local,
                                    strict=True)]


@cache
def load_model() -> Model:
    """The shipped weights."""
    text = resources.files("newsreader.ingest.cleaning").joinpath("data/text_blocks.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    return Model(local=tuple(data["local"]), context=tuple(data["context"]))
