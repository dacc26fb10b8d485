"""The reader screen: the header and the body in a comfortable column, captions, links and
notes beside it; the keys for reading, for the panels and for links."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlparse

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from newsreader.domain.models import Link, StoredArticle
from newsreader.storage import Library, LibraryError
from newsreader.tui.safe import one_line
from newsreader.tui.screens.reader.annotator import Annotator
from newsreader.tui.screens.reader.search import ArticleSearch
from newsreader.tui.screens.reader.visual_mode import VisualMode
from newsreader.tui.widgets.article_body import ArticleBody
from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.key_footer import KeyFooter
from newsreader.tui.widgets.notes_panel import NotesPanel
from newsreader.tui.widgets.side_panels import CaptionsPanel, LinksPanel

if TYPE_CHECKING:
    from newsreader.ingest.importing import ImportResult

WIDE = 120  # at this many columns and more the panels sit beside the body
BODY_LINES = 12  # the body keeps at least this many lines, whatever else is shown
TALL = 24  # on a screen this tall and taller the whole header fits above BODY_LINES
PANELS = ("captions", "links", "notes")
WEB_SCHEMES = frozenset({"http", "https"})


def web_url(link: Link) -> str | None:
    """The link's address if it is an http(s) URL (the only kind opened), else None."""
    if link.url and urlparse(link.url).scheme.lower() in WEB_SCHEMES:
        return link.url
    return None


class SidePanels(Vertical):
    """The column of side panels: ``escape`` in one of them goes back to the text."""

    HELP_SECTION = "In a side panel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_to_text", "Back to the text", show=False,
                id="reader.panel_back"),
    ]

    def action_back_to_text(self) -> None:
        """Give the focus back to the body."""
        self.screen.query_one(ArticleBody).focus()


class ReaderScreen(Screen[None]):
    """One article. ``q`` goes back to the library and remembers where reading stopped.

    The screen composes the widgets and owns the reading keys. Around its layout sit the
    :class:`Annotator` (highlights, notes, export) and, inside it, the :class:`VisualMode`
    (selecting): each owns the keys of what it does, and they come before the screen's in
    Textual's binding chain, so a key they share with the screen (``b``, ``{``, ``}``,
    ``escape``) is theirs while they enable it.
    """

    TITLE = "Reader"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (Screen types it)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_lines(1)", "Down a line", show=False, id="reader.down"),
        Binding("k", "scroll_lines(-1)", "Up a line", show=False, id="reader.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("g", "edge(0)", "Top of the article", show=False, id="reader.top"),
        Binding("G", "edge(1)", "End of the article", show=False, id="reader.bottom"),
        Binding("left_curly_bracket", "paragraph(-1)", "Previous paragraph", show=False,
                key_display="{", id="reader.previous_paragraph"),
        Binding("right_curly_bracket", "paragraph(1)", "Next paragraph", show=False,
                key_display="}", id="reader.next_paragraph"),
        Binding("left_square_bracket", "heading(-1)", "Previous heading", show=False,
                key_display="[", id="reader.previous_heading"),
        Binding("right_square_bracket", "heading(1)", "Next heading", show=False,
                key_display="]", id="reader.next_heading"),
        Binding("c", "toggle_panel('captions')", "Captions", id="reader.captions"),
        Binding("l", "toggle_panel('links')", "Links", id="reader.links"),
        Binding("m", "toggle_panel('notes')", "Notes", id="reader.notes"),
        Binding("o", "link('open')", "Open link #", id="reader.open_link"),
        Binding("y", "link('copy')", "Copy link #", id="reader.copy_link"),
        Binding("tab", "app.focus_next", "Body/panels", show=False, id="reader.next_pane"),
        Binding("shift+tab", "app.focus_previous", "Panels/body (back)", show=False,
                id="reader.previous_pane"),
        Binding("J", "neighbour(1)", "Next article", show=False, id="reader.next_article"),
        Binding("K", "neighbour(-1)", "Previous article", show=False,
                id="reader.previous_article"),
        Binding("O", "original('open')", "Open the original", show=False,
                id="reader.open_original"),
        Binding("L", "original('copy')", "Copy the original's address", show=False,
                id="reader.copy_original"),
        Binding("R", "refetch", "Fetch the original again", show=False,
                id="reader.refetch"),
        Binding("q,escape", "back", "Library", id="reader.back"),
    ]

    def __init__(self, library: Library, stored: StoredArticle, *, at: int | None = None) -> None:
        super().__init__()
        # The breakpoint class Textual sets on the first resize, set now, so that the first
        # frame is laid out for the terminal's width.
        wide = self.app.size.width >= WIDE
        self.set_class(wide, "-wide", update=False).set_class(not wide, "-narrow", update=False)
        self.library = library
        self.stored = stored
        self.at = at
        article = stored.article
        self._block_starts = article.block_starts()
        self._heading_starts = [start for start, block in zip(self._block_starts, article.blocks,
                                                              strict=True)
                                if block.kind == "heading"]

    def compose(self) -> ComposeResult:
        """Header and body in the reading column, the side panels next to or below it, all
        inside the annotator, the search and the visual mode; the keys at the bottom."""
        article = self.stored.article
        with (Annotator(self.library, self.stored, id="annotator"),
              ArticleSearch(id="article-search"),
              VisualMode(id="visual-mode"),
              Horizontal(id="reader-layout")):
            with Vertical(id="reading-column"):
                yield ArticleHeader(self.stored, id="article-header")
                yield ArticleBody(article.text, id="article-body")
                yield Static(id="reader-mode")
                yield Static(id="reader-search-status")
            # The column is there from the first frame (the body does not reflow); the
            # panels in it are mounted just after, so the article's text shows sooner.
            with SidePanels(id="side-panels"):
                yield Lazy(CaptionsPanel(article.captions, id="captions-panel"))
                yield Lazy(LinksPanel(article.links, id="links-panel"))
                yield Lazy(NotesPanel(id="notes-panel"))
        yield KeyFooter()

    @property
    def body(self) -> ArticleBody:
        """The body widget."""
        return self.query_one(ArticleBody)

    @property
    def annotator(self) -> Annotator:
        """The annotator: the article's highlights and notes."""
        return self.query_one(Annotator)

    @property
    def visual_mode(self) -> VisualMode:
        """The visual mode: the selection."""
        return self.query_one(VisualMode)

    @property
    def header(self) -> ArticleHeader:
        """The header above the body."""
        return self.query_one(ArticleHeader)

    def on_mount(self) -> None:
        """Focus the body, mark the article read, go to the passage asked for or restore the
        position; follow the scrolling in the header."""
        body = self.body
        body.focus()
        self._fit_layout()
        self.watch(body, "scroll_y", self._show_progress)
        if not self.stored.read:  # a synced write: after the first frame, not before it
            self.call_after_refresh(self._quietly, self.library.articles.set_read,
                                    self.stored.id, True)
        if self.at is not None:
            self.call_after_refresh(body.move_cursor, body.offset_to_location(self.at),
                                    center=True)
        elif position := self.stored.reading_position:
            self.call_after_refresh(body.move_to_offset, position, top=True)

    def on_resize(self) -> None:
        """Fit the header and the panels to the new size (once the breakpoint classes
        follow it)."""
        self.call_after_refresh(self._fit_layout)

    def _show_progress(self) -> None:
        body = self.body
        most = body.max_scroll_y
        self.header.show_progress(body.scroll_y / most if most else 1.0)

    def _fit_layout(self) -> None:
        """Keep the body at least :data:`BODY_LINES` tall: fold the header to one line on a
        short screen or when panels open below the body, and cut the panels to what is
        left."""
        height = self.size.height or self.app.size.height
        wide = self.has_class("-wide")
        shown = [panel for panel in PANELS if self.panel_wanted(panel)]
        self.header.set_class(height < TALL or (not wide and bool(shown)), "-folded")
        # What is left under the footer, the folded header with its border and a mode line.
        limit = max(3, height - BODY_LINES - 4) if not wide else None
        self.query_one(SidePanels).styles.max_height = limit
        for panel in PANELS:
            widget = self._panel(panel)
            if widget is not None:
                widget.styles.max_height = (max(3, limit // len(shown))
                                            if limit is not None and shown else None)

    def panel_wanted(self, panel: str) -> bool:
        """Whether the panel is to be shown (shown from the next frame on)."""
        return self.has_class("-wide") != self.has_class(f"-toggled-{panel}")

    def _quietly(self, method: object, *args: object) -> None:
        try:
            method(*args)  # type: ignore[operator]
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While text is selected, ``q`` and ``escape`` do not leave the reader (``escape``
        drops the selection)."""
        if action == "back" and self.is_mounted:
            return not self.visual_mode.selecting
        return True

    # -- moving -------------------------------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        """Move the cursor down (positive) or up a line, scrolling as needed."""
        for _ in range(abs(lines)):
            if lines > 0:
                self.body.action_cursor_down()
            else:
                self.body.action_cursor_up()

    def action_page(self, direction: int) -> None:
        """A page down (1) or up (-1)."""
        if direction > 0:
            self.body.action_cursor_page_down()
        else:
            self.body.action_cursor_page_up()

    def action_edge(self, end: int) -> None:
        """The start (0) or the end (1) of the article."""
        body = self.body
        if end:
            body.move_cursor(body.document.end, select=False)
            body.scroll_end(animate=False, immediate=True)
        else:
            body.move_cursor((0, 0))
            body.scroll_home(animate=False, immediate=True)

    def _jump(self, starts: list[int], direction: int) -> None:
        here = self.body.cursor_offset
        if direction > 0:
            index = bisect_right(starts, here)
            if index < len(starts):
                self.body.move_to_offset(starts[index], top=True)
        else:
            index = bisect_left(starts, here) - 1
            if index >= 0:
                self.body.move_to_offset(starts[index], top=True)

    def action_paragraph(self, direction: int) -> None:
        """The start of the next (1) or previous (-1) paragraph (in visual mode, ``{`` and
        ``}`` extend the selection instead: see :class:`VisualMode`)."""
        self._jump(self._block_starts, direction)

    def action_heading(self, direction: int) -> None:
        """The next (1) or previous (-1) heading."""
        self._jump(self._heading_starts, direction)

    # -- panels and links ---------------------------------------------------------------------

    def action_toggle_panel(self, panel: str) -> None:
        """Show or hide a panel (on wide screens both start shown; on narrow ones, hidden).

        A panel shown takes the focus; when one hides, the focus goes back to the body
        (unless it is in another panel still shown)."""
        self.toggle_class(f"-toggled-{panel}")
        self._fit_layout()
        widget = self._panel(panel)
        if widget is None:  # not mounted yet: the class shows or hides it once it is
            return
        # Styles follow a class change only when the app is next idle: apply them now, so
        # that a second press before then sees what the first one did.
        self.app.update_styles(widget)
        if widget.display:
            target = widget.query_one("OptionList") if widget.query("OptionList") else widget
            target.focus()
            return
        focused = self.focused
        elsewhere = (focused is not None and widget not in focused.ancestors_with_self
                     and not isinstance(focused, ArticleBody))
        if not elsewhere:
            # Also when the body has the focus: a focus asked for by a press just before
            # may not have moved yet, and must not land in the hidden panel.
            self.body.focus()

    def panel_shown(self, panel: str) -> bool:
        """Whether the panel is shown now."""
        widget = self._panel(panel)
        return widget is not None and bool(widget.display)

    def _panel(self, panel: str) -> Widget | None:
        """A side panel, or None in the moment before the panels are mounted."""
        found = self.query(f"#{panel}-panel")
        return found.first() if found else None

    def action_link(self, verb: str) -> None:
        """Open (``o``) or copy (``y``) a link: the one under the links panel's cursor, or
        the one whose number is asked for."""
        links = self.stored.article.links
        if not links:
            self.notify("This article has no links.", markup=False)
            return
        panel = self._panel("links")
        focused = self.focused
        if (isinstance(panel, LinksPanel) and focused is not None
                and panel in focused.ancestors_with_self):
            number = panel.highlighted_number
            if number is not None:
                self.use_link(number, verb)
                return

        from newsreader.tui.screens.link_prompt import LinkPromptModal

        def chosen(number: int | None) -> None:
            if number is not None:
                self.use_link(number, verb)

        self.app.push_screen(LinkPromptModal("Open" if verb == "open" else "Copy", len(links)),
                             chosen)

    @on(LinksPanel.Chosen)
    def _link_chosen(self, event: LinksPanel.Chosen) -> None:
        self.use_link(event.number, "open")

    def use_link(self, number: int, verb: str) -> None:
        """Open link ``number`` (from 1) in the browser, or copy its address."""
        links = self.stored.article.links
        if not 1 <= number <= len(links):
            self.notify(f"There is no link {number}.", severity="warning", markup=False)
            return
        link = links[number - 1]
        if verb == "copy":
            if not link.url:
                self.notify(f"Link {number} has no address.", severity="warning", markup=False)
                return
            self.app.copy_to_clipboard(link.url)
            self.notify(f"Copied the address of link {number}.", markup=False)
            return
        url = web_url(link)
        if url is None:
            reason = "has no address" if not link.url else "is not a web (http/https) address"
            self.notify(f"Link {number} {reason}; not opened.", severity="warning", markup=False)
            return
        self.open_address(url, f"link {number}")

    def open_address(self, url: str, what: str) -> None:
        """Open ``url`` (``what`` names it: "link 3", "the original") in the browser, in a
        worker; if no browser can be started, say so and offer to copy the address."""
        self._open_in_browser(url, what)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str, what: str) -> None:
        from newsreader.tui.screens.reader.browser import open_in_browser

        opened = open_in_browser(self.app, url)
        self.app.call_from_thread(self._browser_answered, opened, url, what)

    def _browser_answered(self, opened: bool, url: str, what: str) -> None:
        if opened:
            self.notify(f"Opened {what} in the browser.", markup=False)
            return
        from newsreader.tui.screens.confirm import ConfirmModal

        def answered(copy: bool | None) -> None:
            if copy:
                self.app.copy_to_clipboard(url)
                self.notify(f"Copied the address of {what}.", markup=False)

        question = Content.assemble(
            ("No browser could be started", "bold"), f" to open {what}:\n",
            (one_line(url), "underline"), "\n\nCopy the address instead?")
        self.app.push_screen(ConfirmModal(question, confirm="Copy"), answered)

    # -- the original -------------------------------------------------------------------------

    def action_original(self, verb: str) -> None:
        """Open (``O``) or copy (``L``) the article's own web address."""
        from newsreader.tui.screens.reader.original import original_url

        url = original_url(self.stored)
        if url is None:
            self.notify("This article has no web address (it was saved from a file).",
                        severity="warning", markup=False)
        elif verb == "copy":
            self.app.copy_to_clipboard(url)
            self.notify("Copied the address of the original.", markup=False)
        else:
            self.open_address(url, "the original")

    def action_refetch(self) -> None:
        """Fetch the original again, in a worker; a changed page becomes a new revision,
        its highlights placed again, and the reader shows it."""
        from newsreader.tui.screens.reader.original import fetched_from

        url = fetched_from(self.stored)
        if url is None:
            self.notify("This article was saved from a file, not fetched from the web: "
                        "add the changed file again to make a new revision.",
                        severity="warning", markup=False)
            return
        self.notify("Fetching the original again\u2026", markup=False)
        self._refetch(url)

    @work(thread=True, exclusive=True, group="refetch")
    def _refetch(self, url: str) -> None:
        from newsreader.tui.screens.reader.original import refetch

        with self.library.reopen() as library:
            result = refetch(library, url)
        self.app.call_from_thread(self._refetched, result)

    def _refetched(self, result: ImportResult) -> None:
        from newsreader.tui.screens.reader.original import refetch_message

        message, failed = refetch_message(result)
        changed = result.status in ("updated", "restored")
        if changed and self.is_current:
            self.app.open_article(self.stored.id)  # type: ignore[attr-defined]
        self.app.notify(message, severity="error" if failed else "information",
                        markup=False, timeout=10 if changed or failed else 5)

    # -- other articles -------------------------------------------------------------------------

    def action_neighbour(self, direction: int) -> None:
        """The next (1) or previous (-1) article in the library's list as it is shown."""
        from newsreader.tui.screens.reader.neighbours import library_list, neighbour

        try:
            target = neighbour(self.library, library_list(self.app.screen_stack),
                               self.stored.id, direction)
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if target is None:
            self.notify(f"This is the {'last' if direction > 0 else 'first'} article in the "
                        "library's list.", markup=False)
            return
        self.app.open_article(target)  # type: ignore[attr-defined]

    # -- leaving ----------------------------------------------------------------------------

    def save_position(self) -> None:
        """Remember where reading stopped (the first character in view)."""
        self._quietly(self.library.articles.set_reading_position, self.stored.id,
                      self.body.top_offset())

    def action_back(self) -> None:
        """Back to the library, remembering the reading position."""
        self.save_position()
        self.app.show_library()  # type: ignore[attr-defined]
