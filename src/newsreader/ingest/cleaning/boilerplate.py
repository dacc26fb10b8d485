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
