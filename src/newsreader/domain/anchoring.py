"""Highlight anchoring: W3C selectors, and finding a quote again when the text changes.

Re-anchoring follows the Hypothesis client: the stored position if the text there still
equals the quote; else an exact occurrence chosen by its context; else the best approximate
match (up to half the quote's length in errors) scored by quote similarity, prefix, suffix
and position. What cannot be placed is an orphan. ARCHITECTURE.md ("Anchoring") gives the
whole model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
    folded_text, folded_quote = text.translate(_FOLD), exact.translate(_FOLD)
    starts = _all_occurrences(folded_text, folded_quote)
    if starts:
        best = max(starts, key=lambda s: _score(selector, text, s, s + len(exact), 0))
        end = best + len(exact)
        if text[best:end] == exact:
            return Placement("moved", best, end, 1.0)
        return Placement("fuzzy", best, end, round(_similarity(text[best:end], exact), 3))
    return _fuzzy(selector, text, folded_text, folded_quote)


def _all_occurrences(text: str, quote: str) -> list[int]:
    found, position = [], text.find(quote)
    while position >= 0:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _fuzzy(selector: Selector, text: str, folded_text: str, folded_quote: str) -> Placement:
    max_errors = len(folded_quote) // 2
    best: tuple[float, int, int, int] | None = None
    for end, errors in _candidate_ends(folded_text, folded_quote, max_errors):
        start = _best_start(folded_text, folded_quote, end, max_errors)
        score = _score(selector, text, start, end, errors)
        if best is None or score > best[0]:
            best = (score, start, end, errors)
    if best is None:
        return Placement("orphan")
    _, start, end, errors = best
    quote_similarity = 1 - errors / len(folded_quote)
    context = _context_similarity(selector, text, start, end)
    # A weak quote match is only believed when its surroundings agree too.
    if quote_similarity < 0.75 and context < 0.5:
        return Placement("orphan")
    return Placement("fuzzy", start, end, round(quote_similarity, 3))


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
    if not a and not b:
        return 1.0
    a, b = a.translate(_FOLD), b.translate(_FOLD)
    return 1 - _edit_distance(a, b) / max(len(a), len(b))


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _candidate_ends(text: str, pattern: str, max_errors: int) -> list[tuple[int, int]]:
    """End offsets where ``pattern`` matches with at most ``max_errors`` edits.

    Only local minima of the error count are kept, best first.
    """
    errors_at = dict(_myers(text, pattern, max_errors))
    minima = [
        (end, errors) for end, errors in errors_at.items()
        if errors_at.get(end - 1, errors + 1) >= errors
        and errors_at.get(end + 1, errors + 1) > errors
    ]
    minima.sort(key=lambda item: item[1])
    return minima[:_MAX_CANDIDATES]


def _myers(text: str, pattern: str, max_errors: int) -> list[tuple[int, int]]:
    """Myers' bit-vector approximate matching: (end offset, errors) for every end within bound.

    Python integers are unbounded, so any pattern length works in one pass over the text.
    """
    length = len(pattern)
    mask = (1 << length) - 1
    high = 1 << (length - 1)
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
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= max_errors:
            found.append((position + 1, score))
    return found


def _best_start(text: str, pattern: str, end: int, max_errors: int) -> int:
    """The start of the best match of ``pattern`` ending at ``end`` (searching backwards)."""
    window_start = max(0, end - len(pattern) - max_errors)
    reversed_window = text[window_start:end][::-1]
    matches = _myers(reversed_window, pattern[::-1], max_errors)
    if not matches:
        return max(0, end - len(pattern))
    least = min(errors for _, errors in matches)
    longest = max(reach for reach, errors in matches if errors == least)
    return end - longest
