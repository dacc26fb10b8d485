"""The settings file: where it is, what it may say, and how each mistake is reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.exporting.destination import default_export_dir
from newsreader.storage.config import SETTINGS, Config, config_path, load_config, save_setting

GOOD = """\
# newsreader settings
theme = "nord"
sort = "published"
show_archived = true
export_folder = "~/notes/newsreader"

[keys]
"reader.highlight" = "h, enter"
library.archive = "z"

[keys.highlights]
close = "x"
"""


def _load(tmp_path: Path, text: str | bytes) -> tuple[Config, list[str], Path]:
    path = tmp_path / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    return loaded.config, list(loaded.problems), path


def test_the_path_follows_xdg_and_the_environment(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSREADER_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert config_path() == tmp_path / "xdg" / "newsreader" / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", "~/elsewhere.toml")
    assert config_path() == Path.home() / "elsewhere.toml"


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "missing.toml")
    assert (loaded.config, loaded.problems) == (Config(), ())


def test_every_setting_is_read(tmp_path: Path) -> None:
    config, problems, _ = _load(tmp_path, GOOD)
    assert problems == []
    assert config == Config(
        theme="nord", sort="published", show_archived=True,
        export_folder=Path.home() / "notes" / "newsreader",
        keys={"reader.highlight": "h,enter", "library.archive": "z", "highlights.close": "x"})


def test_a_syntax_error_names_the_file_and_line_and_keeps_the_defaults(tmp_path: Path) -> None:
    config, problems, path = _load(tmp_path, 'theme = "nord"\nsort = "title\nshow_archived = 1\n')
    assert config == Config()
    assert problems == [f"{path}, line 2: Illegal character '\\n'; using the defaults"]


def test_an_error_at_the_end_of_the_file_names_its_last_line(tmp_path: Path) -> None:
    _, problems, path = _load(tmp_path, 'theme = "nord"\nsort =')
    assert problems == [f"{path}, line 2: Invalid value; using the defaults"]


@pytest.mark.parametrize(("line", "problem"), [
    ('sort = "date"', "sort must be one of 'saved', 'published', 'title', not 'date'; ignored"),
    ("show_archived = \"yes\"", "show_archived must be true or false, not 'yes'; ignored"),
    ('export_folder = "notes"', "export_folder must be a full path in quotes (it may start "
                                "with ~), not 'notes'; ignored"),
    ("theme = 3", "theme must be the name of a theme, in quotes; ignored"),
    ("colour = 1", f"unknown setting 'colour' (known: {', '.join(SETTINGS)}); ignored"),
    ('keys = "h"', '[keys] must be a table of binding ids and keys, as in '
                   '"reader.highlight" = "h"; ignored'),
])
def test_a_wrong_value_is_reported_on_its_line_and_the_rest_is_kept(
        tmp_path: Path, line: str, problem: str) -> None:
    other = 'sort = "title"' if line.startswith("theme") else 'theme = "nord"'
    config, problems, path = _load(tmp_path, f"{other}\n\n{line}\n")
    assert problems == [f"{path}, line 3: {problem}"]
    kept = Config(sort="title") if line.startswith("theme") else Config(theme="nord")
    assert config == kept


def test_wrong_keys_are_reported_and_the_others_kept(tmp_path: Path) -> None:
    text = '[keys]\n"reader.highlight" = "h"\n"reader.note" = 3\nlibrary.delete = "ctrl + d"\n'
    config, problems, path = _load(tmp_path, text)
    assert config.keys == {"reader.highlight": "h"}
    assert problems == [
        f"{path}, line 3: the keys for 'reader.note' must be key names separated by commas, "
        "as in \"h,enter\", not 3; ignored",
        f"{path}, line 4: the keys for 'library.delete' must be key names separated by "
        "commas, as in \"h,enter\", not 'ctrl + d'; ignored",
    ]


def test_a_file_that_is_not_text_or_cannot_be_read(tmp_path: Path) -> None:
    config, problems, path = _load(tmp_path, b"theme = \"\xff\"\n")
    assert (config, problems) == (Config(), [f"{path}: it is not UTF-8 text; using the defaults"])
    loaded = load_config(tmp_path)  # a folder
    assert loaded.config == Config()
    assert loaded.problems == (f"{tmp_path}: cannot read it (Is a directory); using the defaults",)


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    config, problems, _ = _load(tmp_path, "\ufeffsort = \"title\"\n".encode())
    assert (config.sort, problems) == ("title", [])


def test_a_later_problem_is_worded_with_the_line_of_its_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('sort = "title"\ntheme = "no-such-theme"\n')
    loaded = load_config(path)
    assert loaded.problem("theme", "no such theme") == f"{path}, line 2: no such theme"


def test_the_export_folder_comes_after_the_environment(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'export_folder = "{tmp_path / "vault"}"\n')
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    monkeypatch.delenv("NEWSREADER_EXPORT_DIR", raising=False)
    assert default_export_dir() == tmp_path / "vault"
    monkeypatch.setenv("NEWSREADER_EXPORT_DIR", str(tmp_path / "env"))
    assert default_export_dir() == tmp_path / "env"


def test_locate_config_prints_the_path_without_a_library(tmp_path: Path) -> None:
    chosen = tmp_path / "settings.toml"
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(tmp_path / "none.db"), "locate",
         "config"], capture_output=True, text=True, check=False,
        env={"NEWSREADER_CONFIG": str(chosen), "PATH": "/usr/bin:/bin"})
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{chosen}\n", "")
    assert not (tmp_path / "none.db").exists()


def test_saving_a_setting_changes_only_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD, encoding="utf-8")
    save_setting(path, "theme", "gruvbox")
    assert path.read_text(encoding="utf-8") == GOOD.replace('"nord"', '"gruvbox"')


def test_a_setting_not_in_the_file_goes_before_its_tables(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = '# mine\nsort = "title"\n\n[keys]\ntheme = "t"\n'  # a key id, not the setting
    path.write_text(text, encoding="utf-8")
    save_setting(path, "theme", 'odd "name"\\')
    assert path.read_text(encoding="utf-8") == 'theme = "odd \\"name\\"\\\\"\n' + text
    loaded = load_config(path)
    assert loaded.config == Config(theme='odd "name"\\', sort="title", keys={"theme": "t"})


def test_saving_makes_the_file_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "config.toml"
    save_setting(path, "theme", "nord")
    assert load_config(path).config == Config(theme="nord")
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]
