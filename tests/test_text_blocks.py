"""The copied-text classifier's shipped weights are what its training script makes."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from typing import Any

import pytest
import train_text_blocks

from newsreader.ingest.cleaning.text_blocks import LOCAL_FEATURES, SECOND_FEATURES, load_model


@cache
def _training() -> dict[str, Any]:
    data: dict[str, Any] = train_text_blocks.read_training()
    return data


def _shipped() -> dict[str, Any]:
    return json.loads(train_text_blocks.WEIGHTS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# The two stages are retrained in two tests, each within a test's time: the second stage
# is trained on the first stage's shipped weights, which the first test retrains.
def test_retraining_the_first_stage_on_the_shipped_examples_gives_its_shipped_weights() -> None:
    data = _training()
    assert data["features"] == list(LOCAL_FEATURES)
    assert train_text_blocks.fit_local(data["pages"]) == _shipped()["local"]


def test_retraining_the_second_stage_on_the_shipped_examples_gives_its_shipped_weights() -> None:
    shipped = _shipped()
    context = train_text_blocks.fit_context(_training()["pages"], shipped["local"])
    assert context == shipped["context"]


def test_the_weights_file_is_what_the_script_writes_for_the_loaded_model() -> None:
    text = train_text_blocks.WEIGHTS.read_text(encoding="utf-8")
    assert train_text_blocks.model_json(load_model()) == text


def test_the_weights_file_names_the_features_it_was_trained_on() -> None:
    shipped = _shipped()
    assert shipped["local_features"] == list(LOCAL_FEATURES)
    assert shipped["context_features"] == list(SECOND_FEATURES)
    assert len(shipped["local"]) == len(LOCAL_FEATURES)
    assert len(shipped["context"]) == len(SECOND_FEATURES)


def test_the_training_file_holds_extra_copies_weighing_their_share_of_a_page() -> None:
    data = _training()
    assert data["extra_weight"] == train_text_blocks.EXTRA_WEIGHT
    copies: defaultdict[int, list[float]] = defaultdict(list)
    for examples in data["pages"]:
        copies[examples["page"]].append(sum(examples["weights"]))
    extra = [weight for weights in copies.values() for weight in weights[1:]]
    assert len(extra) > len(copies) / 2
    for weights in copies.values():
        if len(weights) > 1:  # the standard copy, then the extra copies' share
            assert weights[0] == pytest.approx(1, abs=1e-3)
            assert sum(weights[1:]) == pytest.approx(train_text_blocks.EXTRA_WEIGHT, abs=1e-3)


def test_labels_follow_the_reference_text() -> None:
    reference = "The council met on Monday. It voted for the budget after a long debate."
    examples = train_text_blocks.page_examples(
        "Share on Facebook\n\nIt voted for the budget after a long debate.\n\nMore news",
        reference)
    assert examples["labels"] == [0, 1, 0]
    assert abs(sum(examples["weights"]) - 1) < 1e-3


def test_a_short_block_is_labelled_article_only_beside_its_reference_neighbours() -> None:
    reference = ("Budget vote. The council met on Monday to vote on the budget. "
                 "Parking. Charges will rise in the spring, the mayor said.")
    copy = ("Parking\n\nBudget vote\n\nThe council met on Monday to vote on the budget.\n\n"
            "Parking\n\nCharges will rise in the spring, the mayor said.")
    examples = train_text_blocks.page_examples(copy, reference)
    assert examples["labels"] == [0, 1, 1, 1, 1]


_PARAGRAPHS = ["The council met on Monday to vote on the budget for the coming year.",
               "It voted for the budget after a long debate about parking charges.",
               "Charges will rise in the spring, the mayor said after the vote."]
_PAGE = f"""<html><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="wrapper">
 <section><h1>Council passes the budget</h1>
  <div class="story">{"".join(f"<p>{p}</p>" for p in _PARAGRAPHS)}</div>
  <p>Share this story on social media with your friends and family today.</p>
 </section>
 <aside><p>Most read: the mayor opens a new bridge over the river in town.</p></aside>
</div>
<footer>Copyright The Town Paper</footer>
</body></html>"""


def test_the_extra_copy_is_the_deepest_element_holding_the_article() -> None:
    copies = train_text_blocks.other_copies(_PAGE, " ".join(_PARAGRAPHS))
    assert copies == ["\n\n".join(_PARAGRAPHS)]
    # The headline is part of the reference: the selection widens to the section.
    copies = train_text_blocks.other_copies(
        _PAGE, " ".join(["Council passes the budget", *_PARAGRAPHS]))
    assert copies == ["\n\n".join(["Council passes the budget", *_PARAGRAPHS,
                                    "Share this story on social media with your friends "
                                    "and family today."])]


def test_no_extra_copy_when_the_page_does_not_hold_the_reference() -> None:
    assert train_text_blocks.other_copies(_PAGE, "An entirely different story about the "
                                                 "harbour and its boats.") == []


def _examples(name: str, weight: float = 1.0) -> dict[str, Any]:
    return {"rows": [[0.0] * len(LOCAL_FEATURES)], "openings": [0], "labels": [1],
            "weights": [weight], "name": name}


def test_a_pages_extra_copy_weighs_its_share_and_trains_only_outside_the_pages_fold() -> None:
    pages = [train_text_blocks.Copy("corpus", f"page{i}", None, "", "",
                                    _examples(f"standard{i}"),
                                    [_examples(f"extra{i}a"), _examples(f"extra{i}b")])
             for i in range(6)]
    missed = train_text_blocks.Copy("corpus", "missed", None, "", "", None,
                                    [_examples("extra-missed")])
    pages.append(missed)
    trained = [page.training(0.5) for page in pages]
    assert [e["weights"] for e in trained[0]] == [[1.0], [0.25], [0.25]]
    assert [e["name"] for e in trained[-1]] == ["extra-missed"]
    assert [e["weights"] for e in trained[-1]] == [[0.5]]
    assert [page.training(0) for page in pages[:1]] == [[pages[0].examples]]

    fold_of = train_text_blocks.deal(len(pages), 3, shuffle=1)
    assert sorted(fold_of) == [0, 0, 0, 1, 1, 2, 2]
    for fold in range(3):
        names = {e["name"] for e in train_text_blocks.training_folds(trained, fold_of, fold)}
        for page, page_fold in zip(pages, fold_of, strict=True):
            own = {e["name"] for e in page.training(0.5)}
            assert (own <= names) == (page_fold != fold)
            assert (own & names == set()) == (page_fold == fold)
