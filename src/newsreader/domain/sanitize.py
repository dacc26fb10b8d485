"""Make untrusted text safe to store and show: no escape sequences, no controls.

:func:`sanitize` removes them (at import, and when notes and tags are stored);
:func:`visible` replaces each with a visible stand-in (on the way to a terminal), so that
what is shown is harmless yet nothing is hidden.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (terminated by
# BEL or ESC \), and two-character escapes. Their 8-bit C1 forms are covered too.
# Every part is bounded and a string must be terminated: a stray introducer (real pages hold
# a lone U+0098 now and then) then loses only itself, never the text after it. What is left
# of an unmatched sequence is printable text, harmless once the controls are removed.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,16}[@-~]     # CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])     # OSC, DCS, SOS, PM, APC ...
      [^\x00-\x1f\x7f-\x9f]{0,1024}?               # ... a payload of printable text ...
      (?:\x07|\x1b\\|\x9c)                          # ... and its terminator
    | \x1b[ -/]{0,16}[0-~]                           # other escapes (ESC c, ESC ( B, ...)
    """,
    re.VERBOSE,
)
_ESCAPE_STARTS = "\x1b\x90\x98\x9b\x9c\x9d\x9e\x9f"
# The characters a sequence begins with: the pattern is tried only where one stands, for
# trying it at every character of a page is slow (no prefix tells Python's engine where).
_INTRODUCER = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
# C0 and C1 controls except tab and newline; DEL; bidi embeddings, overrides and isolates,
# which can make text display in an order other than the one stored; the BOM; lone
# surrogates (undecodable bytes of a file name or argument), which cannot be encoded.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff"
    "\ufff9-\ufffb]"
)
_REPLACEMENT = "\ufffd"


def sanitize(text: str) -> str:
    """Return ``text`` NFC-normalised with escape sequences and unsafe controls removed.

    Newlines are normalised to ``\\n``; tabs and newlines are the only controls kept.
    """
    # Carriage returns and every escape introducer are unsafe characters too, so one scan
    # says whether there is anything to remove: in real pages there almost never is.
    if UNSAFE_CHARACTERS.search(text) is not None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        # The full pattern is slow and real pages rarely need it; `in` scans are fast.
        if any(start in text for start in _ESCAPE_STARTS):
            text = _without_escape_sequences(text)
        text = UNSAFE_CHARACTERS.sub("", text)
    return unicodedata.normalize("NFC", text)


def _without_escape_sequences(text: str) -> str:
    """``text`` without its escape sequences: what ``_ESCAPE_SEQUENCE.sub("", text)``
    gives, found from the introducers instead of at every character."""
    kept: list[str] = []
    position = 0
    for introducer in _INTRODUCER.finditer(text):
        start = introducer.start()
        if start < position:
            continue  # inside a sequence removed already
        sequence = _ESCAPE_SEQUENCE.match(text, start)
        if sequence is not None:
            kept.append(text[position:start])
            position = sequence.end()
    kept.append(text[position:])
    return "".join(kept)


def collapse_whitespace(text: str) -> str:
    """Sanitise ``text`` and collapse every run of whitespace into one space, trimmed."""
    return " ".join(sanitize(text).split())


def visible(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible one, one for one.

    A C0 control becomes its control picture (ESC is shown as "␛", so an escape sequence
    is printed as harmless text rather than obeyed), DEL "␡", and C1 controls, bidi
    overrides and isolates U+FFFD. Tabs and newlines are kept.
    """
    return UNSAFE_CHARACTERS.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return _REPLACEMENT
