"""The command line: help everywhere, JSON for scripts, one clear line on error."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.storage import Library

from .conftest import SEED_DIR

SEED = str(SEED_DIR / "islamabad-warns-afghan-taliban.txt")


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            found += _all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _all_commands(main), ids=lambda p: " ".join(p) or "newsreader")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command: click.Command | None = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), name)
    assert command is not None and command.help and len(command.help.strip()) > 10


def test_add_list_show_json(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    runner = CliRunner()
    added = runner.invoke(main, ["--db", db, "add", SEED])
    assert added.exit_code == 0, added.output
    listed = json.loads(runner.invoke(main, ["--db", db, "list", "--json"]).output)
    assert len(listed) == 1
    entry = listed[0]
    assert set(entry) >= {"id", "title", "source", "saved", "highlights"}
    assert entry["source"] == str(Path(SEED).resolve())
    shown = json.loads(runner.invoke(main, ["--db", db, "show", str(entry["id"]), "--json"]).output)
    assert set(shown) >= {"id", "title", "dek", "byline", "published", "url", "source", "text",
                          "captions", "links", "headings"}
    assert shown["captions"] == [{"text": "Afghan Taliban patrol near the Afghan-Pakistani border "
                                  "in Spin Boldak, Kandahar province, October 15.",
                                  "credit": "Reuters"}]
    assert [link["label"] for link in shown["links"]] == ["Read", "Learn more", "Read also"]
    assert shown["headings"] == ["Doha talks", "Tensions escalate after unprovoked shooting by "
                                 "Afghan Taliban regime"]


def test_show_markdown(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    runner = CliRunner()
    runner.invoke(main, ["--db", db, "add", SEED])
    output = runner.invoke(main, ["--db", db, "show", "1", "--markdown"]).output
    assert "## Doha talks" in output and "Scroll to Top" not in output


def test_add_reports_failures_with_nonzero_status(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["--db", db, "add", SEED, str(empty)])
    assert result.exit_code == 1
    assert f"failed: {empty}: it is empty" in result.output
    assert "1 added, 1 failed" in result.output


def test_add_json(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    result = CliRunner().invoke(main, ["--db", db, "add", "--json", SEED, SEED])
    payload = json.loads(result.output)
    assert [r["status"] for r in payload["results"]] == ["added", "unchanged"]


def test_locate_honours_db_option_and_environment(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(tmp_path / "x.db"), "locate"]).output.strip() == str(
        tmp_path / "x.db")
    env_result = runner.invoke(main, ["locate"], env={"NEWSREADER_DB": str(tmp_path / "env.db")})
    assert env_result.output.strip() == str(tmp_path / "env.db")


def test_locate_default_is_in_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSREADER_DB", raising=False)
    output = CliRunner().invoke(main, ["locate"]).output.strip()
    assert output.endswith("library.db") and "newsreader" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [(["show", "999"], "no article with id 999"),
     (["show", "abc"], "is not a valid integer")],
)
def test_errors_are_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    Library(tmp_path / "lib.db").close()
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "lib.db"), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_damaged_library_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    result = CliRunner().invoke(main, ["--db", str(bad), "list"])
    assert result.exit_code == 1
    assert "damaged or is not a newsreader library" in result.output
    assert isinstance(result.exception, SystemExit)
