"""Highlights and notes over the seed article, shared by the snapshot tests."""

from __future__ import annotations

from newsreader.storage import Library

from .conftest import article_id


def annotate_seed(library: Library) -> int:
    """Every colour, a note, two adjacent highlights, one inside another, an article note."""
    seed = article_id(library, "Islamabad")
    text = library.articles.get(seed).article.text

    def mark(quote: str, color: str, note: str | None = None) -> None:
        start = text.index(quote)
        library.annotations.add_highlight(seed, start, start + len(quote), color=color, note=note)

    mark("Pakistan has presented its final position", "yellow", note="The headline claim.")
    mark("strongly rejecting", "green")
    mark("mediated by Turkey and Qatar", "blue")
    mark("the worst since the Taliban’s capture of Kabul in 2021", "pink")
    mark("capture of Kabul", "purple")  # inside the pink one
    mark("According to security sources,", "yellow")
    mark("the Pakistani delegation made it clear", "yellow")  # touches the one before
    library.annotations.add_article_note(seed, "Follow the Istanbul talks.")
    return seed
