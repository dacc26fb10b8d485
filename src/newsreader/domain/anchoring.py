"""Highlight anchoring: W3C selectors, and finding a quote again when the text changes.

Re-anchoring follows the Hypothesis client: the stored position if the text there still
equals the quote; else an exact occurrence chosen by its context; else an occurrence that
differs only in quotation marks, dashes or whitespace; else the best approximate match (up
to half the quote's length in errors) scored by quote similarity, prefix, suffix and
position. What cannot be placed is an orphan. ARCHITECTURE.md ("Anchoring") gives the whole
model.

The approximate search is Myers' bit-vector algorithm (exact edit distances, one pass over
the text); the edit distances between two given strings come from rapidfuzz.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

CONTEXT_LENGTH = 32
AnchorStatus = Literal["exact", "moved", "fuzzy", "orphan"]

# One-to-one character folds, so offsets in the folded text equal offsets in the original.
_FOLD = str.maketrans({
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ", "\n": " ", "\t": " ",
})
_QUOTE_WEIGHT, _PREFIX_WEIGHT, _SUFFIX_WEIGHT, _POSITION_WEIGHT = 50.0, 20.0, 20.0, 2.0
_MAX_CANDIDATES = 12


@dataclass(frozen=True)
class Selector:
    """A W3C TextQuoteSelector plus TextPositionSelector (code points, end exclusive)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Placement:
    """Where a selector lands in a text: a span and how it was found, or an orphan."""

    status: AnchorStatus
    start: int | None = None
    end: int | None = None
    score: float | None = None


@dataclass(frozen=True)
class Match:
    """An approximate occurrence of a pattern: ``text[start:end]`` is ``errors`` edits away."""

    start: int
    end: int
    errors: int


def describe(text: str, start: int, end: int) -> Selector:
    """The selectors for ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} is not inside the text ({len(text)} characters)")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
        start=start,
        end=end,
    )


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the ``occurrence``-th (1-based) exact occurrence of ``quote``, if any."""
    position = -1
    for _ in range(max(occurrence, 1)):
        position = text.find(quote, position + 1)
        if position < 0:
            return None
    return position, position + len(quote)


def anchor(selector: Selector, text: str) -> Placement:
    """Place ``selector`` in ``text`` (see the module docstring for the order of attempts)."""
    exact = selector.exact
    if not exact:
        return Placement("orphan")
    if text[selector.start : selector.end] == exact:
        return Placement("exact", selector.start, selector.end, 1.0)
    # An exact occurrence is tried before a folded one: folding turns a newline into a
    # space, and the stored context alone could then prefer a look-alike over the quote.
    starts = _all_occurrences(text, exact)
    if starts:
        best = _best_by_context(selector, text, starts)
        return Placement("moved", best, best + len(exact), 1.0)
    folded_text, folded_quote = text.translate(_FOLD), exact.translate(_FOLD)
    starts = _all_occurrences(folded_text, folded_quote)
    if starts:
        best = _best_by_context(selector, text, starts)
        end = best + len(exact)
        return Placement("fuzzy", best, end, round(_similarity(text[best:end], exact), 3))
    return _fuzzy(selector, text, folded_text, folded_quote)


def approximate_matches(text: str, pattern: str, max_errors: int) -> list[Match]:
    """Where ``pattern`` occurs in ``text`` with at most ``max_errors`` edits, best first.

    Edits are insertions, deletions and substitutions of one character (Levenshtein).
    Only the best match around each place is given (a local minimum of the errors by end
    offset), at most a dozen; each one's span is the longest of those with its least errors.
    """
    if not pattern:
        return []
    matches = []
    for end, errors in _candidate_ends(text, pattern, max_errors):
        window_start = max(0, end - len(pattern) - max_errors)
        reach = _longest_anchored_match(text[window_start:end], pattern, errors)
        matches.append(Match(end - reach, end, errors))
    return matches


def _all_occurrences(text: str, quote: str) -> list[int]:
    found, position = [], text.find(quote)
    while position >= 0:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _best_by_context(selector: Selector, text: str, starts: list[int]) -> int:
    length = len(selector.exact)
    return max(starts, key=lambda start: _score(selector, text, start, start + length, 0))


def _fuzzy(selector: Selector, text: str, folded_text: str, folded_quote: str) -> Placement:
    best: tuple[float, Match] | None = None
    for match in approximate_matches(folded_text, folded_quote, len(folded_quote) // 2):
        score = _score(selector, text, match.start, match.end, match.errors)
        if best is None or score > best[0]:
            best = (score, match)
    if best is None:
        return Placement("orphan")
    match = best[1]
    quote_similarity = 1 - match.errors / len(folded_quote)
    context = _context_similarity(selector, text, match.start, match.end)
    # A weak quote match is only believed when its surroundings agree too.
    if quote_similarity < 0.75 and context < 0.5:
        return Placement("orphan")
    return Placement("fuzzy", match.start, match.end, round(quote_similarity, 3))


def _context_similarity(selector: Selector, text: str, start: int, end: int) -> float:
    """How well the text around a match agrees with the stored prefix and suffix.

    An empty stored context (a quote at the very start or end) tells nothing, so it does
    not count.
    """
    scores = []
    if selector.prefix:
        scores.append(_similarity(text[max(0, start - len(selector.prefix)) : start],
                                  selector.prefix))
    if selector.suffix:
        scores.append(_similarity(text[end : end + len(selector.suffix)], selector.suffix))
    return sum(scores) / len(scores) if scores else 0.0


def _score(selector: Selector, text: str, start: int, end: int, errors: int) -> float:
    quote_score = 1 - errors / max(len(selector.exact), 1)
    prefix = text[max(0, start - len(selector.prefix)) : start]
    suffix = text[end : end + len(selector.suffix)]
    position_score = 1 - abs(start - selector.start) / max(len(text), 1)
    return (
        _QUOTE_WEIGHT * quote_score
        + _PREFIX_WEIGHT * _similarity(prefix, selector.prefix)
        + _SUFFIX_WEIGHT * _similarity(suffix, selector.suffix)
        + _POSITION_WEIGHT * position_score
    )


def _similarity(a: str, b: str) -> float:
    """1 for equal strings, 0 for entirely different ones (by edit distance)."""
    return float(Levenshtein.normalized_similarity(a.translate(_FOLD), b.translate(_FOLD)))


def _candidate_ends(text: str, pattern: str, max_errors: int) -> list[tuple[int, int]]:
    """End offsets where ``pattern`` matches with at most ``max_errors`` edits.

    Only local minima of the error count are kept, best first.
    """
    errors_at = dict(_myers(text, pattern, max_errors, anchored=False))
    minima = [
        (end, errors) for end, errors in errors_at.items()
        if errors_at.get(end - 1, errors + 1) >= errors
        and errors_at.get(end + 1, errors + 1) > errors
    ]
    minima.sort(key=lambda item: item[1])
    return minima[:_MAX_CANDIDATES]


def _longest_anchored_match(window: str, pattern: str, errors: int) -> int:
    """The length of the longest suffix of ``window`` that is ``errors`` edits from ``pattern``.

    Run backwards: the reversed pattern against the reversed window, anchored at its start.
    """
    reaches = [reach for reach, found in _myers(window[::-1], pattern[::-1], errors,
                                                anchored=True) if found == errors]
    # The forward pass found a match this good ending here, so one exists.
    return max(reaches)


def _myers(text: str, pattern: str, max_errors: int, *, anchored: bool) -> list[tuple[int, int]]:
    """Myers' bit-vector edit distance: (end offset, errors) for every end within bound.

    Unanchored, a match may start anywhere in ``text`` (approximate search); anchored, it
    starts at offset 0 (the distance between ``pattern`` and each prefix of ``text``, as
    Hyyrö describes). Python integers are unbounded, so any pattern length works in one
    pass over the text.
    """
    length = len(pattern)
    mask = (1 << length) - 1
    high = 1 << (length - 1)
    carry = 1 if anchored else 0
    peq: dict[str, int] = {}
    for index, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << index)
    pv, mv, score = mask, 0, length
    found: list[tuple[int, int]] = []
    for position, char in enumerate(text):
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= max_errors:
            found.append((position + 1, score))
    return found
