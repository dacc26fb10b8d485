"""Run a function in a forked child process while the caller does other work.

``newsreader open FILE`` must import and clean FILE and also start the TUI; each costs
about as much as the other, and both are CPU-bound, so a thread would not overlap them.
Forking before the TUI is imported lets the cleaning run on another core meanwhile.
Where ``fork`` does not exist (Windows) the function simply runs when its result is asked
for.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ChildFailed(RuntimeError):
    """The child process ended without sending back a result (killed, or crashed)."""

    def __init__(self, status: int) -> None:
        how = (f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
               else f"exit status {os.waitstatus_to_exitcode(status)}")
        super().__init__(f"the child process ended without a result ({how})")


class ForkedCall(Generic[T]):
    """``function()`` running in a child process; :meth:`result` waits for what it returned.

    An exception raised by the function is raised again by :meth:`result`. The child shares
    nothing with the parent after the fork: it must open its own files and connections,
    and the parent should not hold an SQLite connection open across the fork.
    """

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._pid = 0
        self._pipe = -1
        if sys.platform != "win32":
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the function runs when its result is asked for
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: run, send the outcome, and leave without cleanup
            os.close(read_end)
            status = 0
            try:
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(_outcome(self._function))
            except BaseException:
                status = 1
            # _exit: the parent's atexit handlers and buffered output are not ours to run.
            os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> T:
        """Wait for the child and return the function's value (or raise its exception)."""
        if self._pipe < 0:
            return self._function()
        with os.fdopen(self._pipe, "rb") as pipe:
            data = pipe.read()
        self._pipe = -1
        _, status = os.waitpid(self._pid, 0)
        if not data:
            raise ChildFailed(status)
        kind, value = pickle.loads(data)
        if kind == "raised":
            raise value
        return value  # type: ignore[no-any-return]


def _outcome(function: Callable[[], object]) -> bytes:
    """The pickled value or exception of ``function()``."""
    try:
        return pickle.dumps(("returned", function()))
    except Exception as error:  # sent to the parent, which raises it
        try:
            return pickle.dumps(("raised", error))
        except Exception:  # an exception that cannot be pickled: keep its words
            return pickle.dumps(("raised", RuntimeError(f"{type(error).__name__}: {error}")))
