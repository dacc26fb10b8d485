"""Which text of a page is the article: candidates compared by evidence.

trafilatura's fast precision pass is the first candidate. The page itself says whether
to trust it: the prose (paragraph elements with long text and few links) of the region
that holds it is either in that extraction or not, and its last blocks either lie in that
region or apart from it (an "About us" note, an author's box, other stories). When the
extraction is short, leaves out prose of its region, or ends apart from it, more
candidates are made: readability-lxml, given only the part of the page in question, and
for a short extraction trafilatura's full pass (its fallback extractors compared) when
readability finds nothing better. Most pages need none of them. A candidate changes the
choice only by evidence: it keeps what the current choice holds (the two agree) and what
it adds is prose, not links; or the current choice is too short to be an article and the
candidate is prose; or it agrees on the rest and leaves out the blocks that lie apart
(which also go, without it, when a horizontal rule separates them from the article).
A paragraph of the region skipped between two extracted ones is put back in its place.
No rule is keyed to a site.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newsreader.ingest.cleaning.html_normalise import normalise_fragment, trafilatura_to_html
from newsreader.ingest.cleaning.html_page import PageIndex, find_region, region_of, related_boxes
from newsreader.ingest.cleaning.html_parser import new_element
from newsreader.ingest.cleaning.html_structure import read_blocks
from newsreader.ingest.cleaning.raw_blocks import KEY_LENGTH, RawBlock, text_key

# readability-lxml logs a traceback before it gives up on a page (it raises too, handled in
# readability_blocks): nothing a user should see printed.
logging.getLogger("readability").addHandler(logging.NullHandler())

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
# Blocks apart from the region are trimmed only when they are under this share of the text.
_MOST_TRIMMED = 0.4


@dataclass
class Candidate:
    """One extractor's blocks, with their text and its matching key."""

    name: str
    blocks: list[RawBlock]

    @property
    def length(self) -> int:
        """Characters of text in the blocks."""
        return sum(len(block.text) for block in self.blocks)

    @cached_property
    def key(self) -> str:
        """The whole text as one matching key (word characters, case-folded): the blocks'
        keys end to end."""
        return "".join(text_key(block.text, full=True) for block in self.blocks)


@dataclass
class Choice:
    """The article's blocks, the page element that holds them (None when they cannot be
    located in the page), that element's related-story boxes, and the blocks trimmed off
    the extraction as lying apart from the article (other stories' headlines among them)."""

    blocks: list[RawBlock]
    region: Any
    boxes: list[Any]
    apart: list[RawBlock] = field(default_factory=list)


def choose_article(tree: Any, index: PageIndex, base: str | None) -> Choice:
    """The article in ``tree`` (already stripped of invisible elements); ``index`` is the
    page's paragraph index (:func:`index_page`)."""
    chosen = Candidate("trafilatura", trafilatura_blocks(tree, base, fast=True))
    if chosen.length < SHORT_ARTICLE:
        # readability first, on the part of the page that holds its prose (if it has
        # any): trafilatura's full pass costs more and is asked only when readability finds
        # no article either.
        scope = region_of(tree, prose_elements(tree))
        other = Candidate("readability", readability_blocks(
            tree if scope is None else scope, base))
        if not _prefer(other, chosen):
            other = Candidate("trafilatura full", trafilatura_blocks(tree, base, fast=False))
        return located_choice(tree, index, other if _prefer(other, chosen) else chosen)
    region = find_region(tree, index, [b.text for b in chosen.blocks if b.kind != "heading"])
    if region is None:
        return Choice(chosen.blocks, None, [])
    boxes = related_boxes(region)
    located = _located(index)
    # Only prose of the region can be merged in (see merged), so only its prose is asked for.
    boxed = _inside_boxes(boxes)
    # What the extraction leaves out of it is looked for once: it is what is_doubtful
    # counts, and what filled may put back.
    left_out = [(element, text) for element, text in prose_in(region, boxed)
                if (key := text_key(text)) and key not in chosen.key]
    doubtful = is_doubtful(chosen, [(text_key(text), len(text.strip())) for _, text in left_out])
    tail = detached_tail(chosen, located, region)
    if not doubtful and not tail:
        return Choice(filled(chosen, left_out, located, headings_in(region, boxed)).blocks,
                      region, boxes)
    # readability reads only the part of the page in question: the region, and the blocks
    # that lie apart from it.
    scope = common_ancestor([region, *(located[text_key(b.text)] for b in tail)])
    other = Candidate("readability", readability_blocks(scope, base))
    better = merged(chosen, other, located, region) if doubtful else chosen
    if better is not chosen:
        return located_choice(tree, index, better)
    better = trimmed(chosen, other, len(tail))
    if better is chosen and tail and ruled_off(region, located[text_key(tail[0].text)]):
        better = ruled_off_trim(chosen, len(tail))
    if better is chosen:
        return Choice(chosen.blocks, region, boxes)
    kept = {id(block) for block in better.blocks}
    choice = located_choice(tree, index, better)
    choice.apart = [block for block in tail if id(block) not in kept]
    return choice


def filled(chosen: Candidate, prose: Sequence[tuple[Any, str]], located: dict[str, Any],
           headings: Sequence[Any] = ()) -> Candidate:
    """``chosen`` with the paragraphs of ``prose`` (its region's) that it skipped between
    two of its own blocks put back in their place: an extractor that keeps the blocks on
    both sides of one has no reason to leave it out but a stray guess (an embed before it,
    a phrase it distrusts). So are the ``headings`` it skipped there that stand right over
    the block after them (not over a box it left out: "Share this", "Most read")."""
    key = chosen.key
    missed = {element: " ".join(text.split()) for element, text in prose
              if element.tag == "p" and text_key(text) not in key
              and not any(a.tag in _NOT_BODY for a in element.iterancestors())}
    skipped = [(heading, text) for heading in headings
               if text_key(text := " ".join(heading.text_content().split())) not in key]
    if not missed and not skipped:
        return chosen  # most pages: nothing to look for
    anchors: dict[Any, int] = {}  # page element of each extracted block -> its position
    for position, block in enumerate(chosen.blocks):
        element = located.get(text_key(block.text))
        if element is not None:
            anchors.setdefault(element, position)
    for heading, text in skipped:
        if _stands_over(heading, {*anchors, *missed}):
            missed[heading] = text
    if not missed:
        return chosen
    inserted: dict[int, list[RawBlock]] = {}
    last: int | None = None
    pending: list[Any] = []
    for element in common_ancestor([*missed, *anchors]).iter(*_ORDERED):
        if element in anchors:
            if last is not None and pending and anchors[element] == last + 1:
                inserted[last] = [_missed_block(e, missed[e]) for e in pending]
            last, pending = anchors[element], []
        elif element in missed and last is not None:
            pending.append(element)
    if not inserted:
        return chosen
    result: list[RawBlock] = []
    for position, block in enumerate(chosen.blocks):
        result.append(block)
        result.extend(inserted.get(position, []))
    return Candidate(chosen.name, result)


# A paragraph in one of these is a quotation or a caption, not one the extractor skipped.
_NOT_BODY = {"blockquote", "figure", "figcaption", "table", "li", "aside"}
_HEADINGS = ("h2", "h3", "h4")
# The elements the blocks are located at (index_page's) and the ones put back.
_ORDERED = ("p", "li", "h2", "h3", "h4", "blockquote", "pre")
_HEADING_WORDS = 20


def headings_in(region: Any, skip: Collection[Any] = ()) -> list[Any]:
    """The section headings of ``region`` not in ``skip`` (its related-story boxes),
    other stories' linked headlines left out."""
    return [heading for heading in region.iter(*_HEADINGS) if heading not in skip
            and 0 < len(heading.text_content().split()) <= _HEADING_WORDS
            and not _is_one_link(heading)]


def _is_one_link(element: Any) -> bool:
    """All the text of ``element`` is one link to another page: another story's headline
    (a link to a place in the page is a section heading's own)."""
    anchors = list(element.iter("a"))
    return (len(anchors) == 1 and not (anchors[0].get("href") or "#").startswith("#")
            and text_key(anchors[0].text_content(), full=True)
            == text_key(element.text_content(), full=True))


def _stands_over(heading: Any, blocks: Collection[Any]) -> bool:
    """The first element after ``heading`` that has text is, or holds, one of ``blocks``."""
    following = heading.getnext()
    while following is not None and not following.text_content().strip():
        following = following.getnext()
    if following is None:
        return False
    return following in blocks or any(e in blocks for e in following.iterdescendants())


def _missed_block(element: Any, text: str) -> RawBlock:
    if element.tag in _HEADINGS:
        return RawBlock("heading", text, element, level=int(element.tag[1]))
    return RawBlock("paragraph", text, element)


def located_choice(tree: Any, index: PageIndex, candidate: Candidate) -> Choice:
    """``candidate`` with the page region that holds its paragraphs, and its boxes."""
    region = find_region(tree, index, [b.text for b in candidate.blocks if b.kind != "heading"])
    return Choice(candidate.blocks, region, related_boxes(region) if region is not None else [])


def common_ancestor(elements: Sequence[Any]) -> Any:
    """The innermost element holding all of ``elements`` (each may be the answer itself)."""
    first, *rest = elements
    chain = [first, *first.iterancestors()]
    depth = {element: position for position, element in enumerate(chain)}
    deepest = 0
    for element in rest:
        for ancestor in [element, *element.iterancestors()]:
            if ancestor in depth:
                deepest = max(deepest, depth[ancestor])
                break
        else:
            return chain[-1]
    return chain[deepest]


def detached_tail(chosen: Candidate, located: dict[str, Any], region: Any) -> list[RawBlock]:
    """The last blocks of ``chosen`` that lie in the page outside ``region``, the element
    holding most of its paragraphs: far from the body, they may not belong to it."""
    tail: list[RawBlock] = []
    for block in reversed(chosen.blocks):
        element = located.get(text_key(block.text))
        if element is None or _inside(element, region):
            break
        tail.append(block)
    if len(tail) == len(chosen.blocks):
        return []
    return tail[::-1]


def trimmed(chosen: Candidate, other: Candidate, tail: int) -> Candidate:
    """``chosen`` without those of its last ``tail`` blocks that ``other`` leaves out, when
    ``other`` agrees with the rest of it (both found the same article) and the blocks
    left out are a small part of it; else ``chosen``."""
    if not tail or not other.blocks:
        return chosen
    body = Candidate(chosen.name, chosen.blocks[:-tail])
    if _shared(body, other) < _AGREEMENT * body.length:
        return chosen
    key = other.key
    kept = [block for block in chosen.blocks[-tail:] if text_key(block.text) in key]
    dropped = sum(len(block.text) for block in chosen.blocks[-tail:]) - sum(
        len(block.text) for block in kept)
    if dropped == 0 or dropped > _MOST_TRIMMED * chosen.length:
        return chosen
    return Candidate(chosen.name, [*body.blocks, *kept])


def ruled_off_trim(chosen: Candidate, tail: int) -> Candidate:
    """``chosen`` without its last ``tail`` blocks, when they are a small part of it."""
    dropped = sum(len(block.text) for block in chosen.blocks[-tail:])
    if dropped > _MOST_TRIMMED * chosen.length:
        return chosen
    return Candidate(chosen.name, chosen.blocks[:-tail])


def ruled_off(region: Any, element: Any) -> bool:
    """A horizontal rule stands in the page after ``region`` and before ``element``."""
    inside: set[Any] = set()
    for current in common_ancestor([region, element]).iter():
        if current is element:
            return False
        if current is region:
            inside = set(region.iter())
        elif inside and current.tag == "hr" and current not in inside:
            return True
    return False


def _inside_boxes(boxes: Sequence[Any]) -> set[Any]:
    """Every element of the related-story boxes and asides ``boxes``."""
    inside: set[Any] = set()
    for box in boxes:
        inside.update(box.iter())
    return inside


def merged(chosen: Candidate, other: Candidate, located: dict[str, Any],
           region: Any) -> Candidate:
    """``other`` when it agrees with ``chosen`` and adds prose from the same region of the
    page (its blocks from elsewhere left out), else ``chosen``."""
    if region is None or _shared(chosen, other) < _AGREEMENT * chosen.length:
        return chosen
    key = chosen.key
    boxed = _inside_boxes(related_boxes(region))
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


def page_prose(root: Any, skip: Collection[Any] = ()) -> list[tuple[str, int]]:
    """Every prose element under ``root`` and not in ``skip``: (its matching key, its
    length)."""
    return [(text_key(text), len(text.strip())) for _, text in _prose(root, skip)]


def prose_in(root: Any, skip: Collection[Any] = ()) -> list[tuple[Any, str]]:
    """Every prose element under ``root`` and not in ``skip``, with its text."""
    return list(_prose(root, skip))


def prose_elements(root: Any) -> list[Any]:
    """The prose elements under ``root``: paragraphs of some length, few of them links."""
    return [element for element, _ in _prose(root, ())]


def _prose(root: Any, skip: Collection[Any]) -> Iterator[tuple[Any, str]]:
    for element in root.iter("p", "pre", "dd", "blockquote"):
        if element in skip:
            continue
        text = element.text_content()
        length = len(text.strip())
        if length < _PROSE_LENGTH:
            continue
        linked = sum(len(anchor.text_content()) for anchor in element.iter("a"))
        if linked <= _PROSE_LINKS * length:
            yield element, text


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
        # Only the body tree is read: any format but "python" spares the conversion of
        # the body to plain text that bare_extraction does for that one.
        output_format="txt",
    )
    body = getattr(document, "body", None) if document is not None else None
    return read_blocks(trafilatura_to_html(body, base)) if body is not None else []


def readability_blocks(root: Any, base: str | None) -> list[RawBlock]:
    """readability-lxml's article in the page element ``root`` (the whole page or the part
    in question), its links resolved against ``base``."""
    from readability import Document  # loaded only for pages whose extraction is doubtful

    # It drops hidden elements from the tree it is given: it gets a copy, inside a <div>
    # of its own, for it cannot read a tree whose root is an <article> holding others.
    holder = new_element("div")
    holder.append(copy.deepcopy(root))
    try:
        summary = Document(holder).summary(html_partial=True)
        fragment = lxml_html.fragment_fromstring(summary, create_parent="div")
    except (etree.ParserError, ValueError, TypeError):
        return []
    return read_blocks(normalise_fragment(fragment, base))
