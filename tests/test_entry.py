"""The console command: both TUI starts, its errors, shell completion, what a start loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader import cli
from newsreader.storage import LibraryError
from newsreader.tui import launch

NEWSREADER = Path(sys.executable).parent / "newsreader"
COMMAND_MODULES = sorted({where.partition(":")[0] for where in cli.COMMANDS.values()})

TUI_STARTS = [
    ([], None, None),
    (["open", "article.md"], None, "article.md"),
    (["open", "42"], None, "42"),
    (["--db", "lib.db"], "lib.db", None),
    (["--db=lib.db", "open", "https://example.org/a"], "lib.db", "https://example.org/a"),
    (["--db", "lib.db", "open", "article.md"], "lib.db", "article.md"),
]


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[Path, str | None]]:
    """Calls of the TUI's start (which does not run), in a folder with no library."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSREADER_DB", raising=False)
    calls: list[tuple[Path, str | None]] = []

    def fake_launch(db_path: Path, open_source: str | None = None, **_: object) -> int:
        calls.append((db_path, open_source))
        return 7

    monkeypatch.setattr(launch, "launch", fake_launch)
    return calls


@pytest.mark.parametrize(("args", "db", "source"), TUI_STARTS)
def test_both_forms_start_the_tui_the_same_way(
        args: list[str], db: str | None, source: str | None,
        launches: list[tuple[Path, str | None]]) -> None:
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 7, result.output
    [(db_path, open_source)] = launches
    assert open_source == source
    assert db_path.name == ("lib.db" if db else "library.db")


@pytest.mark.parametrize("args", [["--help"], ["open", "--help"], ["--version"], ["locate"]])
def test_help_and_other_commands_do_not_start_the_tui(
        args: list[str], launches: list[tuple[Path, str | None]]) -> None:
    assert CliRunner().invoke(cli.main, args).exit_code == 0
    assert launches == []


@pytest.mark.parametrize("args", [["--db", "l.db"], ["--db", "l.db", "open", "nowhere.md"]])
def test_a_library_error_is_one_line_and_status_1(
        args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def failing_launch(db_path: Path, open_source: str | None = None, **_: object) -> int:
        raise LibraryError("cannot open nowhere.md: no such file")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(launch, "launch", failing_launch)
    result = CliRunner().invoke(cli.main, args)
    assert (result.exit_code, result.stderr) == (1, "Error: cannot open nowhere.md: "
                                                    "no such file\n")


@pytest.mark.parametrize("args", [["--db", "l.db"], ["--db", "l.db", "open", "1"]])
def test_an_interrupt_before_the_app_runs_says_so_with_status_130(
        args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def interrupted_launch(db_path: Path, open_source: str | None = None, **_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(launch, "launch", interrupted_launch)
    result = CliRunner().invoke(cli.main, args)
    assert (result.exit_code, result.stderr) == (130, "Interrupted.\n")


@pytest.mark.parametrize(("args", "loaded"), [
    ([], []),
    (["open", "1"], ["newsreader.cli.reading"]),
])
def test_a_tui_start_loads_no_other_commands_module(
        args: list[str], loaded: list[str], tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "import newsreader.tui.launch as launch\n"
        "launch.launch = lambda db_path, open_source=None, **_: 0\n"
        "from newsreader.cli import main\n"
        f"main([ '--db', {str(tmp_path / 'l.db')!r}, *{args!r}], standalone_mode=False)\n"
        f"print(sorted(m for m in sys.modules if m in {COMMAND_MODULES!r}))\n"
    )
    assert _fresh_python(probe) == str(loaded)


def test_the_readers_start_up_path_loads_only_what_it_uses() -> None:
    # Each of these is a millisecond or more at every start; none is needed to show an article.
    probe = (
        "import sys\n"
        "import newsreader.tui.launch, newsreader.tui.app, newsreader.tui.screens.reader\n"
        "unused = ('click', 'newsreader.cli', 'newsreader.domain.anchoring',\n"
        "          'newsreader.domain.search_query', 'newsreader.ingest.importing',\n"
        "          'newsreader.ingest.cleaning', 'newsreader.exporting')\n"
        "print(sorted(m for m in sys.modules if m.startswith(unused)))\n"
    )
    assert _fresh_python(probe) == "[]"


@pytest.mark.parametrize(("shell", "marker"), [
    ("bash", "complete -o nosort -F _newsreader_completion newsreader"),
    ("zsh", "#compdef newsreader"),
    ("fish", "complete --no-files --command newsreader"),
])
def test_the_installed_command_prints_a_completion_script(shell: str, marker: str) -> None:
    # Sourced from a shell's start-up file: it must print and exit, never open the app.
    result = _run_installed({"_NEWSREADER_COMPLETE": f"{shell}_source"})
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout


def test_completion_offers_commands_and_file_names() -> None:
    commands = _run_installed({"_NEWSREADER_COMPLETE": "bash_complete",
                               "COMP_WORDS": "newsreader ar", "COMP_CWORD": "1"})
    assert commands.stdout.split() == ["plain,archive"]
    files = _run_installed({"_NEWSREADER_COMPLETE": "bash_complete",
                            "COMP_WORDS": "newsreader open sam", "COMP_CWORD": "2"})
    assert files.stdout.split() == ["file,sam"]  # bash lists the files itself


def _run_installed(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert NEWSREADER.exists(), "install the project (pip install -e .) first"
    return subprocess.run([str(NEWSREADER)], capture_output=True, text=True, timeout=20,
                          env={**os.environ, **env}, stdin=subprocess.DEVNULL)


def _fresh_python(code: str) -> str:
    """What ``code`` prints, run in a new interpreter (whose ``sys.modules`` starts empty)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_open_passes_the_highlight_to_start_at(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def fake_launch(db_path: Path, open_source: str | None = None, **options: object) -> int:
        seen.update(options, source=open_source)
        return 0

    monkeypatch.setattr(launch, "launch", fake_launch)
    result = CliRunner().invoke(cli.main, ["--db", str(tmp_path / "x.db"), "open",
                                           "--highlight", "hl-abcdef12", "abc123"])
    assert result.exit_code == 0, result.output
    assert seen["source"] == "abc123" and seen["open_highlight"] == "hl-abcdef12"
