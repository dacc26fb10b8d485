"""Re-anchoring: exact, moved, fuzzy and orphan, as ARCHITECTURE.md describes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.domain.anchoring import Selector, anchor, describe, find_quote

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
