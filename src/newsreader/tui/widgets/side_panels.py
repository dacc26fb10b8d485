"""The panels beside the body: captions with their credits, and the numbered links."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsreader.domain.models import Caption, Link
from newsreader.tui.safe import display_text, one_line
from newsreader.tui.widgets.row_list import RowList
from newsreader.tui.wrapping import hanging

ADDRESS_INDENT = 4  # the address and the text's later lines start under the text


class CaptionsPanel(VerticalScroll):
    """The article's photo captions, each with its credit on a line of its own."""

    def __init__(self, captions: tuple[Caption, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.captions = captions
        self.border_title = f"Captions ({len(captions)})"

    def compose(self) -> ComposeResult:
        """One caption text and one credit line per caption."""
        if not self.captions:
            yield Static(Content("No captions."), classes="panel-empty")
        for caption in self.captions:
            yield Static(Content(display_text(caption.text)), classes="caption-text")
            if caption.credit:
                yield Static(Content(f"Credit: {one_line(caption.credit)}"),
                             classes="caption-credit")


def link_prompt(number: int, link: Link, width: int | None = None) -> Content:
    """How a link reads in the list: its number, label and text, then its address; wrapped
    to ``width`` (if given) with later lines under the text, the address broken at ``/``."""
    label = f"{one_line(link.label)}: " if link.label else ""
    kind = "" if link.kind == "related" else " (in text)"
    address = one_line(link.url) if link.url else "no address"
    first = Content.assemble((f"{number:>2}. ", "bold"), (label, "italic"),
                             one_line(link.text) or "(no text)", (kind, "dim"))
    second = Content.assemble(
        "    ", (address, "dim underline" if link.url else "dim italic"))
    if width is not None:
        first = hanging(first, width, ADDRESS_INDENT)
        second = hanging(second, width, ADDRESS_INDENT)
    return Content("\n").join([first, second])


class LinkList(RowList):
    """The list of links inside the links panel."""

    HELP_SECTION = "In the links panel"


class LinksPanel(Vertical):
    """The article's links, numbered as ``o`` and the links panel's ``enter`` use them."""

    class Chosen(Message):
        """The reader chose a link in the panel (by number, from 1)."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, links: tuple[Link, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.links = links
        self.border_title = f"Links ({len(links)})"
        self._width = 0

    def compose(self) -> ComposeResult:
        """The list of links (or a line saying there are none)."""
        if not self.links:
            yield Static(Content("No links."), classes="panel-empty")
            return
        yield LinkList(
            *(Option(link_prompt(number, link), id=str(number))
              for number, link in enumerate(self.links, start=1)),
            id="links-list",
        )

    def on_mount(self) -> None:
        """Wrap the rows again when the list's size changes too: a scrollbar that comes or
        goes with it changes the room the rows have, not the panel's width."""
        for link_list in self.query(LinkList):
            self.watch(link_list, "virtual_size", self.on_resize, init=False)

    def on_resize(self) -> None:
        """Wrap the rows again for the new width, once the list has it."""
        self.call_after_refresh(self._wrap)

    def _wrap(self) -> None:
        lists = self.query(LinkList)
        if not lists:
            return
        link_list = lists.first()
        width = link_list.scrollable_content_region.width
        if width <= ADDRESS_INDENT or width == self._width:
            return
        self._width = width
        highlighted = link_list.highlighted
        link_list.set_options(
            Option(link_prompt(number, link, width), id=str(number))
            for number, link in enumerate(self.links, start=1))
        link_list.highlighted = highlighted

    @property
    def highlighted_number(self) -> int | None:
        """The number of the link under the panel's cursor, if any."""
        if not self.links:
            return None
        index = self.query_one(OptionList).highlighted
        return None if index is None else index + 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """``enter`` (or a click) on a link asks the screen to open it."""
        event.stop()
        self.post_message(self.Chosen(event.option_index + 1))
