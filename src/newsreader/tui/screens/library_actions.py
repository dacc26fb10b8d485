"""The library's list of articles with the keys that act on it: sort, read, tags, archive,
delete."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import Any, ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message

from newsreader.domain.models import ArticleSummary
from newsreader.storage import Library, LibraryError, NotFoundError, SortKey
from newsreader.tui.safe import one_line
from newsreader.tui.screens.confirm import ConfirmModal
from newsreader.tui.screens.tag_editor import TagEditorModal
from newsreader.tui.widgets.article_list import ArticleList

SORTS: tuple[SortKey, ...] = ("saved", "published", "title")
Flag = Literal["read", "favourite", "archived"]


def quoted_title(title: str, limit: int = 60) -> str:
    """A title for a notice: one line, cut short, in quotation marks."""
    line = one_line(title)
    if len(line) > limit:
        line = line[:limit - 1] + "\u2026"
    return f"\u201c{line}\u201d"


ARTICLE_ACTIONS = frozenset({"cycle_sort", "toggle_read", "delete", "edit_tags",
                             "toggle_archived", "toggle_favourite", "show_archived"})


class ArticleActions(Vertical):
    """The article list and what its keys do to the article under the cursor.

    The library screen holds it and shows the list again when it posts ``Changed`` (the
    screen knows whether the list shows the library or search results).
    """

    HELP_SECTION = "In the list"
    # "/" (the screen's search) comes first, so that it leads the footer as it always has:
    # the footer lists the focused list's keys before the screen's.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "screen.search", "Search", key_display="/"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("r", "toggle_read", "Read/unread"),
        Binding("t", "edit_tags", "Tags"),
        Binding("a", "toggle_archived", "Archive"),
        Binding("A", "show_archived", "Show archived", key_display="A"),
        Binding("asterisk", "toggle_favourite", "Favourite", key_display="*"),
        Binding("d", "delete", "Delete"),
    ]

    class Changed(Message):
        """Show the list again (from ``position``, or where the cursor is), or only say
        again what it shows (``reload`` False)."""

        def __init__(self, *, reload: bool = True, position: int | None = None) -> None:
            super().__init__()
            self.reload = reload
            self.position = position

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.library_empty = False
        """The library has no article at all (the screen says so): the keys are off."""

    def compose(self) -> ComposeResult:
        """The list."""
        yield ArticleList(self.library, id="article-list")

    @property
    def article_list(self) -> ArticleList:
        """The list widget."""
        return self.query_one(ArticleList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no article at all the keys are off (and out of the footer); search results
        are ranked, so there is no sort to change."""
        if action == "cycle_sort" and self.article_list.searching:
            return False
        return not (action in ARTICLE_ACTIONS and self.library_empty)

    def _changed(self, *, reload: bool = True, position: int | None = None) -> None:
        self.post_message(self.Changed(reload=reload, position=position))

    def _gone(self) -> None:
        """The article under the cursor was deleted elsewhere: show the list as it is now."""
        self.notify("That article is no longer in the library.", severity="warning")
        self._changed()

    def action_cycle_sort(self) -> None:
        """Sort by the next key: saved, published, title."""
        articles = self.article_list
        articles.sort_key = SORTS[(SORTS.index(articles.sort_key) + 1) % len(SORTS)]
        self._changed(position=0)

    def _flip(self, flag: Flag) -> ArticleSummary | None:
        """Save the opposite of ``flag`` for the article under the cursor, in one call.

        Returns the article as it is now, or None when there is none (or it is gone).
        """
        current = self.article_list.current
        if current is None:
            return None
        value = not getattr(current, flag)
        articles = self.library.articles
        save = {"read": articles.set_read, "favourite": articles.set_favourite,
                "archived": articles.set_archived}[flag]
        try:
            save(current.id, value)
        except NotFoundError:
            self._gone()
            return None
        changes: dict[str, Any] = {flag: value}
        return replace(current, **changes)

    def action_toggle_read(self) -> None:
        """Mark the article under the cursor read, or unread."""
        if (after := self._flip("read")) is not None:
            self.article_list.update_current(after)

    def action_toggle_favourite(self) -> None:
        """Mark the article under the cursor as a favourite (★), or not."""
        if (after := self._flip("favourite")) is None:
            return
        self.article_list.update_current(after)
        self.notify("Marked as a favourite." if after.favourite else "No longer a favourite.",
                    markup=False)

    def action_toggle_archived(self) -> None:
        """Archive the article under the cursor (hidden from the list), or bring it back."""
        articles = self.article_list
        if (after := self._flip("archived")) is None:
            return
        archived = after.archived
        title = quoted_title(after.title)
        if not archived:
            self.notify(f"Unarchived {title}.", markup=False)
        elif articles.include_archived:
            self.notify(f"Archived {title}.", markup=False)
        else:
            self.notify(f"Archived {title}: A shows archived articles.", markup=False)
        if articles.include_archived:
            articles.update_current(after)
            self._changed(reload=False)
        elif articles.searching:
            articles.drop_current()
            self._changed(reload=False)
        else:
            self._changed()

    def action_show_archived(self) -> None:
        """Show archived articles too, or hide them again."""
        articles = self.article_list
        articles.include_archived = not articles.include_archived
        self._changed(position=0)

    def action_edit_tags(self) -> None:
        """Edit the tags of the article under the cursor, saving them in one transaction."""
        current = self.article_list.current
        if current is None:
            return
        try:
            before = self.library.tags.of(current.id)
            known = self.library.tags.in_use()
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)
            return

        def done(after: list[str] | None) -> None:
            if after is None or after == before:
                return
            try:
                saved = self.library.tags.update(
                    current.id, add=[tag for tag in after if tag not in before],
                    remove=[tag for tag in before if tag not in after])
            except NotFoundError:
                self._gone()
                return
            except LibraryError as error:
                self.notify(f"The tags were not saved: {error}", severity="error", markup=False)
                return
            if self.article_list.current is not None and self.article_list.current.id == current.id:
                self.article_list.update_current(tags=saved)
            self.notify("Tags saved.", markup=False)

        self.app.push_screen(TagEditorModal(current.title, before, known), done)

    def action_delete(self) -> None:
        """Ask, then delete the article under the cursor with its highlights and notes."""
        articles = self.article_list
        current = articles.current
        if current is None:
            return
        count = current.highlight_count
        consequence = (f"Its {count} highlight{'' if count == 1 else 's'} and their notes "
                       "will be deleted with it." if count else "It has no highlights.")
        question = Content.assemble(
            "Delete \u201c", (one_line(current.title), "bold"), "\u201d?\n\n", consequence)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                with suppress(NotFoundError):
                    self.library.articles.delete(current.id)
                self.notify("Deleted.", markup=False)
                if articles.searching:
                    articles.drop_current()
                    self._changed(reload=False)
                else:
                    self._changed()

        self.app.push_screen(ConfirmModal(question, confirm="Delete"), done)
