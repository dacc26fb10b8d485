"""Editing one article's tags: add with completion from the tags in use, remove, save once."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.tui.safe import one_line

MAX_TAG = 64  # the Library's limit on a tag's length
HINT = ("enter adds a tag (-tag removes one), tab or \u2192 completes, an empty enter or "
        "ctrl+s saves, delete removes the selected tag, escape cancels")


def clean_tag(text: str) -> str:
    """A tag as typed, with its spaces collapsed."""
    return " ".join(one_line(text).split())


def completion(typed: str, known: list[str], taken: list[str]) -> str | None:
    """The first known tag that starts with ``typed`` (any case) and is not already taken."""
    folded = typed.casefold()
    taken_folded = {tag.casefold() for tag in taken}
    for tag in known:
        if tag.casefold().startswith(folded) and tag.casefold() not in taken_folded:
            return tag
    return None


class TagInput(Input):
    """The new-tag box: ``tab`` completes from the tags in use (or moves on if none fits)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "Complete the tag", show=False, id="tags.complete"),
    ]

    def action_complete(self) -> None:
        """Complete what is typed to a tag in use; with nothing to complete, move focus."""
        editor = self.screen
        if isinstance(editor, TagEditorModal) and self.value:
            found = completion(self.value, editor.known, editor.tags)
            if found is not None:
                self.value = found
                self.cursor_position = len(found)
                return
        self.screen.focus_next()


class TagEditorModal(ModalScreen[list[str] | None]):
    """The tags of one article; returns the tags to keep, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
        Binding("ctrl+s", "save", "Save the tags", id="tags.save"),
    ]

    def __init__(self, title: str, tags: list[str], known: list[str]) -> None:
        super().__init__()
        self.article_title = title
        self.tags = list(tags)
        """The tags as edited so far."""
        self.known = list(known)
        """Every tag in use in the library, for completion."""

    def compose(self) -> ComposeResult:
        """The article's title, its tags, the new-tag box and two buttons."""
        with Vertical(id="tag-dialog", classes="dialog"):
            yield Static(Content.assemble("Tags for ", (one_line(self.article_title), "bold")),
                         id="tag-title")
            yield OptionList(id="tag-list")
            yield TagInput(placeholder="Add a tag\u2026", id="tag-input",
                           suggester=SuggestFromList(self.known, case_sensitive=False))
            yield Static(id="tag-message")
            yield Static(Content(HINT), id="tag-hint")
            with Horizontal(id="tag-buttons"):
                yield Button(Content("Save (ctrl+s)"), variant="primary", id="tag-save")
                yield Button(Content("Cancel (esc)"), id="tag-cancel")

    def on_mount(self) -> None:
        """Show the tags and start in the new-tag box."""
        self._show_tags()
        self.query_one(TagInput).focus()

    def _show_tags(self, highlight: int | None = None) -> None:
        tag_list = self.query_one("#tag-list", OptionList)
        tag_list.clear_options()
        if self.tags:
            tag_list.add_options(Option(Content("#" + tag), id=str(index))
                                 for index, tag in enumerate(self.tags))
            tag_list.highlighted = min(highlight or 0, len(self.tags) - 1)
        else:
            tag_list.add_option(Option(Content("No tags yet."), disabled=True))

    def _say(self, message: str) -> None:
        self.query_one("#tag-message", Static).update(Content(message))

    def add_tag(self, typed: str) -> bool:
        """Add a tag (or, as ``-tag``, remove one); False, saying why, if it cannot be."""
        name = clean_tag(typed)
        if name.startswith("-"):
            return self.remove_tag(name[1:].strip())
        if len(name) > MAX_TAG:
            self._say(f"A tag has at most {MAX_TAG} characters.")
            return False
        if any(tag.casefold() == name.casefold() for tag in self.tags):
            self._say("The article already has that tag.")
            return False
        # Reuse the spelling of a tag already in use: tags are the same whatever their case.
        name = next((tag for tag in self.known if tag.casefold() == name.casefold()), name)
        self.tags.append(name)
        self._say("")
        self._show_tags(len(self.tags) - 1)
        return True

    def remove_tag(self, name: str) -> bool:
        """Remove a tag by name (any case); False, saying so, if the article has no such tag."""
        kept = [tag for tag in self.tags if tag.casefold() != clean_tag(name).casefold()]
        if len(kept) == len(self.tags):
            self._say("The article has no such tag.")
            return False
        self.tags = kept
        self._say("")
        self._show_tags()
        return True

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.action_save()
            return
        if self.add_tag(event.value):
            event.input.value = ""

    def on_key(self, event: events.Key) -> None:
        """``delete`` or ``backspace`` on the list of tags removes the highlighted one."""
        tag_list = self.query_one("#tag-list", OptionList)
        if event.key not in ("delete", "backspace") or not tag_list.has_focus or not self.tags:
            return
        index = tag_list.highlighted
        if index is not None and index < len(self.tags):
            event.stop()
            del self.tags[index]
            self._show_tags(index)

    @on(Button.Pressed, "#tag-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#tag-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Return the tags as edited (with whatever the box still holds added)."""
        pending = self.query_one(TagInput).value
        if pending.strip() and not self.add_tag(pending):
            return
        self.dismiss(self.tags)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
