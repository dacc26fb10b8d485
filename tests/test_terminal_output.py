"""Hostile text never reaches the terminal: every command's output, JSON, errors, storage.

Each hostile string goes through every command that prints untrusted text (titles, notes,
tags, file names, error messages); nothing may reach stdout or stderr that a terminal
would obey: no ESC, no other control but tab and newline, no C1 control, no bidi override
or isolate. The commands run with colour on, as on a terminal (click would otherwise strip
some colour codes itself, and hide the problem).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsreader.cli import main
from newsreader.cli.output import escape_json, json_text
from newsreader.domain.models import Article, Block
from newsreader.storage import Library, LibraryError, Original

HOSTILE = {
    "osc52-clipboard": "\x1b]52;c;aGVsbG8=\x07",
    "screen-clear": "\x1b[2J\x1b[H",
    "colour": "\x1b[31mred\x1b[0m",
    "c1-csi": "\x9b31m",
    "dcs": "\x1bPq#0\x1b\\",
    "right-to-left-override": "\u202eevil\u202c",
    "isolate-and-carriage-return": "\u2067x\u2069\rover",
}
# What a terminal obeys: C0 controls but tab and newline, DEL, C1, bidi overrides/isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BOLD = ("\x1b[1m", "\x1b[0m")  # the only escapes newsreader writes itself (search matches)
MARK = "Zebra"


def run(args: list[str], *, input: str | None = None) -> Result:
    """Run newsreader as on a terminal (colour on)."""
    return CliRunner().invoke(main, args, color=True, input=input)


def assert_safe(result: Result, *, own_bold: bool = False) -> None:
    """Nothing in the output that a terminal would obey, and no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    for name, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes)):
        text = data.decode("utf-8")  # undecodable bytes (a raw 0x9b) fail here
        if own_bold:
            for escape in BOLD:
                text = text.replace(escape, "")
        found = UNSAFE.findall(text)
        assert not found, f"{name} holds {found!r}: {text!r}"


def _doctor(value: Any, hostile: str) -> Any:
    """A backup record with every MARK followed by ``hostile`` (in nested JSON too)."""
    if isinstance(value, dict):
        return {key: _doctor(item, hostile) for key, item in value.items()}
    if isinstance(value, list):
        return [_doctor(item, hostile) for item in value]
    if isinstance(value, str) and value.startswith("{"):
        return json.dumps(_doctor(json.loads(value), hostile), ensure_ascii=False)
    if isinstance(value, str):
        return value.replace(MARK, MARK + hostile)
    return value


@pytest.fixture(scope="module", params=list(HOSTILE.values()), ids=list(HOSTILE))
def hostile(request: pytest.FixtureRequest) -> str:
    """One hostile string."""
    return str(request.param)


@pytest.fixture(scope="module")
def restored(hostile: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A library restored from a backup whose title, source, body, notes and tag are hostile.

    Returns the library's path. A backup is the way such text gets past the sanitiser at
    import (it holds what a library held; an old library is another way).
    """
    folder = tmp_path_factory.mktemp("restored")
    page = folder / f"{MARK}-page.txt"
    page.write_text(f"{MARK} kites over the bay\n\nKites flew over the bay all afternoon, "
                    "and nobody minded the wind at all.\n", encoding="utf-8")
    plain = str(folder / "plain.db")
    for args in (["add", str(page)], ["note", "1", f"{MARK} note"], ["tag", "1", MARK],
                 ["highlight", "1", "--quote", "Kites flew", "--note", f"{MARK} on a quote"]):
        assert run(["--db", plain, *args]).exit_code == 0
    backup = run(["--db", plain, "export", "--format", "json", "--out", "-"]).stdout
    records = [_doctor(json.loads(line), hostile) for line in backup.splitlines()]
    for record in records:
        for revision in record.get("revisions", []):
            # Into the body's last block (which `show --markdown` renders), keeping the
            # blocks the structure derives from the text.
            revision["text"] += f" {MARK}{hostile.replace(chr(10), ' ')}"
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    doctored = folder / "doctored.jsonl"
    doctored.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(folder / "hostile.db")
    result = run(["--db", db, "restore", str(doctored)])
    assert result.exit_code == 0, result.output
    assert_safe(result)
    return db


READING_COMMANDS = {
    "list": ["list"],
    "list-json": ["list", "--json"],
    "show": ["show", "1"],
    "show-json": ["show", "1", "--json"],
    "show-markdown": ["show", "1", "--markdown"],
    "notes": ["notes"],
    "notes-json": ["notes", "--json"],
    "search": ["search", "--in", "all", "kites"],
    "search-json": ["search", "--in", "all", "kites", "--json"],
    "tag": ["tag", "1", "extra"],
    "export-markdown": ["export", "--out", "-"],
    "export-w3c": ["export", "--format", "w3c", "--out", "-"],
    "export-json": ["export", "--format", "json", "--out", "-"],
}


@pytest.mark.parametrize("args", list(READING_COMMANDS.values()), ids=list(READING_COMMANDS))
def test_restored_hostile_text_is_printed_harmlessly(restored: str, args: list[str]) -> None:
    result = run(["--db", restored, *args])
    assert result.exit_code == 0, result.output
    assert MARK in result.stdout
    assert_safe(result, own_bold=args[0] == "search")


def test_plain_output_shows_a_stand_in_for_what_it_replaced(restored: str, hostile: str) -> None:
    shown = run(["--db", restored, "list"]).stdout
    assert MARK + hostile not in shown
    assert "\u241b" in shown or "\ufffd" in shown  # ␛ or the replacement character


def test_json_output_keeps_the_data_exactly(restored: str, hostile: str) -> None:
    listed = json.loads(run(["--db", restored, "list", "--json"]).stdout)
    assert listed[0]["title"].startswith(MARK + hostile)


def test_add_with_a_hostile_file_name(hostile: str, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    page = tmp_path / f"page{hostile}.txt"
    page.write_text("Kites\n\nKites flew over the bay all afternoon, and nobody minded.\n",
                    encoding="utf-8")
    empty = tmp_path / f"empty{hostile}.txt"
    empty.write_bytes(b"")
    missing = tmp_path / f"missing{hostile}.txt"
    result = run(["--db", db, "add", str(page), str(empty), str(missing)])
    assert result.exit_code == 1
    assert "empty" in result.stderr and "missing" in result.stderr
    assert_safe(result)
    as_json = run(["--db", db, "add", "--json", str(page), str(empty)])
    assert_safe(as_json)
    assert json.loads(as_json.stdout)["results"][0]["source"] == str(page)
    shown = run(["--db", db, "show", "1"])
    assert "Source: " in shown.stdout
    assert_safe(shown)
    assert_safe(run(["--db", db, "list", "--json"]))


def test_notes_and_tags_typed_in(hostile: str, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    page = tmp_path / "page.txt"
    page.write_text("Kites\n\nKites flew over the bay all afternoon.\n", encoding="utf-8")
    assert run(["--db", db, "add", str(page)]).exit_code == 0
    for args in (["note", "1", f"typed {hostile} note"], ["tag", "1", f"tag{hostile}"],
                 ["highlight", "1", "--quote", "Kites", "--note", f"on {hostile} kites"],
                 ["notes"], ["notes", "--json"], ["search", "--in", "all", "typed"]):
        result = run(["--db", db, *args])
        assert result.exit_code == 0, result.output
        assert_safe(result, own_bold=args[0] == "search")


def test_restore_names_a_hostile_library_path_harmlessly(restored: str, hostile: str,
                                                          tmp_path: Path) -> None:
    backup = tmp_path / "backup.jsonl"
    backup.write_text(run(["--db", restored, "export", "--format", "json", "--out", "-"]).stdout,
                      encoding="utf-8")
    result = run(["--db", str(tmp_path / f"lib{hostile}.db"), "restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert_safe(result)
    assert_safe(run(["--db", str(tmp_path / f"lib{hostile}.db"), "locate"]))


ERRORS = {
    "restore-missing-file": lambda d, h: ["--db", f"{d}/lib.db", "restore", f"{d}/gone{h}.jsonl"],
    "export-under-a-file": lambda d, h: ["--db", f"{d}/lib.db", "export", "--format", "json",
                                         "--out", f"{d}/afile{h}/x.jsonl"],
    "not-a-library": lambda d, h: ["--db", f"{d}/afile{h}", "list"],
    "not-a-number": lambda d, h: ["--db", f"{d}/lib.db", "show", f"1{h}"],
    "no-such-command": lambda d, h: ["--db", f"{d}/lib.db", f"list{h}"],
    "no-such-option": lambda d, h: ["--db", f"{d}/lib.db", "list", f"--sort{h}"],
    "bad-choice": lambda d, h: ["--db", f"{d}/lib.db", "list", "--sort", f"x{h}"],
    "bad-query": lambda d, h: ["--db", f"{d}/lib.db", "search", f'"{h}'],
    "bad-tag": lambda d, h: ["--db", f"{d}/lib.db", "tag", "1", f"-{h}"],
}


@pytest.mark.parametrize("make_args", list(ERRORS.values()), ids=list(ERRORS))
def test_error_messages_are_one_harmless_line(hostile: str, tmp_path: Path,
                                              make_args: object) -> None:
    (tmp_path / f"afile{hostile}").write_text("a file, not a folder or a library\n" * 100,
                                              encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("Kites\n\nKites flew over the bay all afternoon.\n", encoding="utf-8")
    assert run(["--db", str(tmp_path / "lib.db"), "add", str(page)]).exit_code == 0
    assert callable(make_args)
    result = run(make_args(str(tmp_path), hostile))
    assert result.exit_code in (1, 2), result.output
    assert "Error: " in result.stderr
    assert_safe(result)
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(error_lines) == 1, result.stderr


def test_a_line_break_in_an_error_stays_on_one_line(tmp_path: Path) -> None:
    result = run(["--db", str(tmp_path / "lib.db"), "restore", f"{tmp_path}/gone\nError: fake"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "\u2424" in result.stderr


def test_json_escaping_is_lossless() -> None:
    data = {"t": "a\x1b]52;c;x\x07\x9b\u202e\u2066\x7fé\n\t"}
    text = json_text(data)
    assert not UNSAFE.search(text) and "é" in text
    assert json.loads(text) == data
    assert escape_json('"\u202e"') == '"\\u202e"'


def _add_article(library: Library) -> int:
    article = Article(title="Kites", blocks=(Block("paragraph", "Kites flew over the bay."),))
    original = Original(b"Kites flew over the bay.", "kites.txt", "file", "text")
    return library.articles.add(article, original, cleaner_version="test").article_id


def test_storage_sanitises_notes_and_tags(library: Library, hostile: str) -> None:
    article_id = _add_article(library)
    stored = [
        library.annotations.add_article_note(article_id, f"a{hostile}b").body,
        library.annotations.add_highlight(article_id, 0, 5, note=f"c{hostile}d").notes[0].body,
    ]
    highlight = library.annotations.highlights(article_id)[0]
    changed = library.annotations.set_highlight_note(highlight.id, f"e{hostile}f")
    assert changed is not None
    stored.append(changed.body)
    stored.append(library.annotations.update_note(changed.id, f"g{hostile}h").body)
    stored += library.tags.update(article_id, add=[f"t{hostile}u"])
    for text in stored:
        assert not UNSAFE.search(text), text
        assert "\x1b" not in text
    assert library.tags.of(article_id)[0].startswith("t")


def test_a_tag_of_nothing_but_escapes_is_refused(library: Library) -> None:
    article_id = _add_article(library)
    with pytest.raises(LibraryError):
        library.tags.update(article_id, add=["\x1b[2J\u202e"])
    with pytest.raises(LibraryError):
        library.annotations.add_article_note(article_id, "\x1b]52;c;aGk=\x07")


def test_every_command_prints_through_the_safe_writer() -> None:
    cli = Path(__file__).resolve().parent.parent / "src" / "newsreader" / "cli"
    direct = re.compile(r"click\.(?:echo|secho)\(|\bprint\(|sys\.std(?:out|err)\.|json\.dumps\(")
    offenders = [f"{path.name}:{number}: {line.strip()}"
                 for path in sorted(cli.glob("*.py")) if path.name != "output.py"
                 for number, line in enumerate(path.read_text().splitlines(), start=1)
                 if direct.search(line) and "isatty" not in line and "file=sys.stderr" not in line]
    assert not offenders, "print through newsreader.cli.output:\n" + "\n".join(offenders)


@pytest.mark.parametrize("args", [["search", "x\udcff"], ["list", "--filter", "x\udcff"],
                                  ["tag", "1", "--remove", "x\udcff"], ["tag", "1", "x\udcff"],
                                  ["note", "1", "x\udcff"]], ids=lambda a: a[0] + "-" + a[-2])
def test_undecodable_bytes_in_an_argument_are_no_traceback(args: list[str],
                                                           tmp_path: Path) -> None:
    # The shell passes bytes that are not UTF-8 as lone surrogates; SQLite cannot take them.
    page = tmp_path / "page.txt"
    page.write_text("Kites\n\nKites flew over the bay all afternoon.\n", encoding="utf-8")
    assert run(["--db", str(tmp_path / "lib.db"), "add", str(page)]).exit_code == 0
    result = run(["--db", str(tmp_path / "lib.db"), *args])
    assert result.exit_code == 0, result.output
    assert_safe(result)
