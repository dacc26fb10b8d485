"""Character references to unsafe characters, removed before a page is parsed.

HTML and Markdown decode numeric character references ("&#x1b;", "&#8217;"). A reference
to a character ``sanitize()`` removes from the source (a control, a bidi override) would
bring it back once parsed: into the article's text, or into an lxml tree, which then
refuses to have that text set on another element.
"""

from __future__ import annotations

import re

from newsreader.domain.sanitize import UNSAFE_CHARACTERS

_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?")


def without_unsafe_references(source: str) -> str:
    """``source`` without its references to characters ``sanitize()`` removes. What
    followed one stays as text ("&#x1b;[31m" leaves "[31m"): decoded, the character could
    make an escape sequence of the markup after it. References to 0 and to 128-159 stay:
    parsers read them as U+FFFD, or (HTML, as browsers do) as windows-1252 ("&#146;" is ’)."""
    return _REFERENCE.sub(_unless_unsafe, source)


def _unless_unsafe(reference: re.Match[str]) -> str:
    code = int(reference[1], 16) if reference[1] else int(reference[2])
    if code == 0 or 0x80 <= code <= 0x9F or code > 0x10FFFF:
        return reference[0]
    return "" if UNSAFE_CHARACTERS.match(chr(code)) else reference[0]
