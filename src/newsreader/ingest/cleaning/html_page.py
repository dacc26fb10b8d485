"""What the original page DOM adds to the extracted body: its region, captions, teaser boxes.

trafilatura decides which text is the article but deletes figures and asides; the page
tree still has them. The article's region is found by locating the extracted paragraphs
in the page, and captions and related-story boxes are read from inside that region.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from newsreader.domain.models import Caption, Link
from newsreader.domain.sanitize import collapse_whitespace
from newsreader.ingest.cleaning.boilerplate import is_media_chrome
from newsreader.ingest.cleaning.captions import caption_from_figure_text, is_byline
from newsreader.ingest.cleaning.caseless import CaselessPattern
from newsreader.ingest.cleaning.link_targets import http_url
from newsreader.ingest.cleaning.raw_blocks import KEY_LENGTH, RawBlock, Span, text_key

_CAPTION_CLASS = CaselessPattern(
    r"(?:^|[\s_-])(?:(?:wp-)?caption(?:-text)?|figcaption|image-?caption|photo-?caption"
    r"|media-?caption|img-?caption|(?:image|photo|img|media)-?credit)(?:$|[\s_-])",
)
_CREDIT_CLASS = CaselessPattern(r"credit|copyright|photographer|attribution|source")
# "Video: what the clip shows" labels a clip.
_VIDEO_LABEL = re.compile(r"(?:video|watch)\s*:", re.IGNORECASE)
# A caption inside one of these belongs to a video player, not to a picture.
_PLAYER_CLASS = CaselessPattern(
    r"(?:^|[\s_-])(?:video|player|jwplayer|vjs|media-?player)(?:$|[\s_-])")
_RELATED_CLASS = CaselessPattern(
    r"related|read-?(?:more|also|next)|more-?(?:stories|from|on|news|articles|coverage)"
    r"|see-?also|also-?read|recommended|further-?reading|outbrain|taboola",
)
_HEADLINE_ELEMENTS = 6


PageIndex = list[tuple[Any, str]]


def index_page(tree: Any) -> PageIndex:
    """Every paragraph-like element of the page with its text key (truncated)."""
    return [(element, text_key(element.text_content()))
            for element in tree.iter("p", "li", "h2", "h3", "blockquote", "pre")]


def find_region(tree: Any, index: PageIndex, paragraphs: Iterable[str]) -> Any:
    """The page element holding the extracted paragraphs, widened to an enclosing
    ``<article>`` when there is one; None when the paragraphs cannot be located."""
    wanted = {text_key(text) for text in paragraphs if len(text) >= 40}
    wanted.discard("")
    return region_of(tree, [element for element, key in index if key[:KEY_LENGTH] in wanted])


def region_of(tree: Any, matches: Sequence[Any]) -> Any:
    """The innermost element of ``tree`` holding 60% of the elements ``matches``, widened
    to an enclosing ``<article>``; the page's only ``<article>`` when there are no matches
    (else None)."""
    if not matches:
        articles = list(tree.iter("article"))
        return articles[0] if len(articles) == 1 else None
    counts: Counter[Any] = Counter()
    for element in matches:
        counts.update(element.iterancestors())
    needed = max(1, int(len(matches) * 0.6 + 0.999))
    candidates = [a for a, n in counts.items() if n >= needed]
    region = max(candidates, key=lambda a: len(list(a.iterancestors())))
    for ancestor in [region, *region.iterancestors()]:
        if ancestor.tag == "article":
            return ancestor
    return region


def captions_in(region: Any, index: PageIndex, skip: Iterable[Any] = ()) -> list[Caption]:
    """Every figure caption inside ``region``, credits split off.

    Captions inside the ``skip`` elements (related-story boxes) are left out, and so are
    captions that repeat a paragraph of the article's prose (a pull quote used as a
    caption): the prose is the article, and the caption's words must not be in it twice.
    """
    captions: list[Caption] = []
    taken: set[Any] = set()
    for box in skip:
        taken.update(box.iter())
    for element in region.iter():
        if not isinstance(element.tag, str) or element in taken:
            continue
        marker = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag != "figcaption" and not _CAPTION_CLASS.found_in(marker):
            continue
        if element.tag in {"figure", "body", "article", "main", "section", "img"}:
            continue
        taken.update(element.iter())
        caption = _caption(element)
        if (caption is not None and caption not in captions and not _in_player(element, region)
                and not _repeats_prose(caption, element, index)):
            captions.append(caption)
    return captions


def _in_player(element: Any, region: Any) -> bool:
    """The caption labels a video (a player's caption line, or inside a player)."""
    text = collapse_whitespace(element.text_content())
    if is_media_chrome(text) or _VIDEO_LABEL.match(text):
        return True
    for ancestor in [element, *element.iterancestors()]:
        if _PLAYER_CLASS.found_in(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
        if ancestor is region:
            break
    return False


def _repeats_prose(caption: Caption, element: Any, index: PageIndex) -> bool:
    key = text_key(caption.text, full=True)
    if len(key) < 20:
        return False
    start = key[:KEY_LENGTH]
    holders = set(element.iterancestors())  # a gallery's list item holding the figure
    for other, other_key in index:
        if (other_key.startswith(start) and other not in holders
                and not _in_figure(other, element)
                and (len(key) <= KEY_LENGTH
                     or text_key(other.text_content(), full=True).startswith(key))):
            return True
    return False


def _in_figure(element: Any, caption: Any) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is caption or ancestor.tag in {"figure", "figcaption"}:
            return True
        marker = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _CAPTION_CLASS.found_in(marker):
            return True
    return element is caption


def _caption(element: Any) -> Caption | None:
    text = collapse_whitespace(element.text_content())
    credit = None
    for child in element.iterdescendants():
        if isinstance(child.tag, str) and _CREDIT_CLASS.found_in(child.get("class") or ""):
            credit = collapse_whitespace(child.text_content())
            break
    if credit is None:
        figure = next((a for a in element.iterancestors("figure")), None)
        if figure is not None:
            for child in figure.iter():
                if (isinstance(child.tag, str) and child is not element
                        and _CREDIT_CLASS.found_in(child.get("class") or "")):
                    credit = collapse_whitespace(child.text_content())
                    if credit and credit not in text:
                        text = f"{text} {credit}".strip()
                    break
    if credit is not None and text_key(credit) == text_key(text):
        credit = None  # the "credit" element wraps the whole caption
    if not text or (is_byline(text) and not credit):
        return None
    caption = caption_from_figure_text(text, credit or None)
    if not caption.text and not caption.credit:
        return None
    return caption


def related_in(boxes: Iterable[Any], base_url: str | None) -> list[Link]:
    """Links of the related-story boxes and link asides found by :func:`related_boxes`."""
    links: list[Link] = []
    seen: set[str] = set()
    for box in boxes:
        label = _box_label(box)
        for anchor in box.iter("a"):
            url = http_url(anchor.get("href"), base_url)
            text = collapse_whitespace(anchor.text_content())
            if url is None or url in seen or len(text.split()) < 3:
                continue
            seen.add(url)
            links.append(Link(text=text, url=url, kind="related", label=label))
    return links


def related_boxes(region: Any) -> list[Any]:
    """Related-story boxes and asides with links inside ``region`` (outermost only)."""
    boxes: list[Any] = []
    inside: set[Any] = set()
    for element in region.iter():
        if not isinstance(element.tag, str) or element is region or element in inside:
            continue
        marker = f"{element.get('class') or ''} {element.get('id') or ''}"
        if (element.tag == "aside" or _RELATED_CLASS.found_in(marker)) and any(
            True for _ in element.iter("a")
        ):
            boxes.append(element)
            inside.update(element.iter())
    return boxes


def _box_label(box: Any) -> str:
    for heading in box.iter("h2", "h3", "h4", "h5", "strong", "b"):
        text = collapse_whitespace(heading.text_content()).rstrip(":")
        if 0 < len(text.split()) <= 5:
            return text
    return "Related"


def attach_links(blocks: Iterable[RawBlock], index: PageIndex, base_url: str | None) -> None:
    """Give each block the links and emphasis of the page element it was extracted from.

    The element is found by its text; each anchor's (or em/strong's) words are then
    located in the block's text, in order. Words that cannot be found are left out.
    """
    with_marks: dict[str, Any] = {}
    for element, key in index:
        short = key[:KEY_LENGTH]
        if short and short not in with_marks and len(element):
            with_marks[short] = element
    for block in blocks:
        element = with_marks.get(text_key(block.text))
        if element is None:
            continue
        links, marks, lost = _spans(block.text, element, base_url)
        if lost and _restore_link_words(block, element):
            links, marks, _ = _spans(block.text, element, base_url)
        block.links, block.marks = links, marks


def _spans(text: str, element: Any, base_url: str | None) -> tuple[list[Span], list[Span], bool]:
    """The link and emphasis spans of ``element``'s anchors and emphasis located in
    ``text``, in order, and whether a link's words were not found there."""
    links: list[Span] = []
    marks: list[Span] = []
    lost = False
    cursors = {"a": 0, "em": 0, "strong": 0}
    for child in element.iter("a", "em", "i", "strong", "b"):
        tag = _EMPHASIS.get(child.tag, "a")
        url = http_url(child.get("href"), base_url) if tag == "a" else tag
        words = collapse_whitespace(child.text_content())
        if url is None or not words:
            continue
        position = text.find(words, cursors[tag])
        if position < 0:
            lost = lost or tag == "a"
            continue
        end = position + len(words)
        (links if tag == "a" else marks).append((position, end, url))
        cursors[tag] = end
    return links, marks, lost


_EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}


def _restore_link_words(block: RawBlock, element: Any) -> bool:
    """Give ``block`` the whole text of its page ``element`` when the extractor dropped the
    words of links from it ("involved in the , taking steps"; a class name it distrusts on
    an inline element): what it left out is exactly the links' text, nothing else. True
    when it did."""
    whole = collapse_whitespace(element.text_content())
    if len(whole) <= len(block.text) + 1:
        return False
    if text_key(_text_outside_links(element), full=True) != text_key(block.text, full=True):
        return False
    block.text = whole
    return True


def _text_outside_links(element: Any) -> str:
    pieces: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != "a":
            pieces.append(_text_outside_links(child))
        pieces.append(child.tail or "")
    return " ".join(pieces)


def enclosing_links(blocks: Iterable[RawBlock], index: PageIndex, base_url: str | None) -> None:
    """Give each block without links of its own the link its page element sits in, when
    that link holds nothing else of text (a headline inside a teaser card's link)."""
    located: dict[str, Any] = {}
    for element, key in index:
        located.setdefault(key[:KEY_LENGTH], element)
    for block in blocks:
        element = located.get(text_key(block.text))
        if block.links or element is None:
            continue
        anchor = next(element.iterancestors("a"), None)
        if anchor is None or text_key(anchor.text_content()) != text_key(block.text):
            continue
        url = http_url(anchor.get("href"), base_url)
        if url is not None:
            block.links = [(0, len(block.text), url)]


def note_headlines(blocks: list[RawBlock], index: PageIndex, base_url: str | None) -> None:
    """Give each paragraph the headline link the page puts just before it (an element that
    is one link and nothing else: a linked heading) when the blocks leave it out.

    Extractors drop a link-only heading but keep the short summary under it; the headline
    is what shows that the summary introduces another story.
    """
    located: dict[str, Any] = {}
    for element, key in index:
        located.setdefault(key[:KEY_LENGTH], element)
    kept = {text_key(block.text) for block in blocks}
    for block in blocks:
        if block.kind != "paragraph":
            continue
        element = located.get(text_key(block.text))
        previous = element.getprevious() if element is not None else None
        if previous is None or not isinstance(previous.tag, str):
            continue
        # A headline is a small element (a heading and its link): a larger one is not
        # looked into.
        inside = list(islice(previous.iter(), _HEADLINE_ELEMENTS + 1))
        anchors = [e for e in inside if e.tag == "a"]
        if len(inside) > _HEADLINE_ELEMENTS or len(anchors) != 1:
            continue
        words = collapse_whitespace(previous.text_content())
        url = http_url(anchors[0].get("href"), base_url)
        if (url is not None and words and text_key(words) not in kept
                and collapse_whitespace(anchors[0].text_content()) == words):
            block.headline = (words, url)
