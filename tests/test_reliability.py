"""Durability, concurrency and damaged libraries: nothing committed is lost, errors are clear."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.ingest.importing import import_sources
from newsreader.storage import Library, LibraryError, open_library

from .conftest import SEED_DIR

SEED = str(SEED_DIR / "islamabad-warns-afghan-taliban.txt")

# Each snippet runs in a child process with `lib` open and article 1 imported, then the child
# kills itself with SIGKILL straight after the write returns.
WRITES = {
    "highlight": "lib.annotations.add_highlight(1, 10, 40)",
    "note": "lib.annotations.add_article_note(1, 'kept')",
    "tag": "lib.tags.update(1, add=['kept'])",
    "import": "import_sources(lib, [sys.argv[2]])",
}
CHECKS: dict[str, Callable[[Library], bool]] = {
    "highlight": lambda lib: len(lib.annotations.highlights(1)) == 1,
    "note": lambda lib: [n.body for n in lib.annotations.article_notes(1)] == ["kept"],
    "tag": lambda lib: lib.tags.of(1) == ["kept"],
    "import": lambda lib: lib.articles.count() == 2,
}


@pytest.mark.parametrize("kind", sorted(WRITES))
def test_sigkill_right_after_a_write_loses_nothing(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
    second = tmp_path / "second.txt"
    second.write_text("Second story\n\nIts standfirst\n\nIts body, in one paragraph.")
    script = textwrap.dedent(f"""
        import os, signal, sys
        from newsreader.storage import Library
        from newsreader.ingest.importing import import_sources
        lib = Library(sys.argv[1])
        {WRITES[kind]}
        print("committed", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script, str(db), str(second)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "committed" in result.stdout
    with Library(db) as library:
        assert CHECKS[kind](library)
        assert library.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
    script = textwrap.dedent("""
        import sys
        from newsreader.storage import Library
        lib = Library(sys.argv[1])
        worker = int(sys.argv[2])
        for n in range(40):
            start = worker * 1000 + n * 10
            lib.annotations.add_highlight(1, start, start + 5, note=f"w{worker}-{n}")
            lib.tags.update(1, add=[f"w{worker}-{n}"])
        print("done", flush=True)
    """)
    workers = [subprocess.Popen([sys.executable, "-c", script, str(db), str(w)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for w in (1, 2)]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert "locked" not in err and "done" in out
    with Library(db) as library:
        assert len(library.annotations.highlights(1)) == 80
        assert len(library.tags.of(1)) == 80
        assert library.articles.get(1).highlight_count == 80


def test_each_instance_sees_the_others_changes(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as one, Library(db) as two:
        import_sources(one, [SEED])
        assert two.articles.count() == 1
        two.tags.update(1, add=["seen"])
        assert one.tags.of(1) == ["seen"]


def test_truncated_library_gives_a_clear_error_and_is_not_touched(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    before = db.read_bytes()
    result = CliRunner().invoke(main, ["--db", str(db), "list"])
    assert result.exit_code == 1
    assert "damaged" in result.output and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_corrupt_page_is_reported_not_crashed(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
    data = bytearray(db.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page but the header
        data[offset + 100 : offset + 400] = os.urandom(300)
    db.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["--db", str(db), "show", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.output.startswith("Error: ")


def test_read_only_library_reads_but_refuses_writes_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
    real_connect = sqlite3.connect

    def read_only_connect(path: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if kwargs.get("uri"):  # already read-only: the look that tells a library from others
            return cast(sqlite3.Connection, real_connect(path, *args, **kwargs))
        # root ignores file permissions, so the file is opened read-only the way SQLite
        # opens a file it may not write.
        kwargs["uri"] = True
        return cast(sqlite3.Connection, real_connect(f"file:{path}?mode=ro", *args, **kwargs))

    monkeypatch.setattr("newsreader.storage.connection.sqlite3.connect", read_only_connect)
    with open_library(db) as library:
        assert library.articles.count() == 1
        with pytest.raises(LibraryError, match="read-only"):
            library.tags.update(1, add=["x"])
    result = CliRunner().invoke(main, ["--db", str(db), "tag", "1", "x"])
    assert result.exit_code == 1 and "read-only" in result.output


def test_full_disk_saves_nothing_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
        pages = library.db.conn.execute("PRAGMA page_count").fetchone()[0]
        # SQLite reports SQLITE_FULL exactly as a full disk once the file may not grow.
        library.db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = tmp_path / "big.txt"
        big.write_text("Big story\n\nStandfirst\n\n" + "\n\n".join(
            f"Paragraph {n} " + "words " * 200 for n in range(200)))
        result = import_sources(library, [str(big)]).results[0]
        assert result.status == "failed"
        assert "full" in (result.error or "")
        assert library.articles.count() == 1
        assert library.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_library_in_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(main, ["--db", str(blocker / "lib.db"), "list"])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_copy_of_a_library_opens_anywhere(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
    shutil.copy(db, tmp_path / "copy.db")
    with Library(tmp_path / "copy.db") as copy:
        assert copy.articles.count() == 1


def test_a_stored_text_that_is_not_utf8_is_an_error_not_a_crash(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        import_sources(library, [SEED])
        library.db.conn.execute("UPDATE articles SET title = CAST(x'ff96' AS TEXT)")
        library.db.conn.commit()
    result = CliRunner().invoke(main, ["--db", str(db), "list"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "damaged" in result.output
    assert "Traceback" not in result.output
