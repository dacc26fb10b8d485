"""Preparing many sources at once, in worker processes, handed back in the order given.

Cleaning is the slow part of an import and needs no library, so a folder's pages are
read and cleaned by a pool of processes while the importing process writes each article
as it comes back (``ingest/importing.py``), one transaction each, in the order of the
sources: ids, progress and the report come out as they would from one process. Workers are
started from a fresh interpreter (``forkserver``, or ``spawn`` where there is none), never
forked from the importing process, which may hold threads and an open database.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

from newsreader.ingest.preparing import Prepared, failure_message, prepare

# Loaded once by the fork server, so that each worker starts with the cleaner ready.
_PRELOAD = ["newsreader.ingest.preparing", "newsreader.ingest.cleaning.html", "trafilatura"]
# Sources handed to the pool ahead of the one being saved, per worker: enough to keep every
# worker busy, few enough that cleaned pages waiting to be saved take little memory.
_AHEAD_PER_WORKER = 4
_CRASHED = "the cleaner stopped without an answer on it (it may have run out of memory)"


Task = Callable[[str], Prepared]


def prepared_in_order(sources: Sequence[str], workers: int, *,
                      task: Task = prepare) -> Generator[Prepared, None, None]:
    """Each source read and cleaned (``task``, a module-level function) by a pool of
    ``workers`` processes, yielded in the order of ``sources``. A source whose worker dies
    is retried alone once, then reported as failed; the others carry on in a new pool.
    Where no worker ever answers (processes cannot be started here, for instance), this
    process prepares the sources itself."""
    remaining = deque(sources)
    answered = False
    while remaining:
        waiting = len(remaining)
        broken = yield from _through_pool(remaining, min(workers, len(remaining)), task)
        answered = answered or len(remaining) < waiting
        if not broken:
            continue
        retried = _alone(remaining[0], task)
        if retried is None and not answered:
            yield from (task(source) for source in remaining)
            return
        source = remaining.popleft()
        answered = answered or retried is not None
        yield retried or Prepared(source, error=_CRASHED)


def _through_pool(remaining: deque[str], workers: int,
                  task: Task) -> Generator[Prepared, None, bool]:
    """Prepare and yield sources from the front of ``remaining``, removing each as it is
    yielded; returns True if the pool broke, with the source it broke on still first."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        pending: deque[Future[Prepared]] = deque()
        try:
            while remaining:
                while len(pending) < min(len(remaining), workers * _AHEAD_PER_WORKER):
                    pending.append(pool.submit(task, remaining[len(pending)]))
                yield _result(pending.popleft(), remaining[0])
                remaining.popleft()
        except (BrokenProcessPool, OSError):  # a worker died, or none could be started
            return True
        finally:
            for future in pending:
                future.cancel()
    return False


def _alone(source: str, task: Task) -> Prepared | None:
    """One source prepared in a pool of its own (after a pool broke while it was in it);
    None if that pool breaks too."""
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
            return _result(pool.submit(task, source), source)
    except (BrokenProcessPool, OSError):
        return None


def _result(future: Future[Prepared], source: str) -> Prepared:
    """The future's Prepared; a broken pool is raised on, anything else described."""
    try:
        return future.result()
    except (BrokenProcessPool, OSError):
        raise
    except Exception as error:  # a result that could not be sent back, for instance
        return Prepared(source, error=failure_message(error))


def _context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")
