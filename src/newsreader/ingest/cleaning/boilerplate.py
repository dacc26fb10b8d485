"""Page chrome that copied text drags along: comment forms, share prompts, "Scroll to Top",
and the interface text of video players and photo galleries."""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(
    r"""^(?:
        leave\s+a\s+(?:comment|reply)
      | post\s+a\s+comment | add\s+a\s+comment | \d+\s+comments? | comments? | view\s+comments
      | your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.*
      | (?:scroll|back|go)\s+to\s+(?:the\s+)?top
      | share(?:\s+(?:this|the)\s+(?:article|story|post|page))?(?:\s+(?:on|via)\s+\w+)?
      | (?:tweet|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|pinterest|reddit)
      | advertisement | advertisements? | sponsored(?:\s+content)? | ad | skip\s+advert(?:isement)?
      | (?:sign\s+up|subscribe)\b.{0,80}newsletter.{0,40}
      | subscribe(?:\s+now)? | sign\s+up | sign\s+in | log\s+in | register
      | (?:accept|allow)\s+(?:all\s+)?cookies.* | we\s+use\s+cookies.{0,200}
      | follow\s+us\s+on\s+.{0,60}
      | follow\s+.{1,40}\s+on\s+(?:twitter|facebook|instagram|x|youtube|linkedin|tiktok)\b.{0,60}
      | (?:all\s+)?rights\s+reserved.* | ©.{0,120} | copyright\s+©?.{0,120}
      | click\s+here\s+to\s+.{0,80}
      | tags?\s*: .{0,200}
      | (?:posted|filed)\s+(?:in|under)\s*:?.{0,120}
    )[.!]?$""",
    re.VERBOSE | re.IGNORECASE,
)
_COMMENTS_START = re.compile(
    r"^(?:leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|add\s+a\s+comment|\d+\s+comments?)"
    r"[.!]?$",
    re.IGNORECASE,
)


# What a video player or photo gallery writes into the page: control labels, a player's
# caption label, durations, "3 of 12" counters.
_MEDIA_CHROME = re.compile(
    r"""^(?:
        media\s+playback\s+is\s+(?:unsupported|not\s+supported).{0,60}
      | (?:media|video|audio)\s+caption\b.{0,300}
      | (?:play|replay|watch|pause)(?:\s+(?:video|now|again|the\s+video))?
      | (?:video\s+)?duration\s*:?\s*\d{1,2}:\d{2}(?::\d{2})?
      | (?:now\s+playing|up\s+next)\b.{0,120}
      | (?:\d{1,2}:)?\d{1,2}:\d{2}
      | (?:(?:image|photo|picture|slide|gallery)\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}
      | (?:view|open|see)\s+(?:the\s+)?(?:full\s+)?(?:gallery|slideshow).{0,40}
      | (?:next|previous|prev)\s+(?:image|photo|slide)
      | enlarge\s+(?:this\s+)?image | expand\s+image | hide\s+caption | toggle\s+caption
    )[.!]?$""",
    re.VERBOSE | re.IGNORECASE,
)


def is_media_chrome(line: str) -> bool:
    """True if ``line`` is a video player's or photo gallery's interface text."""
    return bool(_MEDIA_CHROME.match(line.strip()))


def is_boilerplate(line: str) -> bool:
    """True if ``line`` is a piece of page chrome rather than article text."""
    return bool(_BOILERPLATE.match(line.strip()))


def starts_comments(line: str) -> bool:
    """True if ``line`` opens a comment section: nothing after it is the article."""
    return bool(_COMMENTS_START.match(line.strip()))


# What a sentence asking something of the reader says: follow, subscribe, write in, buy.
_CALL_TO_ACTION = re.compile(
    r"""\bfollow\s+(?:us|him|her|them|me|[\w.@-]+(?:\s+[\w.@-]+)?)\s+on\s+
          (?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|mastodon|bluesky|x)\b
      | \b(?:subscribe|sign\s+up|newsletters?|inbox)\b
      | \b(?:can|may)\s+be\s+reached\b | \b(?:have|got)\s+a\s+(?:news\s+)?tip\b
      | \b(?:tell|send|email|e-mail|contact|write\s+to)\s+us\b | \blet\s+us\s+know\b
      | \bclick\s+here\b | \b(?:listen|watch|read)\s+(?:back|again)\b
      | \b(?:use|enter)\s+(?:the\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\b
      | \bfor\s+as\s+little\s+as\b | \bdelivered\s+(?:to|through|straight\s+to)\s+your\b
      | \bdownload\s+(?:the|our)\s+(?:\w+\s+)?app\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# What goes with such a request in the same note: an address, a price, "out now".
_PROMOTION = re.compile(
    r"[\w.+-]+@[\w-]+\.[a-z]{2,}|\bfor\s+more\s+info(?:rmation)?\b|[£$€]\s?\d"
    r"|\b(?:is|are)\s+(?:out|available)\s+now\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# A closing note is short: a longer block is the article's own conclusion.
_CALL_WORDS = 80


def is_call_to_action(text: str) -> bool:
    """True if ``text`` is a short note asking something of the reader (follow the author,
    subscribe, write in, buy the magazine): every sentence of it a request or what goes
    with one (an address, a price), at least one a request. A note that also tells
    something ("X is a reporter covering ...") is not only a call, and stays."""
    if len(text.split()) > _CALL_WORDS:
        return False
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    calls = [sentence for sentence in sentences if _CALL_TO_ACTION.search(sentence)]
    return bool(calls) and all(
        sentence in calls or _PROMOTION.search(sentence) for sentence in sentences)
