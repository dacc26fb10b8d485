"""A worker's connection (``Library.reopen``) beside the app's, while another newsreader
writes to the same library: the app's connection must keep its locks on the file, or the
other process resets the write-ahead log under it and the library reads as damaged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsreader.storage import open_library
from newsreader.storage.pending import PendingUrl

OTHER_NEWSREADER = """
import sys
from newsreader.storage import open_library
from newsreader.storage.pending import PendingUrl
with open_library(sys.argv[1]) as library:
    library.pending.add(PendingUrl(key="c", url="https://c.example/", origin="later"))
"""


def _later(key: str) -> PendingUrl:
    return PendingUrl(key=key, url=f"https://{key}.example/", origin="later")


def test_a_worker_connection_leaves_the_apps_locks_in_place(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with open_library(path) as library:
        library.pending.add(_later("a"))
        with library.reopen() as worker:
            worker.pending.add(_later("b"))
        subprocess.run([sys.executable, "-c", OTHER_NEWSREADER, str(path)], check=True)
        with library.reopen() as worker:
            worker.pending.add(_later("d"))
        assert [item.key for item in library.pending.all()] == ["a", "b", "c", "d"]
        assert library.integrity.check() == []
