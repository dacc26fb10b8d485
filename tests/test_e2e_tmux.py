"""End to end: the installed `newsreader` in a real terminal (tmux), opening the seed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "islamabad-warns-afghan-taliban.txt"
NEWSREADER = Path(sys.executable).parent / "newsreader"
LAST_WORDS = "killed in retaliatory fire"  # the end of the seed's body

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def wait_for(session: str, needle: str, timeout: float = 20.0) -> str:
    """Capture the pane until ``needle`` shows (or fail with what was seen)."""
    return wait_until(session, lambda screen: needle in screen, f"{needle!r} never appeared",
                      timeout)


def wait_for_change(session: str, before: str) -> str:
    """Capture the pane until it shows something other than ``before``."""
    return wait_until(session, lambda screen: screen != before, "the screen did not change")


def wait_until(session: str, condition: Callable[[str], bool], failure: str,
               timeout: float = 20.0) -> str:
    """Capture the pane until ``condition`` holds for it (or fail with what was seen)."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if condition(screen):
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{failure}; last screen:\n{screen}")


def test_open_the_seed_in_a_real_terminal(tmp_path: Path) -> None:
    assert NEWSREADER.exists(), "install the project (pip install -e .) first"
    session = f"nr-{uuid.uuid4().hex[:8]}"
    status_file = tmp_path / "status"
    # COLUMNS/LINES from the test run would fix the app's size at 80x24: drop them.
    command = (f"unset COLUMNS LINES; '{NEWSREADER}' --db '{tmp_path / 'library.db'}' "
               f"open '{SEED}'; echo EXIT=$? > '{status_file}'")
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        screen = wait_for(session, "Links (3)")
        assert "Reuters" in screen  # the caption panel, with the credit
        for teaser in ("25 terrorists killed", "Pakistan presents", "US sees opportunity"):
            assert teaser in screen
        assert "Islamabad warns Afghan Taliban" in screen
        pages = 0
        while LAST_WORDS not in screen:  # page through the whole body: never a comment form
            tmux("send-keys", "-t", session, "space")
            screen = wait_for_change(session, screen)
            assert "Leave a Comment" not in screen
            pages += 1
            assert pages < 20, "the end of the article never came"
        tmux("send-keys", "-t", session, "q")
        wait_for(session, "1 article")
        tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 15
        while not status_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status_file.read_text().strip() == "EXIT=0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
