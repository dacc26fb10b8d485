"""Blocks made of links to other pages: tag lists and section-front blurbs.

Extractors keep them because they sit inside the article's container. What gives them
away is their structure: how much of a block is links, how short each linked piece is,
and, for blurbs, a run of them with nothing but more of them after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsreader.ingest.cleaning.boilerplate import is_boilerplate, is_media_chrome
from newsreader.ingest.cleaning.raw_blocks import RawBlock

# A label in front of a list: "Topics:", "Filed under:", "Tags :" (at most three words).
_LABEL = re.compile(r"^\s*(?P<label>\w+(?:\s+\w+){0,2})\s*[:：]\s*")
# Labels that announce a list of subjects rather than text.
_TAG_LABEL = re.compile(
    r"^(?:tags?|tagged(?:\s+with)?|topics?|related\s+topics|keywords?|categor(?:y|ies)"
    r"|filed\s+(?:under|in)|subjects?|more\s+about|themen|schlagw\w+|temas?|sujets?|теги"
    r"|метки|темы)$",
    re.IGNORECASE,
)
# What may stand between tags: commas, bars, bullets, slashes, "and".
_SEPARATORS = re.compile(r"^(?:[\s,;|/·•#]|\band\b|&)*$", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*[,;|·•]\s*")
_SENTENCE_MARK = re.compile(r"[.!?]\s|[.!?]$")
# A tag is a few words; a line of tags has at least this many of them.
_TAG_WORDS = 4
_MIN_LINKED_TAGS = 3
_MIN_LABELLED_TAGS = 2
# A blurb is a headline link and a summary of at most this many words; a headline has at
# least _HEADLINE_WORDS.
_BLURB_WORDS = 60
_HEADLINE_WORDS = 4
# Blurbs are what follows an article: the article before them is this many times longer,
# and its paragraphs this many times longer than theirs on average.
_ARTICLE_SHARE = 2
_LONGER = 1.5
# After a headline opening a paragraph, its summary starts anew: "Headline. Summary",
# "Headline: Summary", "Headline Summary" with a capital; not "Name said that ...".
_SUMMARY_START = re.compile(r"^[\s.:|–—-]*(?:[A-Z0-9\"“‘'(]|$)")

Span = tuple[int, int, str]


def is_tag_list(text: str, links: Sequence[Span]) -> bool:
    """``text`` is a line of tags: several short linked words with only separators between
    them (an optional label in front), or a list of short items after a label that names
    subjects ("Topics: a, b, c")."""
    label = _LABEL.match(text)
    start = label.end() if label else 0
    rest = text[start:]
    if not rest.strip() or _SENTENCE_MARK.search(rest.rstrip(" .")):
        return False
    tags = [(s, e) for s, e, _ in links if s >= start]
    if len(tags) >= _MIN_LINKED_TAGS and all(
            len(text[s:e].split()) <= _TAG_WORDS for s, e in tags):
        outside, cursor = [], start
        for s, e in sorted(tags):
            outside.append(text[cursor:s])
            cursor = max(cursor, e)
        outside.append(text[cursor:])
        if _SEPARATORS.match("".join(outside)):
            return True
    if label is None or not _TAG_LABEL.match(label.group("label")):
        return False
    items = [item for item in _ITEM_SPLIT.split(rest.strip(" .")) if item]
    return len(items) >= _MIN_LABELLED_TAGS and all(
        len(item.split()) <= _TAG_WORDS for item in items)


def blurb_runs(raw: Sequence[RawBlock]) -> set[int]:
    """Positions of the section-front blurbs that end ``raw``: two or more stories in a row,
    each a headline link (a link-only heading, a link opening the paragraph, or one the
    page puts over it) with at most a short summary, nothing after them but more of the
    same, and less text than the article before them."""
    positions: set[int] = set()
    stories = 0
    index = len(raw) - 1
    while index >= 0:
        block = raw[index]
        if _is_chrome(block):  # share buttons and the like between or after the stories
            index -= 1
            continue
        if block.kind == "paragraph" and _short(block) and (
                _has_headline(block) or _opens_with_headline(block)):
            positions.add(index)
        elif (block.kind != "heading" and _short(block) and index > 0
                and _is_headline(raw[index - 1])):
            positions.update((index - 1, index))
            index -= 1
        elif _is_headline(block):
            positions.add(index)
        else:
            break
        stories += 1
        index -= 1
    run = [raw[position] for position in sorted(positions)]
    before = raw[: index + 1]
    if (stories < 2 or _length(run) * _ARTICLE_SHARE > _length(before)
            or _paragraph_words(before) < _LONGER * _paragraph_words(run)):
        return set()  # one teaser; a list that is the article; a page of blurbs only
    return positions


def _length(blocks: Sequence[RawBlock]) -> int:
    return sum(len(block.text) for block in blocks)


def _paragraph_words(blocks: Sequence[RawBlock]) -> float:
    """Mean words per paragraph of ``blocks`` (0 when there is none)."""
    counts = [len(block.text.split()) for block in blocks if block.kind == "paragraph"]
    return sum(counts) / len(counts) if counts else 0.0


def blurb_link(block: RawBlock) -> tuple[str, str] | None:
    """The (headline, URL) of the story a blurb block points to, if it names one."""
    if block.headline is not None:
        return block.headline
    if not block.links:
        return None
    start, end, url = min(block.links)
    return block.text[start:end], url


def story_link(block: RawBlock) -> tuple[str, str] | None:
    """The (headline, URL) of a block that is one link of a few words and nothing else."""
    if len(block.links) != 1:
        return None
    start, end, url = block.links[0]
    headline = block.text[start:end]
    if len(headline.split()) < _HEADLINE_WORDS or (block.text[:start] + block.text[end:]).strip(
            " :|-–—"):
        return None
    return headline, url


def _is_headline(block: RawBlock) -> bool:
    """A heading that is one link of a few words: another story's headline."""
    return block.kind == "heading" and story_link(block) is not None


def _has_headline(block: RawBlock) -> bool:
    """The page puts a headline link of a few words over the block."""
    return block.headline is not None and len(block.headline[0].split()) >= _HEADLINE_WORDS


def _opens_with_headline(block: RawBlock) -> bool:
    """The block starts with a link of a few words and goes on after it."""
    if not block.links:
        return False
    start, end, _ = min(block.links)
    return (start <= 2 and len(block.text[start:end].split()) >= _HEADLINE_WORDS
            and end < len(block.text.rstrip())
            and _SUMMARY_START.match(block.text[end:]) is not None)


def _is_chrome(block: RawBlock) -> bool:
    return (is_boilerplate(block.text) or is_media_chrome(block.text)
            or is_tag_list(block.text, block.links))


def _short(block: RawBlock) -> bool:
    return len(block.text.split()) <= _BLURB_WORDS
