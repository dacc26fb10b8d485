"""The copied-text classifier's shipped weights are what its training script makes."""

from __future__ import annotations

import json

import train_text_blocks

from newsreader.ingest.cleaning.text_blocks import LOCAL_FEATURES, SECOND_FEATURES, load_model


def test_retraining_on_the_shipped_examples_gives_the_shipped_weights() -> None:
    data = train_text_blocks.read_training()
    assert data["features"] == list(LOCAL_FEATURES)
    model = train_text_blocks.fit(data["pages"])
    shipped = train_text_blocks.WEIGHTS.read_text(encoding="utf-8")
    assert train_text_blocks.model_json(model) == shipped
    assert load_model() == model


def test_the_weights_file_names_the_features_it_was_trained_on() -> None:
    shipped = json.loads(train_text_blocks.WEIGHTS.read_text(encoding="utf-8"))
    assert shipped["local_features"] == list(LOCAL_FEATURES)
    assert shipped["context_features"] == list(SECOND_FEATURES)
    assert len(shipped["local"]) == len(LOCAL_FEATURES)
    assert len(shipped["context"]) == len(SECOND_FEATURES)


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
