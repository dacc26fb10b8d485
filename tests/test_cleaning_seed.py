"""The seed article cleans exactly as its expected result says."""

from __future__ import annotations

import json

from newsreader.exporting.rendition import article_markdown
from newsreader.ingest.cleaning import clean

from .conftest import SEED_DIR


def _expected() -> dict[str, object]:
    path = SEED_DIR / "islamabad-warns-afghan-taliban.expected.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_seed_matches_expected_result(seed_text: str) -> None:
    expected = _expected()
    article = clean(seed_text, kind="text")
    assert article.title == expected["title"]
    assert article.dek == expected["dek"]
    assert article.byline == expected["byline"]
    assert article.published == expected["published"]
    assert [{"text": c.text, "credit": c.credit} for c in article.captions] == expected["captions"]
    assert [
        {"label": link.label, "text": link.text, "url": link.url} for link in article.links
    ] == expected["links"]
    assert article.headings == expected["headings"]
    paragraphs = [block for block in article.blocks if block.kind == "paragraph"]
    assert len(paragraphs) == expected["paragraph_count"]
    assert article.text == expected["body_text"]


def test_seed_boilerplate_is_gone_everywhere(seed_text: str) -> None:
    article = clean(seed_text, kind="text")
    everything = json.dumps(
        [article.title, article.dek, article.text, article_markdown(article), str(article.captions),
         str(article.links)],
        ensure_ascii=False,
    )
    for line in _expected()["boilerplate_removed"]:  # type: ignore[attr-defined]
        assert line not in everything


def test_seed_markdown_has_headings_and_no_teasers(seed_text: str) -> None:
    article = clean(seed_text, kind="text")
    assert "## Doha talks" in article_markdown(article)
    assert "Learn more" not in article_markdown(article)
    assert "Reuters" not in article.text
