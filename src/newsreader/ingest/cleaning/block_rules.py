"""Rules that turn extracted blocks into the article body (docs/extraction.md, step 6).

They lift out what extractors keep but the canonical text must not hold: the title, dek,
byline and date lines at the top, photo captions, teaser lines and boxes ("Read also: ..."),
and page chrome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsreader.domain.models import Caption, Link
from newsreader.ingest.cleaning.block_spans import remove_urls
from newsreader.ingest.cleaning.boilerplate import (
    is_boilerplate,
    is_call_to_action,
    is_media_chrome,
    starts_comments,
)
from newsreader.ingest.cleaning.captions import split_credit
from newsreader.ingest.cleaning.caseless import CaselessPattern
from newsreader.ingest.cleaning.link_blocks import blurb_link, blurb_runs, is_tag_list
from newsreader.ingest.cleaning.links import parse_teaser
from newsreader.ingest.cleaning.raw_blocks import KEY_LENGTH, RawBlock, text_key

BYLINE = re.compile(r"^(?:by|words\s+by|written\s+by|автор|텍스트)\s*[:：]?\s+(?P<name>.{2,80})$",
                    re.IGNORECASE)
DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|last\s+updated)\s*(?:on|at)?\s*:?\s*)?"
    r"(?P<date>(?:\w+,?\s+)?(?:\d{1,2}\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})?"
    r"(?:[,\s|]*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\w{2,4})?)?)\.?$",
    re.IGNORECASE,
)
# Headings over a list of links to other stories.
TEASER_HEADING = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|coverage|content|links|news|posts|reading))?"
    r"|read\s+(?:more|also|next)|also\s+read|see\s+(?:also|more)|more\s+(?:stories|news|on\s+.{1,60}"
    r"|from\s+.{1,60}|like\s+this)|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+also\s+like"
    r"|don'?t\s+miss|must\s+read|trending(?:\s+now)?|most\s+(?:popular|read)|top\s+stories"
    r"|further\s+reading|editor'?s\s+picks?|latest(?:\s+news)?|what\s+to\s+read\s+next|more"
    r"|(?:other|more|latest|recent)\s+(?:.{1,40}\s)?columns?(?:\s+by\s+.{1,40})?)[:.]?$",
    re.IGNORECASE,
)
_MAX_CAPTION_WORDS = 60
_HEADLINE_RUN = 3
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"\d+")
# A date line in words is at most this many words, at most half of them with letters.
_DATE_WORDS = 10
# Closing calls to action are dropped only under at least this many blocks of article.
_MIN_BODY_BEFORE_CALLS = 3
_CREDIT_HINT = CaselessPattern(r"photo|image|picture|illustration|credit|source|courtesy|foto"
                               r"|фото|источник|写真|사진")


@dataclass
class Tidied:
    """The body blocks that survive, and what was lifted out of them."""

    blocks: list[RawBlock] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)


def tidy_blocks(
    raw: Sequence[RawBlock],
    *,
    title: str | None,
    header_lines: Sequence[str | None] = (),
    meta_dek: str | None = None,
    captions: Sequence[Caption] = (),
    related: Sequence[Link] = (),
    trace: list[tuple[str, str]] | None = None,
) -> Tidied:
    """Apply the body rules to ``raw`` blocks.

    ``header_lines`` (dek, byline, date) are dropped when they appear before the body
    starts; a dek read from a meta tag only when it is a heading there (as a paragraph it is
    usually the lede, which the description repeats); ``captions`` and ``related`` come
    from the page and are dropped wherever
    their text shows up as a block. ``trace`` collects (rule, text) for every block that
    was not kept.
    """
    result = Tidied(captions=list(captions), related=list(related))
    title_key = text_key(title or "", full=True)
    header_keys = {text_key(line) for line in header_lines if line} - {""}
    meta_key = text_key(meta_dek or "")
    lifted = {text_key(c.text, full=True) for c in captions if c.text}
    lifted |= {text_key(f"{c.text} {c.credit}", full=True) for c in captions if c.credit}
    lifted |= {text_key(link.text, full=True) for link in related}
    lifted.discard("")
    teaser_label: str | None = None
    link_lists = _link_list_runs(raw) | _headline_runs(raw)
    blurbs = blurb_runs(raw)
    state = _State(title_key, header_keys, lifted, {key[:KEY_LENGTH] for key in lifted},
                   _date_numbers(header_lines))
    for position, block in enumerate(raw):
        state.teaser_label = teaser_label
        rule = _rule_for(block, state)
        if rule == "keep" and position in link_lists:
            rule = "teaser-box"
        if rule == "keep" and position in blurbs:
            rule = "blurb"  # its headline link is another story; its summary goes with it
            if (story := blurb_link(block)) is not None:
                result.related.append(Link(text=story[0], url=story[1], kind="related",
                                           label="Related"))
        if rule == "keep" and block.kind == "heading" and meta_key and (
            text_key(block.text) == meta_key and len(result.blocks) < 3
        ):
            rule = "dek"
        if rule == "comments":
            break
        if rule in {"teaser", "teaser-box"}:
            teaser = parse_teaser(block.text)
            if teaser is not None:
                result.related.append(_related(block, teaser.label or "Related", teaser.text))
                teaser_label = teaser.label
            else:
                result.related.append(_related(block, teaser_label or "Related"))
        elif rule == "teaser-heading":
            teaser_label = block.text.strip().rstrip(":.")
        else:
            teaser_label = None
        if rule == "caption" and (caption := _caption(block.text)) is not None:
            result.captions.append(caption)
        if rule == "keep" and (cleaned := remove_urls(block)) is not None:
            result.blocks.append(cleaned)
            state.kept += 1
            state.in_header = state.in_header and block.kind != "paragraph"
        elif trace is not None:
            trace.append((rule, block.text))
    _drop_closing_calls(result.blocks, trace)
    return result


def _drop_closing_calls(blocks: list[RawBlock], trace: list[tuple[str, str]] | None) -> None:
    """Drop the notes that end the body by asking something of the reader (follow the
    author, subscribe, write in): the site's, not the article's. Only at the end, only
    under an article of some length, and never a list's items (the steps of a how-to)."""
    end = len(blocks)
    while (end > _MIN_BODY_BEFORE_CALLS and blocks[end - 1].kind != "list_item"
           and is_call_to_action(blocks[end - 1].text)):
        end -= 1
    for block in blocks[end:]:
        if trace is not None:
            trace.append(("call-to-action", block.text))
    del blocks[end:]


@dataclass
class _State:
    title_key: str
    header_keys: set[str]
    lifted: set[str]
    # The lifted keys' starts: a block whose key does not start as one of them is not
    # lifted, and its whole key is not needed (most blocks).
    lifted_starts: set[str]
    date_numbers: tuple[str, str] | None = None  # year and day of the page's date
    teaser_label: str | None = None
    kept: int = 0
    in_header: bool = True  # no paragraph kept yet


def _rule_for(block: RawBlock, state: _State) -> str:
    """The name of the rule that applies to ``block``: "keep" when none does."""
    text = block.text
    key = text_key(text)
    if state.kept >= 3 and starts_comments(text):
        return "comments"
    if is_boilerplate(text) or is_media_chrome(text):
        return "boilerplate"
    if is_tag_list(text, block.links):
        return "tags"
    if state.kept < 3 and _is_title(block, text_key(text, full=True), state.title_key):
        return "title"
    if key in state.lifted_starts and text_key(text, full=True) in state.lifted:
        return "lifted"
    if state.in_header and (key in state.header_keys or _is_header_line(text, state.header_keys)
                            or _states_date(text, state.date_numbers)):
        return "header"
    if state.teaser_label is not None and _is_link_only(block):
        return "teaser-box"
    if parse_teaser(text) is not None:
        return "teaser"
    if len(text.split()) <= 8 and TEASER_HEADING.match(text.strip()):
        return "teaser-heading"
    if block.kind != "heading" and _caption(text) is not None:
        return "caption"
    return "keep"


def _is_title(block: RawBlock, key: str, title_key: str) -> bool:
    """The block repeats the title: the same words, or (a heading) the title with or
    without a site name. A paragraph that merely starts with the title is the lede."""
    if not key or not title_key:
        return False
    if key == title_key:
        return True
    return block.kind == "heading" and (key.startswith(title_key) or title_key.startswith(key))


def _date_numbers(header_lines: Sequence[str | None]) -> tuple[str, str] | None:
    """The year and day of the month of the page's date, when a header line is an ISO date."""
    for line in header_lines:
        match = _ISO_DATE.match(line or "")
        if match:
            return match.group(1), str(int(match.group(3)))
    return None


def _states_date(text: str, date_numbers: tuple[str, str] | None) -> bool:
    """The block is a short line giving the page's date in words of any language
    ("sexta-feira, 22 de outubro de 2010 às 20:13"): its year and day, a few words."""
    if date_numbers is None or date_numbers[0] not in text:
        return False
    words = text.split()
    lettered = sum(any(c.isalpha() for c in word) for word in words)
    if len(words) > _DATE_WORDS or lettered > _DATE_WORDS // 2:
        return False
    numbers = set(_NUMBER.findall(text))
    return date_numbers[0] in numbers and date_numbers[1] in {n.lstrip("0") for n in numbers}


def _is_header_line(text: str, header_keys: set[str]) -> bool:
    words = text.split()
    if len(words) > 14:
        return False
    if BYLINE.match(text) or DATE_LINE.match(text):
        return True
    if len(words) <= 3 and text.isupper():  # a section kicker such as "TECH"
        return True
    key = text_key(text)
    return any(len(header) > 4 and (key.startswith(header) or header in key)
               for header in header_keys)


def _caption(text: str) -> Caption | None:
    if len(text.split()) > _MAX_CAPTION_WORDS or BYLINE.match(text):
        return None
    if not text.rstrip(" .").endswith((")", "]")) and not _CREDIT_HINT.found_in(text[-160:]):
        return None  # split_credit's patterns are slow on long text; most blocks can't match
    caption = split_credit(text)
    if caption is not None and not caption.text and len((caption.credit or "").split()) > 5:
        return None  # "Photos: A Headline Of Another Story" is a teaser, not a credit
    return caption


def _link_list_runs(raw: Sequence[RawBlock]) -> set[int]:
    """Positions of list items in runs of two or more that are each one headline link and
    are the whole of their list: a list that goes on with items of text is the article's
    (its highlights linking to the posts they sum up)."""
    runs: set[int] = set()
    current: list[int] = []
    for position, block in enumerate([*raw, None]):
        if (block is not None and block.kind == "list_item" and _is_link_only(block)
                and len(block.text.split()) >= 3
                and (not current or _same_list(raw[current[-1]], block))):
            current.append(position)
            continue
        if len(current) >= 2 and _whole_list(raw[current[0]], len(current)):
            runs.update(current)
        current = [position] if block is not None and block.kind == "list_item" and (
            _is_link_only(block) and len(block.text.split()) >= 3) else []
    return runs


def _same_list(first: RawBlock, second: RawBlock) -> bool:
    """Both items are in the same list (items whose list is not known: assumed so)."""
    return not first.list_number or not second.list_number or (
        first.list_number == second.list_number)


def _whole_list(item: RawBlock, count: int) -> bool:
    """The list holding ``item`` has ``count`` items (its list not known: assumed so)."""
    return not item.list_number or item.list_length <= count


def _headline_runs(raw: Sequence[RawBlock]) -> set[int]:
    """Positions of headings in runs of three or more with nothing between them: a section
    heading has text under it, a list of other stories' headlines has none."""
    runs: set[int] = set()
    current: list[int] = []
    for position, block in enumerate([*raw, None]):
        if block is not None and block.kind == "heading" and len(block.text.split()) >= 3:
            current.append(position)
            continue
        if len(current) >= _HEADLINE_RUN:
            runs.update(current)
        current = []
    return runs


def _is_link_only(block: RawBlock) -> bool:
    """The whole block is one link (a headline pointing elsewhere)."""
    if len(block.links) != 1:
        return False
    start, end, _ = block.links[0]
    outside = block.text[:start] + block.text[end:]
    return len(text_key(outside)) <= 3


def _related(block: RawBlock, label: str, text: str | None = None) -> Link:
    url = block.links[0][2] if block.links else None
    if text is None:
        text = block.text
    return Link(text=text, url=url, kind="related", label=label)
