"""The library's list of articles with the keys that act on it: sort, filter, read, tags,
archive, delete, undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message

from newsreader.domain.models import ArticleSummary
from newsreader.storage import Library, LibraryError, NotFoundError, SortKey
from newsreader.storage.articles import ListFlag
from newsreader.tui.key_names import key_for
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
                             "toggle_archived", "toggle_favourite", "show_archived",
                             "toggle_only"})
ONLY_WORDS: dict[ListFlag, str] = {"unread": "unread", "favourite": "favourites"}


def plural(count: int, word: str, words: str | None = None) -> str:
    """``count`` and the word in the number it takes: "1 highlight", "3 highlights"."""
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def delete_question(title: str, highlights: int, undo_key: str = "u") -> Content:
    """What deleting an article will do, asked of the user (``undo_key`` undoes it)."""
    if not highlights:
        consequence = "It has no highlights."
    elif highlights == 1:
        consequence = "Its highlight and any notes on it will be deleted with it."
    else:
        consequence = (f"Its {plural(highlights, 'highlight')} and their notes will be "
                       "deleted with it.")
    return Content.assemble("Delete \u201c", (one_line(title), "bold"), "\u201d?\n\n",
                            consequence, f"\n({undo_key} undoes it afterwards.)")


class ArticleActions(Vertical):
    """The article list and what its keys do to the article under the cursor.

    The library screen holds it and shows the list again when it posts ``Changed`` (the
    screen knows whether the list shows the library or search results).
    """

    HELP_SECTION = "In the list"
    # "/" (the screen's search) comes first, so that it leads the footer as it always has:
    # the footer lists the focused list's keys before the screen's. It is a priority key,
    # run before the keys typed after it are passed on, so that they reach the search box.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "screen.search", "Search", key_display="/", id="library.search",
                priority=True),
        Binding("s", "cycle_sort", "Sort", id="library.sort"),
        Binding("r", "toggle_read", "Read/unread", id="library.toggle_read"),
        Binding("t", "edit_tags", "Tags", id="library.tags"),
        Binding("a", "toggle_archived", "Archive", id="library.archive"),
        Binding("A", "show_archived", "Show archived", key_display="A", id="library.show_archived"),
        Binding("asterisk", "toggle_favourite", "Favourite", key_display="*",
                id="library.favourite"),
        Binding("d", "delete", "Delete", id="library.delete"),
        Binding("U", "toggle_only('unread')", "Unread only", key_display="U", show=False,
                id="library.unread_filter"),
        Binding("F", "toggle_only('favourite')", "Favourites only", key_display="F",
                show=False, id="library.favourites_filter"),
    ]

    class Changed(Message):
        """Show the list again (from ``position``, or where the cursor is), or only say
        again what it shows (``reload`` False)."""

        def __init__(self, *, reload: bool = True, position: int | None = None,
                     show_id: int | None = None) -> None:
            super().__init__()
            self.reload = reload
            self.position = position
            self.show_id = show_id
            """An article to put the cursor on, if the list shows it (one brought back)."""

    class ViewChosen(Message):
        """The order or the archived-shown toggle was changed (for the settings file)."""

        def __init__(self, sort: SortKey, show_archived: bool) -> None:
            super().__init__()
            self.sort = sort
            self.show_archived = show_archived

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.library_empty = False
        """The library has no article at all (the screen says so): the keys are off."""
        self.undo_last: tuple[str, Callable[[], int | None]] | None = None
        """What ``u`` undoes (its name, and the function that does it, which returns the
        article's id), or None."""

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
        self._view_chosen()

    def _view_chosen(self) -> None:
        articles = self.article_list
        self.post_message(self.ViewChosen(articles.sort_key, articles.include_archived))

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
            self._changed(reload=False)  # the unread count

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
        self._can_undo("archive" if archived else "unarchive",
                       lambda: self._set_archived(after.id, not archived))
        undo = key_for(self, "undo", "u")
        if not archived:
            self.notify(f"Unarchived {title}. {undo} undoes it.", markup=False)
        elif articles.include_archived:
            self.notify(f"Archived {title}. {undo} undoes it.", markup=False)
        else:
            self.notify(f"Archived {title}: {undo} undoes it, "
                        f"{key_for(self, 'show_archived', 'A')} shows archived articles.",
                        markup=False)
        if articles.include_archived:
            articles.update_current(after)
            self._changed(reload=False)
        elif articles.searching:
            articles.drop_current()
            self._changed(reload=False)
        else:
            self._changed()

    def _set_archived(self, article_id: int, archived: bool) -> int:
        self.library.articles.set_archived(article_id, archived)
        return article_id

    def _can_undo(self, name: str, undo: Callable[[], int | None]) -> None:
        self.undo_last = (name, undo)
        self.refresh_bindings()

    def undo(self) -> None:
        """Undo the last archive or delete: the article is back, under the cursor if shown."""
        if self.undo_last is None:
            self.notify("Nothing to undo.", markup=False)
            return
        name, undo = self.undo_last
        try:
            article_id = undo()
        except NotFoundError:
            self.undo_last = None
            self._gone()
            return
        except LibraryError as error:
            self.notify(f"Cannot undo the {name}: {error}", severity="error", markup=False)
            return
        self.undo_last = None
        self.refresh_bindings()
        self.notify(f"Undone: the {name}.", markup=False)
        self.post_message(self.Changed(show_id=article_id))

    def action_toggle_only(self, flag: ListFlag) -> None:
        """Show only the unread articles (or the favourites), or all of them again."""
        articles = self.article_list
        only = [name for name in articles.only if name != flag]
        if len(only) == len(articles.only):
            only.append(flag)
        articles.only = tuple(only)
        self._changed(position=0)

    def action_show_archived(self) -> None:
        """Show archived articles too, or hide them again."""
        articles = self.article_list
        articles.include_archived = not articles.include_archived
        self._changed(position=0)
        self._view_chosen()

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
        question = delete_question(current.title, current.highlight_count,
                                   key_for(self, "undo", "u"))

        def done(confirmed: bool | None) -> None:
            if confirmed:
                try:
                    deleted = self.library.deletions.delete(current.id)
                except NotFoundError:
                    self._gone()
                    return
                except LibraryError as error:
                    self.notify(f"Not deleted: {error}", severity="error", markup=False)
                    return

                def restore() -> int:
                    self.library.deletions.restore(deleted)
                    return deleted.article_id

                self._can_undo("delete", restore)
                self.notify(f"Deleted {quoted_title(current.title)}. "
                            f"{key_for(self, 'undo', 'u')} brings it back.", markup=False)
                if articles.searching:
                    articles.drop_current()
                    self._changed(reload=False)
                else:
                    self._changed()

        self.app.push_screen(ConfirmModal(question, confirm="Delete"), done)
