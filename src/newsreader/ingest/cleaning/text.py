"""Plain-text copies of web pages (the seed's form) -> Article.

A copied page is a list of blocks separated by blank lines: the title first, then usually
a standfirst, a photo caption, the body with short headings, teaser lines pointing to
other stories, and the page's chrome (comment form, "Scroll to Top").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsreader.domain.models import Article, Block, Caption, Link
from newsreader.domain.sanitize import collapse_whitespace
from newsreader.ingest.cleaning.block_spans import remove_urls
from newsreader.ingest.cleaning.boilerplate import is_boilerplate, starts_comments
from newsreader.ingest.cleaning.raw_blocks import RawBlock
from newsreader.ingest.cleaning.text_blocks import Model, article_scores, decided_scores
from newsreader.ingest.cleaning.text_rules import (
    AD_BREAK,
    AUTHOR_NOTE,
    PLAYER_LABEL,
    caption_in,
    comment_thread_start,
    is_dateline,
    photo_credit,
    repeated_headline,
    teaser_excerpt,
    teaser_heading,
    teaser_line,
    uncredited_caption,
    video_teaser,
    without_hover_cards,
)

_CLOSING_QUOTES = "\"'”’»"
_TERMINAL_PUNCTUATION = tuple(".!?:;,…\"'”’»)")
_BYLINE = re.compile(r"^(?:(?:words|written|posted)\s+)?(?:by|автор|텍스트)\s*[:：]?\s+"
                     r"(?P<name>.{2,80})$", re.IGNORECASE)
_DATE = re.compile(
    r"^(?:(?:published|updated|posted)\s*(?:on|at)?\s*:?\s*)?"
    r"(?P<date>(?:\w+,?\s+)?(?:\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\w{2,4})?)?)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-*•·]|(?P<number>\d{1,3}[.)]))\s+(?P<text>.+)$")
# "U.S.", "N.Y.C.": initials whose last full stop ends no sentence.
_ABBREVIATION_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")
_MAX_HEADING_WORDS = 14
_MAX_DEK_WORDS = 60
_MAX_STANDFIRST_WORDS = 40
_STANDFIRST_REACH = 2  # blocks under a standfirst where its byline or date is looked for
_MAX_TITLE_WORDS = 30
_MAX_TITLE_CHARS = 100
_MAX_HEADLINE_WORDS = 16
_MAX_LABEL_WORDS = 4
_MAX_LABELS = 3  # section labels a copy may begin with above its headline
_MIN_HEADLINE_WORDS = 4
_MIN_LEDE_WORDS = 30  # the header ends at the first paragraph this long
_MIN_REPEATED_WORDS = 6
_REPEATS_SHARE = 5  # repeats over a fifth of the words are the copy's structure
_REPEAT_REACH = 2  # a block again this close is a teaser's link and picture, not a quote
# Blocks the classifier scores at least this likely to be article text are kept.
ARTICLE = 0.3
BOX_SHARE = 4


def split_blocks(text: str) -> list[str]:
    """Split copied text into blocks: by blank lines, or by lines when there are none; a
    hover card the copy ran into a sentence is taken out of it."""
    text = text.strip("\n")
    blank_line = re.compile(r"\n[ \t]*\n")
    chunks = blank_line.split(text) if blank_line.search(text) else text.split("\n")
    blocks = (without_hover_cards(collapse_whitespace(chunk)) for chunk in chunks)
    return [block for block in blocks if block]


def looks_like_heading(block: str) -> bool:
    """A short line with no terminal punctuation, as sub-headings are in copied pages."""
    words = block.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and len(block) <= 120
        and not block.endswith(_TERMINAL_PUNCTUATION)
        and not block.startswith(("“", '"', "«", "‘", "'"))
    )


def _looks_like_dek(block: str) -> bool:
    """A short block without final punctuation: a standfirst, not the lede (nor a paragraph
    cut short with "[…]")."""
    return len(block.split()) <= _MAX_DEK_WORDS and not _unquoted(block).endswith(
        (".", "!", "?", "…", "…]", "…)", "...]", "...)"))


def _standfirst_above_byline(block: str, after: Sequence[str]) -> bool:
    """A standfirst written as a sentence: short, under the headline, and a byline or a
    date line follows it (a lede is followed by more of the article)."""
    return len(block.split()) <= _MAX_STANDFIRST_WORDS and any(
        chunk.lower() == "by" or _BYLINE.match(chunk) or _DATE.match(chunk) or is_dateline(chunk)
        for chunk in after[:_STANDFIRST_REACH])


def _looks_like_title(block: str) -> bool:
    """Headlines are short, have words and do not end with a full stop (an abbreviation's
    "N.Y.C." is not one); a long first block is the lede (the copy began below the
    headline), a slideshow's "1 / 5" is no headline."""
    ending = _ABBREVIATION_END.sub("", _unquoted(block))
    return (len(block.split()) <= _MAX_TITLE_WORDS and _has_letters(block)
            and not ending.endswith((".", "…", ":", ";")))


def _unquoted(block: str) -> str:
    """``block`` without the closing quotation marks after its last sentence."""
    return block.rstrip(_CLOSING_QUOTES)


def _headline_index(chunks: Sequence[str]) -> int:
    """Where the headline is: the first block, unless the copy begins with section labels
    or the page's address ("Home", "News", "TECH", a URL, a date) above a longer headline."""
    for index, chunk in enumerate(chunks[:_MAX_LABELS + 1]):
        words = len(chunk.split())
        if (words >= _MIN_HEADLINE_WORDS and _looks_like_title(chunk)
                and not is_dateline(chunk) and not _BYLINE.match(chunk)):
            return index
        label = (words <= _MAX_LABEL_WORDS - 1 or is_dateline(chunk) or chunk.startswith("©")
                 or remove_urls(RawBlock("paragraph", chunk, None)) is None)
        if not label:
            return 0
    return 0


def _title_from(block: str) -> str:
    """A title for a copy that has none: the opening words of its first block."""
    sentence = re.split(r"(?<=[.!?])\s", block, maxsplit=1)[0]
    if len(sentence) <= _MAX_TITLE_CHARS:
        return sentence
    return sentence[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def clean_text(text: str, *, url: str | None = None, site: str | None = None,
               model: Model | None = None, known: Sequence[float] | None = None) -> Article:
    """Clean a plain-text copy of a web page into an Article (``model``: the block
    classifier's weights, the shipped ones by default; ``known``: each block's article
    score as already decided, in place of the classifier's, as the training script's
    ceiling gives the labels)."""
    chunks = split_blocks(text)
    if not chunks:
        return Article(title="Untitled", url=url, site=site)
    scores = (list(known) if known is not None
              else decided_scores(chunks, article_scores(chunks, model), ARTICLE))
    at = _headline_index(chunks)
    if len(chunks) > at + 1 and _looks_like_title(chunks[at]) and not _BYLINE.match(chunks[at]):
        title, rest, scores = chunks[at], chunks[at + 1 :], scores[at + 1 :]
    else:
        # A one-block copy is all body, whatever it looks like; a copy that opens with its
        # byline has no headline.
        title = _title_from(next((c for c in chunks if _has_letters(c) and not _BYLINE.match(c)),
                                 chunks[0]))
        rest = chunks
    has_title = rest is not chunks
    dek = byline = published = None
    teaser_label: str | None = None
    captions: list[Caption] = []
    related: list[Link] = []
    blocks: list[Block] = []
    fallback: list[str] = []
    thread = comment_thread_start(rest)
    repeated = _repeated(rest, scores)
    credited = -1  # the credit line of the caption above, already taken
    for index, (chunk, score) in enumerate(zip(rest, scores, strict=True)):
        if index == thread and sum(len(b.text.split()) for b in blocks) >= _MIN_LEDE_WORDS:
            # Two or more "name says:" lines are a thread of reader comments, however well
            # the comments read.
            break
        if (starts_comments(chunk) or index == thread) and _article_ends(
                blocks, rest[index + 1 :], scores[index + 1 :], share=1):
            break
        if (is_boilerplate(chunk) or is_boilerplate(chunk.rstrip(" :")) or starts_comments(chunk)
                or AD_BREAK.match(chunk)
                or not (_has_letters(chunk) or len(chunk.split()) > _MAX_LABEL_WORDS)):
            continue
        if teaser_label is not None and _looks_like_headline(chunk):
            related.append(Link(text=chunk, url=None, kind="related", label=teaser_label))
            continue
        teaser_label = None
        if teaser_heading(chunk):
            teaser_label = chunk.rstrip(" .…:")
            if _article_ends(blocks, rest[index + 1 :], scores[index + 1 :], share=BOX_SHARE):
                # A box of other stories under the article: its headlines are related links.
                related += [Link(text=c, url=None, kind="related", label=teaser_label)
                            for c in rest[index + 1 :] if _is_box_headline(c)]
                break
            continue
        in_header = not any(len(block.text.split()) >= _MIN_LEDE_WORDS for block in blocks)
        if in_header and byline is None and (match := _BYLINE.match(chunk)):
            byline = match.group("name").strip()
            continue
        if (in_header and byline is None and chunk.lower() == "by" and index + 1 < len(rest)
                and _BYLINE.match(f"By {rest[index + 1]}")):
            # "By" on a line of its own, the name on the next: one byline.
            byline = rest[index + 1]
            continue
        if chunk == byline:
            continue
        if in_header and published is None and (match := _DATE.match(chunk)):
            published = match.group("date").strip()
            continue
        if is_dateline(chunk):
            continue
        if (label := PLAYER_LABEL.match(chunk)) is not None:
            # A player's caption: a photo's is kept as one, a video's is the player's own.
            if label.group().lower().startswith(("image caption", "photo caption")):
                captions.append(Caption(text=chunk[label.end():], credit=None))
            continue
        if index == credited or photo_credit(chunk) is not None:
            continue
        if (caption := caption_in(chunk)) is not None:
            captions.append(caption)
            continue
        following = rest[index + 1] if index + 1 < len(rest) else ""
        if (len(chunk.split()) <= _MAX_DEK_WORDS
                and (credit := photo_credit(following)) is not None):
            # A block over a photo's credit line is the photo's caption.
            captions.append(Caption(text=chunk, credit=credit))
            credited = index + 1
            continue
        if uncredited_caption(chunk):
            captions.append(Caption(text=chunk, credit=None))
            continue
        if (teaser := teaser_line(chunk)) is not None:
            related.append(teaser)
            continue
        if (headline := repeated_headline(chunk)) is not None:
            related.append(Link(text=headline, url=None, kind="related"))
            continue
        if teaser_excerpt(chunk) or video_teaser(chunk):
            continue
        if (index == 0 and has_title and dek is None
                and (_looks_like_dek(chunk) or _standfirst_above_byline(chunk, rest[1:]))):
            dek = chunk
            continue
        if (blocks and AUTHOR_NOTE.match(chunk)) or repeated.get(chunk, index) != index:
            continue
        if (kept := _without_url_lines(chunk)) is None:
            continue
        if score < ARTICLE:
            fallback.append(kept)
            continue
        around = (rest[index - 1] if index else "",
                  rest[index + 1] if index + 1 < len(rest) else "")
        blocks.append(_block_for(kept, is_first=not blocks, around=around))
    if not blocks:
        # Nothing looks like an article: keep what the rules let through rather than nothing.
        blocks = [_block_for(chunk, is_first=i == 0) for i, chunk in enumerate(fallback)]
    if not blocks and dek is not None:
        # A one-paragraph copy has no standfirst: that paragraph is the article.
        blocks.append(Block(kind="paragraph", text=dek))
        dek = None
    return Article(
        title=title,
        dek=dek,
        byline=byline,
        published=published,
        url=url,
        site=site,
        blocks=tuple(blocks),
        captions=tuple(captions),
        links=tuple(related),
    )


def _without_url_lines(chunk: str) -> str | None:
    """``chunk`` without the URLs written out in it, as in HTML; None when nothing is left
    but a label ("Share this story:", "Advertisement:"): the line was a link to follow."""
    cleaned = remove_urls(RawBlock("paragraph", chunk, None))
    if cleaned is None:
        return None
    if cleaned.text != chunk:
        label = cleaned.text.rstrip(" :–—-|")
        if is_boilerplate(label) or len(label.split()) <= _MAX_LABEL_WORDS:
            return None
    return cleaned.text


def _article_ends(kept: list[Block], after: Sequence[str], scores: Sequence[float], *,
                  share: int) -> bool:
    """A comment heading or a box of other stories ends the article when the article text
    kept before it is at least ``share`` times what looks like article text after it (a
    comment count under the headline, or a teaser box inside the article, does not)."""
    before = sum(len(block.text.split()) for block in kept)
    following = sum(len(chunk.split()) for chunk, score in zip(after, scores, strict=True)
                    if score >= ARTICLE)
    return before > 0 and before >= share * following


def _is_box_headline(chunk: str) -> bool:
    return (_looks_like_headline(chunk) and _has_letters(chunk) and not is_boilerplate(chunk)
            and not _DATE.match(chunk) and len(chunk.split()) >= 3)


def _repeated(chunks: Sequence[str], scores: Sequence[float]) -> dict[str, int]:
    """Blocks of some length that the copy holds more than once (a pull quote, a gallery's
    caption, a teaser shown twice), each with the one place where it may be kept: for a
    sentence, the copy the classifier scores highest, as the article holds it once (a pull
    quote repeats it); nowhere (-1) for a line without a sentence's end (a caption, a
    headline) or one printed again within two blocks, as a teaser's link and its picture's
    text are (with its section's label between them). Nothing when repeats are a large
    part of the copy: then they are its structure (a meal plan's recurring items)."""
    counts = Counter(chunk for chunk in chunks if len(chunk.split()) >= _MIN_REPEATED_WORDS)
    repeated = {chunk: count for chunk, count in counts.items() if count > 1}
    repeated_words = sum(len(chunk.split()) * count for chunk, count in repeated.items())
    if repeated_words * _REPEATS_SHARE > sum(len(chunk.split()) for chunk in chunks):
        return {}
    twice = {chunk for index, chunk in enumerate(chunks)
             if chunk in chunks[index + 1 : index + 1 + _REPEAT_REACH]}
    best = dict.fromkeys(repeated, -1)
    for index, chunk in enumerate(chunks):
        if (chunk in repeated and chunk not in twice and _ends_sentence(chunk)
                and (best[chunk] < 0 or scores[index] > scores[best[chunk]])):
            best[chunk] = index
    return best


def _ends_sentence(chunk: str) -> bool:
    return _unquoted(chunk).endswith((".", "!", "?", "…"))


def _has_letters(chunk: str) -> bool:
    return any(c.isalpha() for c in chunk)


def _looks_like_headline(chunk: str) -> bool:
    return len(chunk.split()) <= _MAX_HEADLINE_WORDS and not chunk.endswith((".", ";", ":"))


def _block_for(chunk: str, *, is_first: bool, around: tuple[str, str] = ("", "")) -> Block:
    """The block ``chunk`` is; ``around`` holds the copy's blocks before and after it. A
    numbered line alone over prose is a section's heading and keeps its number ("1. Define
    early retirement"); numbered lines in a row are a numbered list."""
    if (match := _BULLET.match(chunk)) is not None:
        after = around[1]
        if (match.group("number") and looks_like_heading(chunk) and after
                and not any(_BULLET.match(side) for side in around)
                and not looks_like_heading(after)):
            return Block(kind="heading", text=chunk, level=2)
        return Block(kind="list_item", text=match.group("text"),
                     ordered=match.group("number") is not None)
    if not is_first and looks_like_heading(chunk):
        return Block(kind="heading", text=chunk, level=2)
    return Block(kind="paragraph", text=chunk)
