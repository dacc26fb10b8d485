"""The composition root: a Textual app over a Library. It wires screens; it holds no logic."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from newsreader.storage import Library, NotFoundError
from newsreader.tui.commands.highlights import HighlightCommands
from newsreader.tui.commands.palette import ArticleCommands, ExportCommands, LibraryCommands
from newsreader.tui.highlight_style import theme_variable_defaults
from newsreader.tui.screen_kinds import as_library, showing

if TYPE_CHECKING:
    from newsreader.ingest.importing import ImportReport
    from newsreader.tui.screens.highlights import Target
    from newsreader.tui.screens.library import LibraryScreen
    from newsreader.tui.screens.reader import ReaderScreen
    from newsreader.tui.widgets.article_list import ArticleList


class NewsreaderApp(App[int]):
    """The newsreader TUI: the library screen, and the reader on top of it."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {ArticleCommands, ExportCommands, LibraryCommands,
                               HighlightCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("H", "highlights", "All highlights"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
        Binding("ctrl+q", "quit", "Quit newsreader", show=False),
    ]

    def __init__(self, library: Library, *, open_article_id: int | None = None,
                 theme: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.open_article_id = open_article_id
        if theme is not None:
            self.theme = theme

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: the reader when started on an article (the library is built
        when the reader is left, so the article shows sooner), else the library.

        The first screen is made the default screen instead of being pushed over an empty
        one: that spares the work of a screen and a frame before the first real frame.
        """
        if self.open_article_id is not None:
            reader = self._reader(self.open_article_id)
            if reader is not None:
                return reader
        return self._library_screen()

    def _library_screen(self) -> LibraryScreen:
        from newsreader.tui.screens.library import LibraryScreen

        return LibraryScreen(self.library)

    def on_mount(self) -> None:
        """Mark a colourless terminal."""
        if self.no_color:
            self.add_class("-no-color")

    def show_library(self) -> None:
        """Back to the library screen, creating it if the app started in the reader."""
        if any(as_library(screen) for screen in self.screen_stack):
            self.pop_screen()
        else:
            self._replace_top(self._library_screen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``H`` is off while the highlights are already shown."""
        return not (action == "highlights" and showing(self.screen, "highlights",
                                                         "HighlightsScreen"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Highlight colours a theme may override."""
        return theme_variable_defaults()

    def open_article(self, article_id: int, *, at: int | None = None) -> bool:
        """Show an article in the reader (at the passage starting at ``at``, if given);
        False if there is no such article."""
        reader = self._reader(article_id, at=at)
        if reader is None:
            return False
        current = self.screen
        if isinstance(current, type(reader)):
            current.save_position()
            self._replace_top(reader)
        else:
            self.push_screen(reader)
        return True

    def _replace_top(self, screen: Screen[Any]) -> None:
        """Show ``screen`` in place of the current one; over it, if the current one is the
        first screen (Textual cannot switch away from the first screen: issue #2650)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _reader(self, article_id: int, *, at: int | None = None) -> ReaderScreen | None:
        """A reader on the article, or None (and a message) if there is no such article."""
        try:
            stored = self.library.get(article_id)
        except NotFoundError:
            self.notify(f"There is no article {article_id}.", severity="error", markup=False)
            return None
        from newsreader.tui.screens.reader import ReaderScreen

        return ReaderScreen(self.library, stored, at=at)

    def action_highlights(self) -> None:
        """Show every highlight and note; open the one chosen."""
        from newsreader.tui.screens.highlights import HighlightsScreen

        if isinstance(self.screen, HighlightsScreen):
            return

        def chosen(target: Target | None) -> None:
            if target is not None:
                self.open_article(target[0], at=target[1])

        self.push_screen(HighlightsScreen(self.library), chosen)

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        """An article was chosen in the library."""
        self.open_article(message.article_id)

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from newsreader.tui.screens.help import HelpScreen, binding_rows

        if isinstance(self.screen, HelpScreen):
            return
        title = ("Reader" if showing(self.screen, "reader", "ReaderScreen") else
                 "Highlights" if showing(self.screen, "highlights", "HighlightsScreen")
                 else "Library")
        self.push_screen(HelpScreen(title, binding_rows(self.screen, title)))

    def action_import(self) -> None:
        """Ask for a file or URL and import it with progress."""
        from newsreader.tui.screens.import_modal import ImportModal, report_summary

        def done(report: ImportReport | None) -> None:
            if report is None:
                return
            self.notify(report_summary(report), markup=False,
                        severity="error" if report.failures else "information")
            for screen in self.screen_stack:
                if (library_screen := as_library(screen)) is not None:
                    library_screen.refresh_list()

        self.push_screen(ImportModal(self.library), done)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's verbs: import and open as well as Textual's own (theme, quit...)."""
        yield SystemCommand("Import a file or URL", "Add an article to the library",
                            self.action_import)
        yield from super().get_system_commands(screen)

    async def action_quit(self) -> None:
        """Quit, remembering the reading position of an open article."""
        for screen in self.screen_stack:
            if showing(screen, "reader", "ReaderScreen"):
                screen.save_position()  # type: ignore[attr-defined]
        self.exit(0)
