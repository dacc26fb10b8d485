"""The cleaner's HTML parser, and the elements it makes to hold fragments.

Pages are parsed as trafilatura parses them (comments and processing instructions
removed), so that one tree serves both the extraction and the page rules. Every element
is a plain HtmlElement: lxml.html's own lookup calls back into Python each time an
element is touched, to give forms and their fields classes of their own that nothing
here uses, and a page is walked many times over, by the rules and by the extractors.
Elements made here belong to the same parser, so whatever is moved into them stays as
cheap to walk.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml import html as lxml_html

PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True,
                              remove_pis=True)
# For a str that declares an encoding (lxml refuses it): the page is parsed as UTF-8 bytes.
BYTES_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False,
                                    remove_comments=True, remove_pis=True, encoding="utf-8")
for _parser in (PARSER, BYTES_PARSER):
    _parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))


def new_element(tag: str, attrib: dict[str, str] | None = None) -> Any:
    """A new element of the parser's documents, outside any tree."""
    return PARSER.makeelement(tag, attrib)
