"""The composition root: a Textual app over a Library. It wires screens; it holds no logic."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from newsreader.storage import DamagedArticleError, Library, LibraryError, NotFoundError
from newsreader.storage.config import Config, LoadedConfig, save_setting
from newsreader.tui.commands.highlights import HighlightCommands
from newsreader.tui.commands.palette import ArticleCommands, ExportCommands, LibraryCommands
from newsreader.tui.highlight_style import theme_variable_defaults

if TYPE_CHECKING:
    from newsreader.ingest.importing import ImportReport
    from newsreader.tui.screens.feeds import FetchEnded
    from newsreader.tui.screens.highlights import HighlightsScreen
    from newsreader.tui.screens.library import LibraryScreen
    from newsreader.tui.screens.library_actions import ArticleActions
    from newsreader.tui.screens.reader.screen import ReaderScreen
    from newsreader.tui.widgets.article_list import ArticleList


@runtime_checkable
class KeepsPosition(Protocol):
    """A screen that remembers where reading stopped (the reader)."""

    def save_position(self) -> None:
        """Save the reading position."""


class NewsreaderApp(App[int]):
    """The newsreader TUI: the library screen, and the reader on top of it.

    Started with ``open_source`` (a file, URL or article id, as ``newsreader open`` takes),
    it shows that it is opening it at once, imports and cleans it in a worker thread, and
    then shows the article in the reader. If it cannot be opened the app exits with status
    1 and keeps the error in ``open_error``, for the command line to report as it reports
    any other.
    """

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {ArticleCommands, ExportCommands, LibraryCommands,
                               HighlightCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("H", "highlights", "All highlights", id="app.highlights"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command_palette"),
        Binding("ctrl+q", "quit", "Quit newsreader", show=False, id="app.quit"),
    ]

    def __init__(self, library: Library, *, open_source: str | None = None,
                 open_highlight: str | None = None, open_article_id: int | None = None,
                 theme: str | None = None, settings: LoadedConfig | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        """The settings file as read (None: the defaults, as in tests)."""
        self.config = settings.config if settings is not None else Config()
        self._theme_name = theme or self.config.theme
        self._saved_theme = self.config.theme
        # Before the first screen is composed, so that every binding comes up remapped.
        self.set_keymap(self.config.keys)
        self.open_source = open_source
        self.open_highlight = open_highlight
        """The block id (``hl-...``) of the highlight to open ``open_source`` at."""
        self.open_article_id = open_article_id
        self.open_error: LibraryError | None = None
        """Why ``open_source`` could not be opened (the app then exits with status 1)."""
        self._opening: Worker[int] | None = None
        self._highlights: HighlightsScreen | None = None

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: "Opening…" when started on a source, the reader when started
        on an article (the library is built when the reader is left, so the article shows
        sooner), else the library.

        The first screen is made the default screen instead of being pushed over an empty
        one: that spares the work of a screen and a frame before the first real frame.
        """
        if self.open_source is not None:
            from newsreader.tui.screens.opening import OpeningScreen

            return OpeningScreen(self.open_source)
        if self.open_article_id is not None:
            reader = self._reader(self.open_article_id)
            if reader is not None:
                return reader
        return self._library_screen()

    def _library_screen(self) -> LibraryScreen:
        from newsreader.tui.screens.library import LibraryScreen

        return LibraryScreen(self.library, sort=self.config.sort,
                             show_archived=self.config.show_archived)

    def on_mount(self) -> None:
        """Mark a colourless terminal; take the theme chosen and say what is wrong in the
        settings file; start opening the source asked for, if any."""
        if self.no_color:
            self.add_class("-no-color")
        self._apply_settings()
        if self.open_source is not None:
            self._opening = self.run_worker(
                partial(self._resolve, self.open_source), name="open", thread=True,
                exit_on_error=False)

    def _apply_settings(self) -> None:
        """Use the theme asked for, if Textual has it; show each mistake in the settings
        file (its defaults are used instead: a mistake never stops the app)."""
        problems = list(self.settings.problems) if self.settings is not None else []
        name = self._theme_name
        if name in self.available_themes:
            self.theme = name
        elif name is not None and self.settings is not None:
            problems.append(self.settings.problem(
                "theme", f"there is no theme {name!r} (ctrl+p, \u201cChange theme\u201d, "
                         "lists them); using the default"))
        if self.settings is not None and self.config.keys:
            from newsreader.tui.screens.help import binding_ids

            known = binding_ids()
            problems += [self.settings.problem(binding_id, (
                f"[keys] names no binding {binding_id!r} (the README's Settings lists the "
                "ids); ignored")) for binding_id in self.config.keys if binding_id not in known]
        for problem in problems:
            self.notify(problem, title="Settings file", severity="warning", markup=False,
                        timeout=20)

    def watch_theme(self, name: str) -> None:
        """Keep a theme chosen in the app (ctrl+p, "Change theme") in the settings file."""
        if self.settings is None or name == self._saved_theme:
            return
        self._saved_theme = name
        self._keep("theme", name, "The theme")

    def on_article_actions_view_chosen(self, message: ArticleActions.ViewChosen) -> None:
        """Keep the library's order and whether it shows archived articles, as chosen with
        ``s`` and ``A``, in the settings file (and for a library screen made anew)."""
        config = self.config
        self.config = replace(config, sort=message.sort, show_archived=message.show_archived)
        if message.sort != config.sort:
            self._keep("sort", message.sort, "The order")
        if message.show_archived != config.show_archived:
            self._keep("show_archived", message.show_archived, "Showing archived articles")

    def _keep(self, name: str, value: str | bool, what: str) -> None:
        """Write one setting to the settings file; never into a file that does not parse
        (``what`` names the setting in the message that says it is not kept)."""
        settings = self.settings
        if settings is None:
            return
        if not settings.readable:
            self.notify(f"{what} is not kept: {settings.path} has a mistake to mend first.",
                        severity="warning", markup=False)
            return
        try:
            save_setting(settings.path, name, value)
        except OSError as error:
            self.notify(f"{what} is not kept: cannot write {settings.path} "
                        f"({error.strerror or error}).", severity="warning", markup=False)

    def _resolve(self, source: str) -> int:
        """In the worker thread, on a connection of its own: the id of the article
        ``source`` names, imported and cleaned if need be (committed as an import is: the
        source can be imported again, so the reader need not wait for a disk sync)."""
        from newsreader.ingest.importing import resolve_source

        with self.library.reopen() as library, library.articles.importing():
            return resolve_source(library, source)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The source is opened: show the article, or exit with the reason it failed."""
        worker = self._opening
        if event.worker is not worker or self.open_source is None:
            return
        if event.state is WorkerState.SUCCESS and worker.result is not None:
            if not self.open_article(worker.result, at=self._highlight_start(worker.result)):
                self._open_failed(self._why_not(worker.result))
        elif event.state is WorkerState.ERROR:
            error = worker.error
            self._open_failed(error if isinstance(error, LibraryError) else LibraryError(
                f"cannot open {self.open_source}: the import stopped unexpectedly: {error}"))

    def _highlight_start(self, article_id: int) -> int | None:
        """Where the highlight asked for starts; None (and a message) if it is not there."""
        if self.open_highlight is None:
            return None
        from newsreader.exporting.highlight_links import highlight_start

        start = highlight_start(self.library, article_id, self.open_highlight)
        if start is None:
            self.notify(f"This article has no highlight {self.open_highlight} in its text; "
                        "showing it from the start.", severity="warning", markup=False)
        return start

    def _why_not(self, article_id: int) -> LibraryError:
        """Why the article the source named could not be shown: damaged, or deleted."""
        try:
            self.library.articles.get(article_id)
        except DamagedArticleError as error:
            return error
        except LibraryError:
            pass
        return LibraryError(f"cannot open {self.open_source}: the article was deleted meanwhile")

    def _open_failed(self, error: LibraryError) -> None:
        self.open_error = error
        self.exit(return_code=1)

    def show_library(self) -> None:
        """Back to the library screen, creating it if the app started elsewhere; or back to
        the highlights, when the reader was opened from them."""
        from newsreader.tui.screens.library import LibraryScreen

        stack = self.screen_stack
        if self._highlights is not None and len(stack) > 1 and stack[-2] is self._highlights:
            self.pop_screen()  # the reader was opened from the highlights: back to them
        elif any(isinstance(screen, LibraryScreen) for screen in stack):
            self.pop_screen()
        else:
            self._replace_top(self._library_screen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``H`` is off while the highlights are already shown."""
        return not (action == "highlights" and self._showing_highlights())

    def _showing_highlights(self) -> bool:
        return self._highlights is not None and self.screen is self._highlights

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
        """A reader on the article, or None (and a message) if there is no such article or
        it cannot be read."""
        try:
            stored = self.library.articles.get(article_id)
        except NotFoundError:
            self.notify(f"There is no article {article_id}.", severity="error", markup=False)
            return None
        except DamagedArticleError as error:
            message = str(error)
            self.notify(message[:1].upper() + message[1:], title="Cannot open the article",
                        severity="error", markup=False, timeout=12)
            return None
        from newsreader.tui.screens.reader.screen import ReaderScreen

        return ReaderScreen(self.library, stored, at=at)

    def action_highlights(self) -> None:
        """Show every highlight and note; open the one chosen."""
        from newsreader.tui.screens.highlights import HighlightsScreen

        if self._showing_highlights():
            return

        def closed(_: None) -> None:
            self._highlights = None

        self._highlights = HighlightsScreen(self.library)
        self.push_screen(self._highlights, closed)

    def on_highlights_screen_chosen(self, message: HighlightsScreen.Chosen) -> None:
        """A highlight was chosen: its article opens over the highlights."""
        article_id, at = message.target
        self.open_article(article_id, at=at)

    def on_fetch_ended(self, message: FetchEnded) -> None:
        """A background fetch saved articles: the library, if shown, is read again (shown
        later, it reads itself when it comes back)."""
        from newsreader.tui.screens.library import LibraryScreen

        if isinstance(self.screen, LibraryScreen):
            self.screen.refresh_list()

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        """An article was chosen in the library."""
        self.open_article(message.article_id)

    def action_help(self) -> None:
        """Show the keys of the app, those of the current screen first, under its title."""
        from newsreader.tui.screens.help import HelpScreen, help_rows

        if isinstance(self.screen, HelpScreen):
            return
        title = self.screen.title or "Library"
        self.push_screen(HelpScreen(title, help_rows(self.screen, title, self.config.keys)))

    def action_import(self) -> None:
        """Ask for a file or URL and import it with progress (the library screen shows the
        new article when it is next shown: it reads the list again whenever it is)."""
        from newsreader.tui.screens.import_modal import ImportModal, report_summary

        def done(report: ImportReport | None) -> None:
            if report is not None:
                self.notify(report_summary(report), markup=False,
                            severity="error" if report.failures else "information")

        self.push_screen(ImportModal(self.library), done)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's verbs: import and open as well as Textual's own (theme, quit...)."""
        yield SystemCommand("Import a file or URL", "Add an article to the library",
                            self.action_import)
        yield from super().get_system_commands(screen)

    async def action_quit(self) -> None:
        """Quit, remembering the reading position of an open article."""
        for screen in self.screen_stack:
            if isinstance(screen, KeepsPosition):
                screen.save_position()
        self.exit(0)
