"""Re-anchoring: exact, moved, fuzzy and orphan, as ARCHITECTURE.md describes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.domain.anchoring import (
    Selector,
    anchor,
    approximate_matches,
    describe,
    find_quote,
)

TEXT = (
    "The council met on Monday to discuss the barrier.\n\n"
    "“We cannot wait another winter,” said the mayor, who has pushed for the scheme since 2019.\n\n"
    "Opponents argued that the cost had doubled and that the tidal models were out of date.\n\n"
    "A final vote is expected in March."
)
QUOTE = "“We cannot wait another winter,” said the mayor"


def _selector() -> Selector:
    start = TEXT.index(QUOTE)
    return describe(TEXT, start, start + len(QUOTE))


def test_unchanged_text_is_exact() -> None:
    placement = anchor(_selector(), TEXT)
    assert (placement.status, placement.start) == ("exact", TEXT.index(QUOTE))


def test_paragraph_inserted_before_moves_the_highlight() -> None:
    changed = "An editor's note was added at the top of the story.\n\n" + TEXT
    placement = anchor(_selector(), changed)
    assert placement.status == "moved"
    assert changed[placement.start : placement.end] == QUOTE


def test_word_changed_inside_is_fuzzy_with_score() -> None:
    changed = TEXT.replace("another winter", "one more winter")
    placement = anchor(_selector(), changed)
    assert placement.status == "fuzzy"
    assert placement.score is not None and 0.5 < placement.score < 1
    assert changed[placement.start : placement.end].startswith("“We cannot wait one more winter")


def test_straightened_quotation_marks_still_anchor() -> None:
    changed = TEXT.replace("“", '"').replace("”", '"')
    placement = anchor(_selector(), changed)
    assert placement.status == "fuzzy" and placement.score is not None
    assert changed[placement.start : placement.end] == QUOTE.replace("“", '"').replace("”", '"')


def test_deleted_passage_becomes_orphan() -> None:
    changed = TEXT.replace(
        "“We cannot wait another winter,” said the mayor, who has pushed for the scheme since "
        "2019.\n\n", "")
    assert anchor(_selector(), changed).status == "orphan"


def test_quote_occurring_twice_is_chosen_by_context() -> None:
    text = ("Rain fell on the city. The river rose fast. Shops closed early.\n\n"
            "Later, in the hills: the river rose fast. Farms were cut off.")
    second = text.rindex("the river rose fast")
    selector = describe(text, second, second + len("the river rose fast"))
    changed = "Update: roads reopened.\n\n" + text
    placement = anchor(selector, changed)
    assert placement.status == "moved"
    assert placement.start == changed.rindex("the river rose fast")
    first = text.index("The river rose fast")
    first_selector = describe(text, first, first + len("The river rose fast"))
    assert anchor(first_selector, changed).start == changed.index("The river rose fast")


def test_find_quote_occurrences() -> None:
    assert find_quote("a b a b a", "a", 3) == (8, 9)
    assert find_quote("a b a", "a", 3) is None
    assert find_quote("abc", "zz") is None


def test_describe_rejects_spans_outside_the_text() -> None:
    with pytest.raises(ValueError):
        describe("abc", 2, 9)


@given(st.text(min_size=1, max_size=300), st.data())
def test_anchors_round_trip_on_unchanged_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    placement = anchor(describe(text, start, end), text)
    assert (placement.start, placement.end) == (start, end)


@given(st.text(max_size=200), st.text(min_size=1, max_size=40))
def test_anchoring_never_crashes_and_spans_are_inside(text: str, quote: str) -> None:
    source = "prefix " + quote + " suffix"
    selector = describe(source, 7, 7 + len(quote))
    placement = anchor(selector, text)
    if placement.status != "orphan":
        assert placement.start is not None and placement.end is not None
        assert 0 <= placement.start <= placement.end <= len(text)


def test_an_exact_occurrence_wins_over_a_whitespace_folded_one() -> None:
    # The quote holds a line break. In the new text the same words sit at the old place
    # joined by a space, and the quote itself, line break and all, appears further on.
    text = "Intro words here.\n\nThe tide came in.\nBoats were lifted. More text follows."
    quote = "came in.\nBoats"
    start = text.index(quote)
    changed = ("Intro words here.\n\nThe tide came in. Boats were lifted. More text follows."
               "\n\nA later paragraph: the tide came in.\nBoats went out.")
    placement = anchor(describe(text, start, start + len(quote)), changed)
    assert placement.status == "moved"
    assert placement.start is not None and placement.end is not None
    assert changed[placement.start : placement.end] == quote


def test_a_long_highlight_with_straightened_quotes_is_placed_exactly() -> None:
    passage = " ".join(f"“word {n},” said one." for n in range(150))
    text = f"Before it.\n\n{passage}\n\nAfter it."
    start = text.index(passage)
    changed = text.replace("“", '"').replace("”", '"')
    placement = anchor(describe(text, start, start + len(passage)), changed)
    assert (placement.status, placement.start, placement.end) == (
        "fuzzy", start, start + len(passage))
    assert placement.score == 1.0  # the folded texts are the same


def _reference_distances(text: str, pattern: str) -> dict[tuple[int, int], int]:
    """Levenshtein distance of ``pattern`` to every non-empty ``text[i:j]``, by plain DP."""
    distances = {}
    for i in range(len(text)):
        row = list(range(len(pattern) + 1))  # pattern[:k] against text[i:i]
        for j in range(i, len(text)):
            new = [row[0] + 1]
            for k, char in enumerate(pattern, 1):
                new.append(min(row[k] + 1, new[k - 1] + 1, row[k - 1] + (char != text[j])))
            row = new
            distances[(i, j + 1)] = row[-1]
    return distances


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab c", max_size=24), st.text(alphabet="abc ", min_size=1, max_size=8),
       st.data())
def test_approximate_matches_agree_with_a_brute_force_search(
    text: str, pattern: str, data: st.DataObject
) -> None:
    max_errors = data.draw(st.integers(0, len(pattern)))
    reference = _reference_distances(text, pattern)
    least = min(reference.values(), default=len(pattern) + 1)
    matches = approximate_matches(text, pattern, max_errors)
    if least > max_errors:
        assert matches == []
        return
    assert matches and matches[0].errors == least
    for match in matches:
        assert match.errors <= max_errors
        assert reference[(match.start, match.end)] == match.errors
        # The longest span with that many errors ending there, and none better ends there.
        assert all(reference[(start, match.end)] > match.errors for start in range(match.start))
        assert all(reference[(start, match.end)] >= match.errors
                   for start in range(match.end))
