"""ForkedCall: a function run in a child process, its value or exception handed back."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from newsreader.forked import ChildFailed, ForkedCall
from newsreader.storage import LibraryError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")


def test_the_value_comes_back_from_another_process() -> None:
    call = ForkedCall(lambda: (os.getpid(), [1, 2, 3]))
    pid, value = call.result()
    assert pid != os.getpid() and value == [1, 2, 3]


def test_an_exception_in_the_child_is_raised_in_the_parent() -> None:
    def fail() -> int:
        raise LibraryError("cannot open x.html: no article text was found in it")

    call = ForkedCall(fail)
    with pytest.raises(LibraryError, match="no article text"):
        call.result()


def test_an_exception_that_cannot_be_pickled_keeps_its_words() -> None:
    class Odd(Exception):
        def __reduce__(self) -> str | tuple[object, ...]:
            raise TypeError("not picklable")

    def fail() -> int:
        raise Odd("strange failure")

    with pytest.raises(RuntimeError, match="Odd: strange failure"):
        ForkedCall(fail).result()


def test_a_child_killed_before_answering_is_reported() -> None:
    def die() -> int:
        os.kill(os.getpid(), signal.SIGKILL)
        return 1

    with pytest.raises(ChildFailed):
        ForkedCall(die).result()


def test_without_a_process_to_spare_the_function_runs_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert ForkedCall(os.getpid).result() == os.getpid()
