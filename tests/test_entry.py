"""The console command starts the TUI without the CLI's modules, exactly as the CLI would."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader import cli, entry
from newsreader.storage import LibraryError
from newsreader.tui import launch

TUI_STARTS = [
    ([], None, None),
    (["open", "article.md"], None, "article.md"),
    (["open", "42"], None, "42"),
    (["--db", "lib.db"], "lib.db", None),
    (["--db=lib.db", "open", "https://example.org/a"], "lib.db", "https://example.org/a"),
    (["--db", "lib.db", "open", "article.md"], "lib.db", "article.md"),
]
NOT_TUI_STARTS = [
    ["--help"], ["-h"], ["--version"], ["open"], ["open", "--help"], ["open", "-x"],
    ["open", "a.md", "b.md"], ["open", ""], ["list"], ["add", "a.md"], ["--db"],
    ["--db", "--help"], ["--db="], ["--db", "lib.db", "list"], ["opne", "a.md"],
    ["open", "a.md", "--db", "lib.db"],
]


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    """``entry.run`` pauses garbage collection, as the command does; resumed after."""
    yield
    gc.enable()


@pytest.mark.parametrize(("args", "db", "source"), TUI_STARTS)
def test_tui_starts_are_recognised(args: list[str], db: str | None, source: str | None) -> None:
    assert entry.tui_start(args) == (db, source)


@pytest.mark.parametrize("args", NOT_TUI_STARTS)
def test_everything_else_is_left_to_the_cli(args: list[str]) -> None:
    assert entry.tui_start(args) is None


@pytest.mark.parametrize(("args", "db", "source"), TUI_STARTS)
def test_the_fast_start_launches_what_the_cli_launches(
        args: list[str], db: str | None, source: str | None,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSREADER_DB", raising=False)
    calls: list[tuple[Path, str | None]] = []

    def fake_launch(db_path: Path, open_source: str | None = None) -> int:
        calls.append((db_path, open_source))
        return 7

    monkeypatch.setattr(launch, "launch", fake_launch)
    result = CliRunner().invoke(cli.main, args)
    monkeypatch.setattr(sys, "argv", ["newsreader", *args])
    with pytest.raises(SystemExit) as fast:
        entry.run()
    assert result.exit_code == fast.value.code == 7
    assert len(calls) == 2 and calls[0] == calls[1] and calls[0][1] == source
    assert calls[0][0].name == ("lib.db" if db else "library.db")


def test_a_library_error_is_one_line_and_status_1_as_under_the_cli(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    def failing_launch(db_path: Path, open_source: str | None = None) -> int:
        raise LibraryError("cannot open nowhere.md: no such file")

    monkeypatch.setattr(launch, "launch", failing_launch)
    monkeypatch.setattr(sys, "argv", ["newsreader", "--db", str(tmp_path / "l.db"),
                                      "open", "nowhere.md"])
    with pytest.raises(SystemExit) as exited:
        entry.run()
    assert exited.value.code == 1
    assert capsys.readouterr().err == "Error: cannot open nowhere.md: no such file\n"
    under_cli = CliRunner().invoke(cli.main, sys.argv[1:])
    assert (under_cli.exit_code, under_cli.stderr) == (1, "Error: cannot open nowhere.md: "
                                                          "no such file\n")


def test_an_interrupt_before_the_app_runs_says_so_with_status_130_as_under_the_cli(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    def interrupted_launch(db_path: Path, open_source: str | None = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(launch, "launch", interrupted_launch)
    monkeypatch.setattr(sys, "argv", ["newsreader", "--db", str(tmp_path / "l.db")])
    with pytest.raises(SystemExit) as exited:
        entry.run()
    assert exited.value.code == 130
    assert capsys.readouterr().err == "Interrupted.\n"
    under_cli = CliRunner().invoke(cli.main, sys.argv[1:])
    assert (under_cli.exit_code, under_cli.stderr) == (130, "Interrupted.\n")


def test_starting_the_tui_does_not_load_the_cli(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "import newsreader.tui.launch as launch\n"
        "launch.launch = lambda db_path, open_source=None: 0\n"
        "from newsreader import entry\n"
        f"sys.argv = ['newsreader', '--db', {str(tmp_path / 'l.db')!r}, 'open', '1']\n"
        "try:\n"
        "    entry.run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m == 'click' or m.startswith('newsreader.cli')))\n"
    )
    assert _fresh_python(probe) == "[]"


def test_the_readers_start_up_path_loads_only_what_it_uses() -> None:
    # Each of these is a millisecond or more at every start; none is needed to show an article.
    probe = (
        "import sys\n"
        "import newsreader.entry, newsreader.tui.launch, newsreader.tui.app\n"
        "import newsreader.tui.screens.reader\n"
        "unused = ('click', 'newsreader.cli', 'newsreader.domain.anchoring', 'newsreader.domain.search_query',\n"
        "          'newsreader.ingest.importing', 'newsreader.ingest.cleaning', 'newsreader.exporting')\n"
        "print(sorted(m for m in sys.modules if m.startswith(unused)))\n"
    )
    assert _fresh_python(probe) == "[]"


def _fresh_python(code: str) -> str:
    """What ``code`` prints, run in a new interpreter (whose ``sys.modules`` starts empty)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()
