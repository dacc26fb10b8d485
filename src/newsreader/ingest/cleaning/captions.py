"""Recognise photo captions and split off their credit."""

from __future__ import annotations

import re

from newsreader.domain.models import Caption

# "... Photo: Reuters", "... Photograph: Jane Doe/AFP", "... Credit: X", "Image: X", etc.
_TRAILING_CREDIT = re.compile(
    r"""^(?P<text>.*?)[\s;,|–—-]*
        (?:\b(?:Photo|Photos|Photograph|Picture|Image|Images|Illustration|Credit|Source|
               Foto|Фото|Источник|写真|사진)
           (?:\s+(?:credit|by|courtesy(?:\s+of)?))?\s*[:：]\s*
        |\bPhoto\s+by\s+|\bPhotographs?\s+by\s+|\bCourtesy\s+of\s+)
        (?P<credit>[^:]{1,120}?)\s*\.?$""",
    re.VERBOSE | re.IGNORECASE,
)
# "(AP Photo/Jane Doe)", "(Reuters/John Smith)", "(Photo by X/Getty Images)" at the end.
_PARENTHESISED_CREDIT = re.compile(
    r"""^(?P<text>.*?)\s*[(\[]
        (?P<credit>(?:[A-Z][\w.&' -]{0,40}\s)?(?:Photo|Photos|Images?|Pool|via\b)[^()\[\]]{0,120}
                  |(?:File|Image\s+credit|Credit|Photo\s+credit)\s*:\s*[^()\[\]]{1,80}
                  |Photo\s+by[^()\[\]]{1,120}
                  |[A-Z][\w.&' -]{0,40}/[^()\[\]]{1,80})
        [)\]]\s*\.?$""",
    re.VERBOSE,
)


# "By Jane Doe", "By Jane Doe and John Roe, Reuters": an author line, not a caption.
_BYLINE = re.compile(r"^(?:By|BY|Words\s+by|Written\s+by)\s+[A-Z][\w'.-]*(?:\s+\S+){0,9}$")


def is_byline(text: str) -> bool:
    """True if ``text`` names the article's author ("By Jane Doe"), as a byline does."""
    return bool(_BYLINE.match(" ".join(text.split())))


# A token of letters and digits ("M1", "MP3"): a reference code, never a photographer.
_CODE = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+\b")


def split_credit(text: str) -> Caption | None:
    """Return ``text`` as a Caption if it ends with a recognisable photo credit, else None."""
    text = text.strip()
    for pattern in (_PARENTHESISED_CREDIT, _TRAILING_CREDIT):
        match = pattern.match(text)
        if match:
            credit = _strip_credit_label(match.group("credit"))
            body = match.group("text").strip()
            if credit and len(credit.split()) <= 12 and not _CODE.search(credit):
                return Caption(text=body, credit=credit)
    return None


def caption_from_figure_text(text: str, credit: str | None = None) -> Caption:
    """Build a Caption from a figcaption's text, splitting a credit off when none was given."""
    text = " ".join(text.split())
    if credit:
        credit = " ".join(credit.split())
        if text.endswith(credit):
            text = text[: -len(credit)].rstrip(" ;,|–—-(")
        credit = _strip_credit_label(credit)
        return Caption(text=text, credit=credit or None)
    return split_credit(text) or Caption(text=text, credit=None)


_CREDIT_LABEL = re.compile(
    r"^[(\[]?\s*(?:Photo|Photograph|Picture|Image|Credit|Source|Illustration|File|Foto|Фото"
    r"|Источник|写真|사진)"
    r"(?:\s+(?:credit|by))?\s*[:：]?\s*",
    re.IGNORECASE,
)


def _strip_credit_label(credit: str) -> str:
    credit = credit.strip()
    if credit.startswith(("(", "[")) and credit.endswith((")", "]")):
        credit = credit[1:-1]
    credit = credit.rstrip(")]").strip()
    if credit.lower().startswith("photo by"):
        return credit[len("photo by") :].strip()
    if _CREDIT_LABEL.match(credit) and "/" not in credit.split()[0]:
        credit = _CREDIT_LABEL.sub("", credit)
    return credit.strip().rstrip(".").strip()
