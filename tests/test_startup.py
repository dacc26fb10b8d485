"""Garbage collection is paused for start-up and resumed once it is over."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader import cli
from newsreader.startup import pause_collection, resume_collection


@pytest.fixture
def paused() -> Iterator[None]:
    """Collection paused as the ``newsreader`` command starts; always restored after."""
    pause_collection()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def test_resuming_freezes_what_start_up_made_and_collects_again(paused: None) -> None:
    assert not gc.isenabled()
    before = gc.get_freeze_count()
    resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() > before


def test_resuming_when_not_paused_changes_nothing() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_a_plain_cli_command_resumes_collection(paused: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.main, ["--db", str(tmp_path / "l.db"), "locate"])
    assert result.exit_code == 0 and gc.isenabled()


def test_help_on_open_leaves_it_to_the_tui(paused: None) -> None:
    # `open` (and no command at all) start the TUI, which resumes after its first frame.
    result = CliRunner().invoke(cli.main, ["open", "--help"])
    assert result.exit_code == 0 and not gc.isenabled()


def test_the_tui_runs_with_a_short_thread_switch_interval(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual's writer thread needs the GIL to put each frame on the terminal; with the
    # default 5 ms interval a frame can wait that long while the app is busy.
    from newsreader.tui import launch
    from newsreader.tui.app import NewsreaderApp

    seen: list[float] = []
    monkeypatch.setattr(NewsreaderApp, "run", lambda self: seen.append(sys.getswitchinterval()))
    default = sys.getswitchinterval()
    try:
        assert launch.launch(tmp_path / "l.db") == 0
    finally:
        sys.setswitchinterval(default)
    assert seen and seen[0] <= 0.001 < default
