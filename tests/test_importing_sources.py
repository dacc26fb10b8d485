"""Sources that are not plain readable files: FIFOs, devices, locked folders, vanishing files,
symlink loops, pages with nothing to read. Each fails with its reason; the others still land.

The tests run as root here, and root reads any file whatever its mode. So permission errors
are tested two ways: with the operating system's calls made to fail as they do for an
ordinary user (a fake ``os.stat``/``os.scandir`` that raises the same PermissionError for
one folder), and for real in a child process that has given up root's right to bypass file
modes (``setpriv`` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), or as the user it is.
"""

from __future__ import annotations

import contextlib
import errno
import inspect
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.ingest.importing import ImportReport, import_sources
from newsreader.storage import Library

STORY = "A headline for a test\n\nThe body of the story is here. It has sentences.\n"
OTHER = "Another headline\n\nA second body, with sentences of its own.\n"
UNBLOCK_AFTER_SECONDS = 2.0

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _write(path: Path, text: str = STORY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _by_name(report: ImportReport) -> dict[str, Any]:
    return {Path(result.source).name: result for result in report.results}


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A FIFO nobody writes to. If the code under test blocks on opening it, a writer opens
    and closes it after a bound, so the test fails instead of hanging."""
    path = tmp_path / "pipe.html"
    os.mkfifo(path)
    done = threading.Event()

    def unblock() -> None:
        if not done.wait(UNBLOCK_AFTER_SECONDS):
            with contextlib.suppress(OSError):  # no reader waiting: nothing to unblock
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Thread(target=unblock, daemon=True)
    watchdog.start()
    yield path
    done.set()
    watchdog.join()


# --- not regular files ---------------------------------------------------------------

@needs_fifo
def test_fifo_is_refused_without_waiting_and_the_others_land(
    library: Library, tmp_path: Path, fifo: Path
) -> None:
    good = _write(tmp_path / "good.txt")
    report = import_sources(library, [str(fifo), str(good)])
    results = _by_name(report)
    assert results["pipe.html"].status == "failed"
    assert results["pipe.html"].error == "not a regular file"
    assert results["good.txt"].status == "added"
    assert library.articles.count() == 1


@needs_fifo
def test_fifo_inside_a_folder_is_named(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    _write(folder / "good.txt")
    os.mkfifo(folder / "pipe.html")
    os.mkfifo(folder / "pipe.bin")
    report = import_sources(library, [str(folder)])
    results = _by_name(report)
    assert results["pipe.html"].error == "not a regular file"
    assert results["good.txt"].status == "added"
    assert [Path(path).name for path in report.skipped] == ["pipe.bin"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_device_files_are_refused_without_reading_them(
    library: Library, tmp_path: Path, device: str
) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    good = _write(tmp_path / "good.txt")
    results = import_sources(library, [device, str(good)]).results
    assert [(r.status, r.error) for r in results] == [
        ("failed", "not a regular file"), ("added", None)]


def test_symlink_loop_is_named(library: Library, tmp_path: Path) -> None:
    loop = tmp_path / "loop.html"
    loop.symlink_to(loop)
    folder = tmp_path / "folder"
    _write(folder / "good.txt")
    (folder / "round.html").symlink_to(folder / "round.html")
    (folder / "back").symlink_to(folder)  # a link to a folder above: not followed
    report = import_sources(library, [str(loop), str(folder)])
    results = _by_name(report)
    assert results["loop.html"].error == "a symbolic link loop"
    assert results["round.html"].error == "a symbolic link loop"
    assert results["good.txt"].status == "added"
    assert len(report.results) == 3


def test_folder_with_a_trailing_slash(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    _write(folder / "a.txt")
    _write(folder / "sub" / "b.txt", OTHER)
    report = import_sources(library, [f"{folder}/"])
    assert [r.status for r in report.results] == ["added", "added"]
    assert [r.source for r in report.results] == [
        str(folder / "a.txt"), str(folder / "sub" / "b.txt")]


def test_folders_nested_deeper_than_the_recursion_limit(
    library: Library, tmp_path: Path
) -> None:
    limit = sys.getrecursionlimit()
    depth = 400  # deeper than the lowered limit below: fewer folders keep the test quick
    folders = [tmp_path / "deep"]
    for _ in range(depth):
        folders.append(folders[-1] / "a")
    for folder in folders:
        folder.mkdir()
    story = _write(folders[-1] / "story.txt")
    sys.setrecursionlimit(len(inspect.stack()) + 300)
    try:
        results = import_sources(library, [str(folders[0])]).results
    finally:
        sys.setrecursionlimit(limit)
        story.unlink()
        for folder in reversed(folders):  # a recursive clean-up would hit the limit too
            folder.rmdir()
    assert [(r.source, r.status) for r in results] == [(str(story), "added")]


def test_file_that_disappears_between_listing_and_reading(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    _write(folder / "a.txt")
    doomed = _write(folder / "b.txt", OTHER)
    _write(folder / "c.txt", "Third headline\n\nA third body, with sentences too.\n")

    def delete_b(done: int, total: int, source: str) -> None:
        if source.endswith("a.txt"):
            doomed.unlink()

    report = import_sources(library, [str(folder)], progress=delete_b)
    results = _by_name(report)
    assert (results["b.txt"].status, results["b.txt"].error) == ("failed", "no such file")
    assert results["a.txt"].status == results["c.txt"].status == "added"


def test_names_the_system_cannot_look_up(library: Library, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt")
    long_name = "a" * 5000 + ".html"
    results = import_sources(library, [long_name, "~no-such-user-here/x.html", "a\0b.html",
                                       str(good)]).results
    assert [(r.status, r.error) for r in results] == [
        ("failed", "the name is too long"),
        ("failed", "no such file"),
        ("failed", "not a valid file name"),
        ("added", None),
    ]


def test_file_name_that_is_not_utf8(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"caf\xe9.txt")).write_text(STORY, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    results = import_sources(library, [str(folder)]).results
    assert [(r.status, r.error) for r in results] == [("added", None)]
    assert results[0].source == str(folder / "caf\ufffd.txt")


class _CafeHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        found = self.path == "/caf%C3%A9?q=%C3%BC"
        body = STORY.encode() if found else b"not here"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def cafe_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _CafeHandler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join()


def test_urls_with_letters_beyond_ascii(library: Library, cafe_server: str) -> None:
    results = import_sources(library, [f"{cafe_server}/café?q=ü", f"{cafe_server}/\ud956",
                                       "http://[::1/x", "http://127.0.0.1:99999/"]).results
    assert [(r.status, r.error) for r in results] == [
        ("added", None),
        ("failed", "not a valid URL"),
        ("failed", "not a valid URL"),
        ("failed", "not a valid URL"),
    ]


# --- permissions, with the system calls failing as they do for an ordinary user ---------

def _deny(monkeypatch: pytest.MonkeyPatch, name: str, locked: Path) -> None:
    """Make os.<name> raise PermissionError for ``locked`` and anything under it."""
    real = getattr(os, name)

    def fake(path: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, (str, os.PathLike)) and (
            Path(os.fspath(path)) == locked or locked in Path(os.fspath(path)).parents
        ):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


def test_file_inside_a_folder_that_cannot_be_entered(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    inside = _write(locked / "story.txt")
    good = _write(tmp_path / "good.txt")
    _deny(monkeypatch, "stat", locked)  # searching a folder without x permission: EACCES
    results = import_sources(library, [str(inside), str(good)]).results
    assert [(r.status, r.error) for r in results] == [
        ("failed", "permission denied"), ("added", None)]


def test_folder_that_cannot_be_listed_is_named(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "folder"
    _write(folder / "good.txt")
    _write(folder / "locked" / "hidden-away.txt", OTHER)
    _deny(monkeypatch, "scandir", folder / "locked")  # listing a folder without r: EACCES
    results = _by_name(import_sources(library, [str(folder)]))
    assert (results["locked"].status, results["locked"].error) == ("failed", "permission denied")
    assert results["good.txt"].status == "added"
    assert "hidden-away.txt" not in results


def test_file_that_cannot_be_opened(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _write(tmp_path / "locked.txt")
    good = _write(tmp_path / "good.txt")
    _deny(monkeypatch, "open", locked)  # a file without r permission: EACCES on open
    results = import_sources(library, [str(locked), str(good)]).results
    assert [(r.status, r.error) for r in results] == [
        ("failed", "permission denied"), ("added", None)]


# --- pages with nothing to read -------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("script.html", "<html><body><script>x</script></body></html>"),
    ("blank.html", "<html><body><p>  </p><div>&nbsp;</div>\n\n</body></html>"),
    ("titled.html", "<html><head><title>An app</title></head>"
                    "<body><div id=root></div><script>start()</script></body></html>"),
    ("markup.md", "---\n\n***\n\n![](picture.png)\n"),
    ("invisible.txt", "\u200b\u200b\u2060\n"),
])
def test_page_with_no_readable_text_is_refused(
    library: Library, tmp_path: Path, name: str, content: str
) -> None:
    empty = _write(tmp_path / name, content)
    good = _write(tmp_path / "good.txt")
    results = import_sources(library, [str(empty), str(good)]).results
    assert [(r.status, r.error) for r in results] == [
        ("failed", "no readable text"), ("added", None)]
    assert library.articles.count() == 1


@pytest.mark.parametrize("name, content", [
    ("one-line.txt", "Just a headline\n"),
    ("one-paragraph.md", "A single paragraph of notes, written in Markdown by hand.\n"),
    ("one-paragraph.html", "<html><body><p>Just one line.</p></body></html>"),
])
def test_short_sources_with_words_still_import(
    library: Library, tmp_path: Path, name: str, content: str
) -> None:
    path = _write(tmp_path / name, content)
    assert [r.status for r in import_sources(library, [str(path)]).results] == ["added"]


# --- through the command line -----------------------------------------------------------

@needs_fifo
def test_add_names_each_bad_source_and_keeps_the_good_ones(tmp_path: Path, fifo: Path) -> None:
    good = _write(tmp_path / "good.txt")
    empty = _write(tmp_path / "empty.html", "<html><body><script>x</script></body></html>")
    loop = tmp_path / "loop.html"
    loop.symlink_to(loop)
    db = str(tmp_path / "lib.db")
    result = CliRunner().invoke(main, ["--db", db, "add", str(fifo), str(empty), str(loop),
                                       str(good)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.splitlines()
    assert f"failed: {fifo}: not a regular file" in lines
    assert f"failed: {empty}: no readable text" in lines
    assert f"failed: {loop}: a symbolic link loop" in lines
    assert any(line.startswith("added") and line.endswith("A headline for a test")
               for line in lines)
    assert "Traceback" not in result.output
    listed = CliRunner().invoke(main, ["--db", db, "list", "--json"])
    assert [a["title"] for a in json.loads(listed.output)] == [
        "A headline for a test"]


def _without_root_privilege() -> list[str] | None:
    """A command prefix under which file modes apply, or None if there is none."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else None


def test_add_with_real_permissions(tmp_path: Path) -> None:
    prefix = _without_root_privilege()
    if prefix is None:
        pytest.skip("cannot run without root's right to read everything")
    good = _write(tmp_path / "good.txt")
    locked = tmp_path / "locked"
    inside = _write(locked / "inside.txt", OTHER)
    unreadable = _write(tmp_path / "unreadable.txt", OTHER)
    folder = tmp_path / "folder"
    _write(folder / "fine.txt", "Folder headline\n\nA folder body, with sentences.\n")
    closed = _write(folder / "closed" / "deep.txt", OTHER).parent
    shut = _write(tmp_path / "shut" / "story.txt", OTHER).parent
    locked.chmod(0o600)  # readable, but cannot be entered
    unreadable.chmod(0o000)
    closed.chmod(0o000)
    shut.chmod(0o000)
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "newsreader", "--db", str(tmp_path / "lib.db"),
             "add", str(inside), str(unreadable), str(folder), str(shut), str(good)],
            capture_output=True, text=True, timeout=20, check=False)
    finally:
        for path in (locked, closed, shut):
            path.chmod(0o700)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = done.stderr.splitlines()
    assert f"failed: {inside}: permission denied" in errors
    assert f"failed: {unreadable}: permission denied" in errors
    assert f"failed: {closed}: permission denied" in errors
    assert f"failed: {shut}: permission denied" in errors
    assert len([line for line in done.stdout.splitlines() if line.startswith("added")]) == 2
