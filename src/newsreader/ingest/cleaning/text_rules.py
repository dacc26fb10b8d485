"""Line rules of the copied-text cleaner that the block classifier also reads as evidence."""

from __future__ import annotations

import re

from newsreader.domain.models import Caption, Link
from newsreader.ingest.cleaning.block_rules import TEASER_HEADING
from newsreader.ingest.cleaning.captions import split_credit
from newsreader.ingest.cleaning.links import parse_teaser

_MAX_CAPTION_WORDS = 80
_MAX_UNCREDITED_WORDS = 60
_PLACING = re.compile(r",\s(?:left|right|centre|center|second\s+(?:from\s+)?(?:left|right))[,;]"
                      r"|\((?:left|right|centre|center|top|bottom)\)|\bpictured\b", re.IGNORECASE)
_MAX_DATELINE_WORDS = 16
# Month and weekday names whole or abbreviated, in the languages most pages are in: a
# prefix alone would make "Martin" or "Sunny" a date.
_MONTH = (r"jan(?:uary|vier|uar|eiro)?|feb(?:ruary|rero|ruar|braio)?|f[ée]v(?:rier)?|fevereiro"
          r"|mar(?:ch|s|zo|ço)?|märz|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|ma[iy]|mayo|maggio|maio"
          r"|jun(?:e|i|io|ho)?|juin|giugno|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust|ustus)?"
          r"|ao[uû]t|agosto|sept?(?:ember|embre|iembre|embro)?|settembre|oct(?:ober|obre|ubre)?"
          r"|okt(?:ober)?|ottobre|outubro|nov(?:ember|embre|embro)?|d[ée]c(?:ember|embre)?"
          r"|dez(?:ember|embro)?|dic(?:iembre|embre)?")
_WEEKDAY = (r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?"
            r"|sat(?:urday)?|sun(?:day)?")
_DATE_WORD_SPLIT = re.compile(r"[^\s,;|/·•–—-]+")
_DATE_WORD = re.compile(
    r"^(?:\d{1,4}(?:[:.]\d{2})?(?:st|nd|rd|th|h)?\.?|[ap]\.?m\.?|(?:updated|posted|published"
    r"|modified|on|at|last|et|est|edt|gmt|utc|bst|cet|pst|pdt|ist)\:?"
    rf"|(?:{_MONTH}|{_WEEKDAY})\.?)$",
    re.IGNORECASE,
)
# A month, a weekday or a time of day: numbers alone are a table row, not a date.
_DATE_MARK = re.compile(rf"\b(?:{_MONTH}|{_WEEKDAY})\b|\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\b)?"
                        r"|\d{4}-\d{2}-\d{2}", re.IGNORECASE)
# Headings over boxes of other stories that block_rules.TEASER_HEADING does not know: in
# other languages, and English ones ("Trending News", "Most read in world news").
EXTRA_TEASER_HEADING = re.compile(
    r"^(?:trending(?:\s+\w+){1,2}|most\s+(?:read|viewed|shared|popular)(?:\s+.{1,40})?"
    r"|popular\s+(?:now|today|stories|articles|posts|videos)|more\s+to\s+(?:explore|read)"
    r"|up\s+next|(?:from\s+)?around\s+the\s+web|you\s+may\s+have\s+missed"
    r"|related\s+(?:topics|videos?|reads)|explore\s+further|in\s+other\s+news|also\s+on\s+.{1,40}"
    r"|auch\s+(?:auf|bei)\s+.{1,40}|aussi\s+sur\s+.{1,40}|tambi[eé]n\s+en\s+.{1,40}"
    r"|art[ií]culos?\s+relacionados?|noticias\s+relacionadas|m[aá]s\s+noticias"
    r"|leia\s+(?:tamb[eé]m|mais)|veja\s+tamb[eé]m|mat[eé]rias\s+relacionadas"
    r"|(?:[àa]\s+)?lire\s+aussi|sur\s+le\s+m[eê]me\s+sujet|articles?\s+(?:connexes|similaires)"
    r"|verwandte\s+(?:artikel|themen)|mehr\s+zum\s+thema|weitere\s+artikel|das\s+k[öo]nnte\s+sie"
    r"\s+auch\s+interessieren|leggi\s+anche|articoli\s+correlati|lees\s+ook"
    r"|související(?:\s+články)?|čtěte\s+také|czytaj\s+(?:też|także|więcej)"
    r"|читайте\s+также|по\s+теме|関連記事|相关(?:文章|新闻))[:.]?$",
    re.IGNORECASE,
)
_MAX_TEASER_HEADING_WORDS = 8
# Labels of a teaser line that links.TEASER_LABELS lacks ("SEE MORE: Headline", "Also: See
# our coverage", "Keep reading: Headline").
_EXTRA_TEASER = re.compile(
    r"^(?P<label>see\s+more|also(?:\s+see)?|keep\s+reading|read\s+next|up\s+next|watch\s+more"
    r"|more\s+from\s+\w+(?:\s+\w+)?|related\s+reading|trending)\s*[:：]\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
_MAX_TEASER_WORDS = 40


def teaser_heading(block: str) -> bool:
    """``block`` heads a box of other stories ("Related stories", "You may also like...",
    "Most read in world news")."""
    heading = block.rstrip(" .…:")
    return len(block.split()) <= _MAX_TEASER_HEADING_WORDS and bool(
        TEASER_HEADING.match(heading) or EXTRA_TEASER_HEADING.match(heading))


def teaser_line(block: str) -> Link | None:
    """``block`` as a link to another story under a label ("Read also: Headline", "SEE
    MORE: Headline"), else None."""
    if (teaser := parse_teaser(block)) is not None:
        return teaser
    match = _EXTRA_TEASER.match(block.strip())
    if match is None or len(match.group("text").split()) > _MAX_TEASER_WORDS:
        return None
    return Link(text=match.group("text").strip(), url=None, kind="related",
                label=match.group("label"))


# A copied figure caption whose credit element ran into it: "... in Queens.CreditJane Doe".
_GLUED_CREDIT = re.compile(r"^(?P<text>.{8,}?)(?:(?<=[.!?”’\")])(?:Credit|Photo|Photograph)\s?:?"
                           r"|(?<=[a-z0-9])(?:Credit|Photo|Photograph)\s?:)\s?"
                           r"(?P<credit>[A-Z].{1,80}?)\.?$")
# The link that opens or folds a long caption, copied after its credit: "(AP Photo/Jane
# Doe) less".
_EXPAND_TOGGLE = re.compile(r"(?<=[)\]])\s+(?:less|more|show\s+(?:less|more))$", re.IGNORECASE)
_CUT = re.compile(r"[(\[](?:…|\.\.\.)[)\]][\s.]*$")
_SENTENCE = re.compile(r"[.!?…](?:\s|$)")
_PHOTO_WORD = re.compile(r"\b(?:photo|image|picture|illustration|getty|credit)", re.IGNORECASE)
# A video or photo player's label run into its text ("Media caption Mr Obama told ...",
# "Image copyright Getty Images"): not the article's prose.
PLAYER_LABEL = re.compile(r"^(?:media|image|video|photo)\s+(?:caption|copyright|source)\b\s*:?\s*",
                          re.IGNORECASE)
# "jane42 says:", "Jane Doe wrote:": the head of one reader comment, a user name of a few
# words; an article introduces a quotation with "said:", in a longer sentence.
_COMMENTER = re.compile(r"^\S+(?:\s+\S+){0,4}\s+(?:says|wrote|writes|replied)\s*:?$",
                        re.IGNORECASE)
# "Jane Doe is a freelance writer based in ...": the author's note under an article.
AUTHOR_NOTE = re.compile(
    r"^[A-Z][\w.'’-]+\s+(?:(?:[A-Z][\w.'’-]+|d[aeiu]|de[lr]?|van|von|bin|al|la|le)\s+){0,3}"
    r"(?:is|was|has\s+been)\s+(?:a|an|the)\s+(?:\w+\s+){0,6}"
    r"(?:writer|editor|reporter|journalist|correspondent|columnist|contributor|author"
    r"|producer|photographer|critic|blogger)\b"
    r"|^Have\s+a\s+(?:news\s+)?tip\b",
)


# A teaser's excerpt: cut short and followed by its link ("... it's difficult … Read more").
# It may end with the host of the story's site.
_EXCERPT_END = re.compile(r"(?:…|\.\.\.)\s*(?:read\s+more|continue\s+reading)"
                          r"(?:\W+(?:read\s+more|continue\s+reading))*(?:\s+\S+\.\S+)?\W*$",
                          re.IGNORECASE)
_MIN_HEADLINE_WORDS = 3
_MIN_HEADLINE_CHARS = 10
_MAX_REPEATED_HEADLINE_WORDS = 100  # a headline printed three times, with room to spare


# A video's running time after its title: "Why Don't People Smile in Old Photographs? (1:12)".
RUNNING_TIME = re.compile(r"[(\[]\d{1,2}:\d{2}(?::\d{2})?[)\]]$")
_MAX_VIDEO_TITLE_WORDS = 16


# A name's hover card copied into the sentence naming it: the name again, run into the
# name ("Ilhan OmarIlhan Omar"), the person's latest headlines, then "MORE".
_NAME_WORD = r"[A-Z][a-z'’.]*(?:-[A-Z][a-z'’.]*)?"
_HOVER_CARD = re.compile(rf"\b(?P<name>(?P<first>{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,3}})"
                         rf"(?<=[a-z])(?P=first)\b.{{0,600}}?\sMORE\b")


def without_hover_cards(block: str) -> str:
    """``block`` with the hover cards copied into it taken out, the name kept once."""
    return _HOVER_CARD.sub(lambda match: match.group("name"), block)


# Lines an advertisement leaves in the text it interrupts (the HTML cleaner never sees
# them: they are generated by scripts or sit in the ad's own element).
AD_BREAK = re.compile(
    r"^(?:advert|skip\s+ad|ad\s+feedback|continue\s+reading(?:\s+(?:the\s+main\s+story|below))?"
    r"|(?:the\s+)?(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?"
    r"|scroll\s+(?:down\s+)?to\s+continue(?:\s+with\s+content)?"
    r"|this\s+(?:slideshow|video|content)\s+requires\s+javascript)\W*$",
    re.IGNORECASE,
)


def video_teaser(block: str) -> bool:
    """``block`` is a video's title with its running time: a link to the video."""
    return (len(block.split()) <= _MAX_VIDEO_TITLE_WORDS
            and bool(RUNNING_TIME.search(block.rstrip())))


def teaser_excerpt(block: str) -> bool:
    """``block`` is another story's cut excerpt with its "Read more" link."""
    return bool(_EXCERPT_END.search(block))


def repeated_headline(block: str) -> str | None:
    """The headline ``block`` prints more than once in a row (its link, its image's text,
    its title; the last one perhaps cut short), else None."""
    words = block.split()
    if len(words) > _MAX_REPEATED_HEADLINE_WORDS:
        return None
    for size in range(_MIN_HEADLINE_WORDS, len(words) // 2 + 1):
        headline = words[:size]
        if words[size : 2 * size] != headline or len(" ".join(headline)) < _MIN_HEADLINE_CHARS:
            continue
        rest = words[2 * size :]
        while rest[:size] == headline:
            rest = rest[size:]
        if " ".join(headline).startswith(" ".join(rest)):
            return " ".join(headline)
    return None


# A photo's credit on a line of its own under its caption: "Photo: Jane Doe, AP",
# "(Image: © NASA)", "Getty Images", "REUTERS/Jane Doe" (a bare "Reuters" ends a report).
_PHOTO_CREDIT = re.compile(
    r"^[(\[]?\s*(?:(?:(?:image|photo|picture|video)\s+)?credits?|photo(?:graph)?|image|picture"
    r"|foto|illustration)\s*[:：]\s*(?P<credit>.+?)[)\]]?$"
    r"|^[(\[]?(?P<agency>(?:getty\s+images\b|ap\s+photo\b|(?:reuters|afp)\s*/).*?)[)\]]?$",
    re.IGNORECASE,
)
_MAX_CREDIT_WORDS = 12


def photo_credit(block: str) -> str | None:
    """The credit ``block`` gives when it is a photo's credit line alone, else None."""
    if len(block.split()) > _MAX_CREDIT_WORDS:
        return None
    match = _PHOTO_CREDIT.match(block.strip())
    if match is None:
        return None
    credit = (match.group("credit") or match.group("agency")).lstrip("© ").strip()
    return credit if any(c.isalpha() for c in credit) else None


def caption_in(block: str) -> Caption | None:
    """``block`` as a photo caption: it ends with a credit (perhaps followed by the link
    that folds it, "less") and is short enough for one.

    "[…]" or "(…)" ends a cut quotation, not a credit; three sentences or more ending in a
    parenthesised source ("(Reuters/Staff)", "(M1 / MP2)") are prose citing it, unless they
    name a photo.
    """
    block = _EXPAND_TOGGLE.sub("", block)
    if len(block.split()) > _MAX_CAPTION_WORDS or _CUT.search(block):
        return None
    caption = split_credit(block)
    if caption is None and (glued := _GLUED_CREDIT.match(block)) is not None:
        caption = Caption(text=glued.group("text"), credit=glued.group("credit").strip())
    if caption is None or not any(c.isalpha() for c in caption.credit or ""):
        return None
    if len(_SENTENCE.findall(caption.text)) > 2 and not _PHOTO_WORD.search(block):
        return None
    return caption


def uncredited_caption(block: str) -> bool:
    """A caption without a credit: it places the people in a picture ("Jane Doe, left,
    and ...", "(centre)", "pictured")."""
    return len(block.split()) <= _MAX_UNCREDITED_WORDS and bool(_PLACING.search(block))


def is_dateline(block: str) -> bool:
    """A line of dates and times only ("Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM")."""
    words = _DATE_WORD_SPLIT.findall(block)
    if not words or len(words) > _MAX_DATELINE_WORDS:
        return False
    dated = sum(bool(_DATE_WORD.match(word)) for word in words)
    return (dated * 4 >= len(words) * 3 and any(c.isdigit() for c in block)
            and bool(_DATE_MARK.search(block)))


def comment_thread_start(blocks: list[str]) -> int | None:
    """Where the reader comments begin: the first of two or more "name says:" lines (or the
    comment-count line just above it); None when there are fewer than two."""
    heads = [i for i, block in enumerate(blocks) if _COMMENTER.match(block)]
    if len(heads) < 2:
        return None
    start = heads[0]
    for back in range(start - 1, max(-1, start - 4), -1):
        if _COUNT_LINE.match(blocks[back]):
            return back
    return start


_COUNT_LINE = re.compile(r"^\d+\s+(?:responses?|comments?|replies|reactions)\b", re.IGNORECASE)
