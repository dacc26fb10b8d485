"""Which text of a page is the article: candidates compared by evidence.

trafilatura's fast precision pass is the first candidate. The page itself says whether
to trust it: its prose (paragraph elements with long text and few links) is either in
that extraction or not. When the extraction is short, or leaves out prose close to what it
took, two more candidates are made: trafilatura's full pass (its fallback extractors
compared) and readability-lxml. A candidate replaces the current choice only by evidence:
it keeps what the current choice holds (the two agree) and what it adds is prose, not
links; or the current choice is too short to be an article and the candidate is prose.
No rule is keyed to a site.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newsreader.ingest.cleaning.html_normalise import normalise_fragment, trafilatura_to_html
from newsreader.ingest.cleaning.html_page import (
    KEY_LENGTH,
    PageIndex,
    find_region,
    related_boxes,
    text_key,
)
from newsreader.ingest.cleaning.html_structure import RawBlock, read_blocks

# Below this many characters an extraction is too short to be trusted as the article.
SHORT_ARTICLE = 500
# Prose is a paragraph element of at least this many characters ...
_PROSE_LENGTH = 100
# ... whose links hold at most this share of its text.
_PROSE_LINKS = 0.3
# An extraction is doubtful when the prose it leaves out is over this share of its own
# length (and over _MISSED_MINIMUM characters): a partial result, or the wrong region.
_MISSED_SHARE = 0.25
_MISSED_MINIMUM = 300
# A candidate that keeps this share of the current choice agrees with it ...
_AGREEMENT = 0.9
# ... and must add at least this many characters of prose to be worth switching to.
_GAIN = 100


@dataclass
class Candidate:
    """One extractor's blocks, with their text and its matching key."""

    name: str
    blocks: list[RawBlock]

    @property
    def length(self) -> int:
        """Characters of text in the blocks."""
        return sum(len(block.text) for block in self.blocks)

    @property
    def key(self) -> str:
        """The whole text as one matching key (word characters, case-folded)."""
        return text_key(" ".join(block.text for block in self.blocks), full=True)


def choose_blocks(tree: Any, index: PageIndex, base: str | None) -> list[RawBlock]:
    """The blocks of the article in ``tree`` (already stripped of invisible elements);
    ``index`` is the page's paragraph index (:func:`index_page`)."""
    chosen = Candidate("trafilatura", trafilatura_blocks(tree, base, fast=True))
    if chosen.length < SHORT_ARTICLE:
        others = [Candidate("trafilatura full", trafilatura_blocks(tree, base, fast=False)),
                  Candidate("readability", readability_blocks(tree, base))]
        options = [other for other in others if _prefer(other, chosen)]
        return max(options, key=lambda c: c.length, default=chosen).blocks
    region = find_region(tree, index, [b.text for b in chosen.blocks if b.kind != "heading"])
    if region is None or not is_doubtful(chosen, page_prose(_surroundings(region))):
        return chosen.blocks
    other = Candidate("readability", readability_blocks(tree, base))
    return merged(chosen, other, _located(index), region).blocks


def _surroundings(region: Any) -> Any:
    """Where prose left out of an extraction would still be close to it."""
    parent = region.getparent()
    return region if parent is None else parent


def _outside_article(region: Any) -> set[Any]:
    """Elements of ``region`` in its related-story boxes and asides."""
    boxed: set[Any] = set()
    for box in related_boxes(region):
        boxed.update(box.iter())
    return boxed


def merged(chosen: Candidate, other: Candidate, located: dict[str, Any],
           region: Any) -> Candidate:
    """``other`` when it agrees with ``chosen`` and adds prose from the same region of the
    page (its blocks from elsewhere left out), else ``chosen``."""
    if region is None or _shared(chosen, other) < _AGREEMENT * chosen.length:
        return chosen
    key = chosen.key
    boxed = _outside_article(region)
    kept: list[RawBlock] = []
    for block in other.blocks:
        short = text_key(block.text)[:KEY_LENGTH]
        element = located.get(short)
        if short not in key and element is not None and (
                element in boxed or not _inside(element, region)):
            continue
        kept.append(block)
    candidate = Candidate(other.name, kept)
    return candidate if _prefer(candidate, chosen) else chosen


def _located(index: PageIndex) -> dict[str, Any]:
    located: dict[str, Any] = {}
    for element, key in index:
        located.setdefault(key[:KEY_LENGTH], element)
    return located


def _inside(element: Any, region: Any) -> bool:
    return element is region or any(a is region for a in element.iterancestors())


def page_prose(root: Any) -> list[tuple[str, int]]:
    """Every prose element under ``root``: (its matching key, its length)."""
    prose = []
    for element in root.iter("p", "pre", "dd", "blockquote"):
        text = element.text_content()
        length = len(text.strip())
        if length < _PROSE_LENGTH:
            continue
        linked = sum(len(anchor.text_content()) for anchor in element.iter("a"))
        if linked <= _PROSE_LINKS * length:
            prose.append((text_key(text), length))
    return prose


def is_doubtful(candidate: Candidate, prose: Sequence[tuple[str, int]]) -> bool:
    """True when the page's evidence says ``candidate`` may not be the whole article."""
    length = candidate.length
    if length < SHORT_ARTICLE:
        return True
    covered = candidate.key
    missed = sum(size for key, size in prose if key and key not in covered)
    return missed > max(_MISSED_MINIMUM, _MISSED_SHARE * length)


def better_of(chosen: Candidate, others: Sequence[Candidate]) -> Candidate:
    """``chosen``, or the candidate the evidence prefers to it (in the order given)."""
    for other in others:
        if _prefer(other, chosen):
            chosen = other
    return chosen


def _prefer(other: Candidate, chosen: Candidate) -> bool:
    if other.length <= chosen.length + _GAIN or not other.blocks:
        return False
    added = [block for block in other.blocks
             if text_key(block.text)[:KEY_LENGTH] not in chosen.key]
    added_length = sum(len(block.text) for block in added)
    linked = sum(end - start for block in added for start, end, _ in block.links)
    if added_length < _GAIN or linked > _PROSE_LINKS * added_length:
        return False  # what it adds is mostly links: menus, teasers
    if chosen.length < SHORT_ARTICLE:
        return True
    kept = _shared(chosen, other)
    return kept >= _AGREEMENT * chosen.length


def _shared(chosen: Candidate, other: Candidate) -> int:
    """Characters of ``chosen``'s blocks that ``other`` holds too."""
    key = other.key
    return sum(len(block.text) for block in chosen.blocks
               if text_key(block.text)[:KEY_LENGTH] in key)


def trafilatura_blocks(tree: Any, base: str | None, *, fast: bool) -> list[RawBlock]:
    """trafilatura's article (precision mode; ``fast`` skips its fallback extractors)."""
    import trafilatura  # heavy: loaded when a page is first cleaned, not at start-up

    document = trafilatura.bare_extraction(
        tree,
        url=base,
        fast=fast,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        # Links and emphasis are read from the page instead (attach_links): asking
        # trafilatura for them costs a quarter of its time and changes what it extracts.
        include_formatting=False,
        include_links=False,
        with_metadata=False,
    )
    body = getattr(document, "body", None) if document is not None else None
    return read_blocks(trafilatura_to_html(body, base)) if body is not None else []


def readability_blocks(tree: Any, base: str | None) -> list[RawBlock]:
    """readability-lxml's article, its links resolved against ``base``."""
    from readability import Document  # loaded only for pages whose extraction is doubtful

    try:
        # readability drops hidden elements from the tree it is given: give it a copy.
        summary = Document(copy.deepcopy(tree)).summary(html_partial=True)
        fragment = lxml_html.fragment_fromstring(summary, create_parent="div")
    except (etree.ParserError, ValueError, TypeError):
        return []
    return read_blocks(normalise_fragment(fragment, base))
