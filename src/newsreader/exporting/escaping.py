"""Quoting for YAML front matter and escaping for Markdown, so text can never forge structure.

Article text and notes are untrusted: a quote that starts with ``#`` must not become a
heading, a note must not close the generated region, and no line may end in a fake
``^block-id``.
"""

from __future__ import annotations

import json
import re

# A line that starts like a block: heading, quote, bullet, fence, math block, callout, link
# reference, or a line of only marker characters (thematic break, setext underline, table
# delimiter row). Such a line gets a backslash in front.
_BLOCK_START = re.compile(
    r"#{1,6}(?:[ \t]|$)|>|[-*+](?:[ \t]|$)|```|~~~|\$\$|\[!|\[[^\]]*\]:|[-*_=:| \t]+$"
)
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
_BLOCK_ID = re.compile(r"(^|\s)\^([A-Za-z0-9-]+)(\s*)$")
# The "](" that starts an inline link's destination, unless a web or mail address follows on
# the same line (a destination may also start on the next line, so an unknown one counts).
_UNSAFE_DESTINATION = re.compile(r"\]\((?![ \t]*<?[ \t]*(?:https?://|mailto:))")
# A "<" that is not escaped (an even run of backslashes before it) and does not open a web or
# mail address: in a rendition it could start HTML, a comment or an autolink.
_UNSAFE_ANGLE = re.compile(r"(?<!\\)((?:\\\\)*)<(?!https?://|mailto:)")
# A link reference definition whose address is not a web or mail address, at the start of a
# line or inside quotes and list items there (group 1 is what comes before its bracket).
_UNSAFE_REFERENCE = re.compile(
    r"((?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]*)"
    r"\[[^\]]*\]:(?![ \t]*<?[ \t]*(?:https?://|mailto:))")
_NOT_YAML_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


def yaml_quote(value: str) -> str:
    """``value`` as a double-quoted scalar that is both valid JSON and valid YAML 1.1/1.2.

    JSON escaping leaves some characters raw that YAML reads as line breaks (U+2028,
    U+0085) or rejects as unprintable (C1 controls, DEL, BOM); those become ``\\uXXXX``.
    """
    quoted = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def split_lines(text: str) -> list[str]:
    """Split on the line breaks Markdown knows (LF, CRLF, CR) and nothing else."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def escape_inline(text: str) -> str:
    """Untrusted text as one escaped line, for a heading, a list item or a source line.

    Line breaks become spaces; then it is escaped as :func:`escape_line` does, brackets are
    escaped (a title or caption is never a link or an image), and a closing run of ``#``
    (which a heading would swallow) is escaped too.
    """
    joined = " ".join(part.strip() for part in split_lines(text) if part.strip())
    flat = escape_line(joined, brackets=True)
    return re.sub(r"(\s)(#+)$", r"\1\\\2", flat)


def escape_link_text(text: str) -> str:
    """Untrusted text to go between ``[`` and ``]`` of a Markdown link."""
    return escape_inline(text)


def escape_line(line: str, *, brackets: bool = False) -> str:
    """One line of untrusted text so that Markdown reads it as paragraph text only.

    Backslashes and ``<`` are escaped everywhere (no HTML, no marker comments). Leading
    indentation is dropped (no code blocks), and so are trailing blanks (editors strip
    them, which would look like a hand edit). A block-like start gets a backslash, a link
    to anything but a web or mail address is left as text, and a trailing ``^word`` loses
    its power to name a block. With ``brackets``, every bracket is escaped: no link, image
    or wiki link at all.
    """
    line = line.strip(" \t").replace("\\", "\\\\").replace("<", "\\<")
    if brackets:
        line = line.replace("[", "\\[").replace("]", "\\]")
    line = line.replace("%%", "\\%\\%")
    line = _UNSAFE_DESTINATION.sub("]\\(", line)
    if _BLOCK_START.match(line):
        line = "\\" + line
    elif _ORDERED.match(line):
        line = _ORDERED.sub(r"\1\\\2", line, count=1)
    return _BLOCK_ID.sub(r"\1\\^\2\3", line)


def escape_block(text: str) -> list[str]:
    """Untrusted multi-line text as escaped lines; runs of blank lines collapse to one."""
    lines: list[str] = []
    for raw in split_lines(text.strip()):
        line = escape_line(raw) if raw.strip() else ""
        if line or (lines and lines[-1]):
            lines.append(line)
    return lines


def escape_rendition(markdown: str) -> list[str]:
    """The cleaner's Markdown: its structure is kept, but markers and block ids are not.

    HTML and comments (which could close or open the generated region), trailing
    ``^block-ids`` (which would collide with highlight ids) and links to anything but web
    or mail addresses (a stored rendition may come from a backup made elsewhere) are
    escaped.
    """
    lines = []
    for line in split_lines(markdown.strip()):
        line = _UNSAFE_ANGLE.sub(r"\1\\<", line)
        line = _UNSAFE_DESTINATION.sub("]\\(", line)
        if (reference := _UNSAFE_REFERENCE.match(line)) is not None:
            line = reference.group(1) + "\\" + line[reference.end(1):]
        lines.append(_BLOCK_ID.sub(r"\1\\^\2\3", line).rstrip())
    return lines


def escape_note(text: str) -> list[str]:
    """A note's own Markdown, kept as blocks (lists, code, quotes, callouts), with what could
    reach outside it escaped as :func:`escape_rendition` does, and Obsidian comments
    (``%%``) too; runs of blank lines collapse to one. Rendered inside a callout or a list
    item, a heading or a rule in a note stays inside it."""
    lines: list[str] = []
    for line in escape_rendition(text):
        line = line.replace("%%", "\\%\\%")
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line)
    return lines


def safe_url(url: str | None) -> str | None:
    """A web URL in a form safe inside ``<...>`` in Markdown, or None if it is not one."""
    if not url or not re.match(r"(?i)https?://", url):
        return None
    if re.search(r"[\s<>]", url):
        url = re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url)
    return url
