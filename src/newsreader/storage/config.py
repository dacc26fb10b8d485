"""The settings file: what a user chose to keep between runs (theme, sort, keys...).

It is a TOML file in the platform's config folder (``newsreader locate config`` prints the
path; NEWSREADER_CONFIG names another). The file is the user's, comments and all: the app
writes to it only to keep a choice made on screen (the theme, the library's order, archived
articles shown), and then changes that one line. A mistake in it never stops the program:
the setting it spoils keeps its default, and each mistake is described with the file and
the line, for the app to show.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import platformdirs

from newsreader.storage.articles import SortKey

CONFIG_ENV_VARIABLE = "NEWSREADER_CONFIG"
CONFIG_NAME = "config.toml"
SETTINGS = ("theme", "sort", "show_archived", "export_folder", "export_preset",
            "export_template", "keys")
"""Every setting the file may hold (``keys`` is a table)."""

_KEY_NAME = re.compile(r"[^\s,]+")
_TOML_PLACE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


def config_path() -> Path:
    """Where the settings file is looked for: $NEWSREADER_CONFIG if set, else
    ``config.toml`` in this platform's config folder (``~/.config/newsreader`` on Linux,
    or under $XDG_CONFIG_HOME)."""
    if value := os.environ.get(CONFIG_ENV_VARIABLE):
        return Path(value).expanduser()
    return Path(platformdirs.user_config_dir("newsreader", appauthor=False)) / CONFIG_NAME


@dataclass(frozen=True)
class Config:
    """The settings in effect: the file's, or the default for each one it does not set."""

    theme: str | None = None
    """A Textual theme name; None keeps the app's own."""
    sort: SortKey = "saved"
    """The library list's order at start: saved, published or title."""
    show_archived: bool = False
    """Whether the library list shows archived articles at start."""
    export_folder: Path | None = None
    """Where the TUI exports Markdown (NEWSREADER_EXPORT_DIR still comes first)."""
    export_preset: str | None = None
    """The built-in layout of Markdown exports (default, readwise, logseq); None: default."""
    export_template: Path | None = None
    """A Jinja2 template file for Markdown exports, used instead of a preset."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Key overrides: binding id (``"reader.highlight"``) to keys (``"h,enter"``)."""


@dataclass(frozen=True)
class LoadedConfig:
    """The settings read from a file, with a line for each mistake found in it."""

    config: Config
    path: Path
    problems: tuple[str, ...] = ()
    text: str = ""
    readable: bool = True
    """False when the file could not be read or parsed (so it must not be written to)."""

    def problem(self, name: str, message: str) -> str:
        """A mistake found later (a theme the app does not have), worded like the others:
        the file, the line that sets ``name`` if it can be found, and ``message``."""
        return _where(self.path, _line_of(self.text, name)) + message


def load_config(path: Path | None = None) -> LoadedConfig:
    """Read the settings file at ``path`` (default :func:`config_path`).

    No file means the defaults. A file that cannot be read or parsed means the defaults
    and one problem; a setting with a wrong value keeps its default and adds a problem.
    """
    path = config_path() if path is None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(Config(), path)
    except OSError as error:
        return LoadedConfig(Config(), path, (
            f"{path}: cannot read it ({error.strerror or error}); using the defaults",),
            readable=False)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return LoadedConfig(Config(), path, (f"{path}: it is not UTF-8 text; using the defaults",),
                            readable=False)
    import tomllib  # only when there is a file: most starts have none

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _TOML_PLACE.search(message)
        line = (int(found.group(1)) if found.group(1) else text.count("\n") + 1) if found else None
        return LoadedConfig(Config(), path, (
            _where(path, line) + f"{_TOML_PLACE.sub('', message)}; using the defaults",), text,
            readable=False)
    values, problems = _read(table, text, path)
    return LoadedConfig(Config(**values), path, tuple(problems), text)


def save_setting(path: Path, name: str, value: str | bool) -> None:
    """Set the top-level setting ``name`` to ``value`` (a string or true/false) in the file
    at ``path``, keeping everything else as written (comments, order, the other settings).

    The line that sets it is replaced; if there is none, it goes first (top-level settings
    must come before any table). The file, and its folder, are made if missing; the new
    file replaces the old in one step. OSError if it cannot be written.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        lines = []
    # A JSON string is a valid TOML basic string (the same escapes); true and false are both.
    setting = f"{name} = {json.dumps(value, ensure_ascii=False)}\n"
    sets_it = re.compile(rf"""\s*(?:{re.escape(name)}|"{re.escape(name)}")\s*=""")
    found = None
    for number, line in enumerate(lines):
        if line.lstrip().startswith("["):  # a table begins: no top-level setting after it
            break
        if sets_it.match(line):
            found = number
            break
    if found is None:
        lines.insert(0, setting)
    else:
        lines[found] = setting
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(path.name + ".new")
    draft.write_text("".join(lines), encoding="utf-8")
    os.replace(draft, path)


def _read(table: dict[str, Any], text: str, path: Path) -> tuple[dict[str, Any], list[str]]:
    """The valid settings of a parsed file, and a problem for each invalid one."""
    values: dict[str, Any] = {}
    problems: list[str] = []

    def bad(name: str, message: str) -> None:
        problems.append(_where(path, _line_of(text, name)) + message)

    for name, value in table.items():
        if name not in SETTINGS:
            bad(name, f"unknown setting {name!r} (known: {', '.join(SETTINGS)}); ignored")
        elif name == "theme":
            if isinstance(value, str) and value.strip():
                values[name] = value.strip()
            else:
                bad(name, "theme must be the name of a theme, in quotes; ignored")
        elif name == "sort":
            choices = get_args(SortKey)
            if value in choices:
                values[name] = value
            else:
                bad(name, f"sort must be one of {', '.join(repr(c) for c in choices)}, "
                          f"not {value!r}; ignored")
        elif name == "show_archived":
            if isinstance(value, bool):
                values[name] = value
            else:
                bad(name, f"show_archived must be true or false, not {value!r}; ignored")
        elif name == "export_folder":
            folder = Path(value).expanduser() if isinstance(value, str) and value else None
            if folder is not None and folder.is_absolute():
                values[name] = folder
            else:
                bad(name, "export_folder must be a full path in quotes (it may start with ~), "
                          f"not {value!r}; ignored")
        elif name == "export_preset":
            if isinstance(value, str) and value.strip():
                values[name] = value.strip()
            else:
                bad(name, "export_preset must be a preset's name in quotes; ignored")
        elif name == "export_template":
            template = Path(value).expanduser() if isinstance(value, str) and value else None
            if template is not None and template.is_absolute():
                values[name] = template
            else:
                bad(name, "export_template must be a full path in quotes (it may start with "
                          f"~), not {value!r}; ignored")
        elif isinstance(value, dict):
            values[name] = _keys(value, bad)
        else:
            bad(name, '[keys] must be a table of binding ids and keys, as in '
                      '"reader.highlight" = "h"; ignored')
    return values, problems


def _keys(table: dict[str, Any], bad: Callable[[str, str], None],
          prefix: str = "") -> dict[str, str]:
    """The ``[keys]`` table as binding id to keys. A dotted id written bare
    (``reader.highlight = "h"``) reads as nested tables in TOML: they are joined again."""
    keys: dict[str, str] = {}
    for name, value in table.items():
        binding_id = f"{prefix}{name}"
        if isinstance(value, dict):
            keys.update(_keys(value, bad, f"{binding_id}."))
            continue
        names = [key.strip() for key in value.split(",")] if isinstance(value, str) else []
        if names and all(_KEY_NAME.fullmatch(key) for key in names):
            keys[binding_id] = ",".join(names)
        else:
            bad(binding_id, f"the keys for {binding_id!r} must be key names separated by "
                            f'commas, as in "h,enter", not {value!r}; ignored')
    return keys


def _where(path: Path, line: int | None) -> str:
    return f"{path}, line {line}: " if line is not None else f"{path}: "


def _line_of(text: str, name: str) -> int | None:
    """The number of the first line that sets ``name`` (quoted or bare, or by its last
    dotted part), or None."""
    last = name.rpartition(".")[2]
    pattern = re.compile(
        rf"""^\s*(?:"{re.escape(name)}"|'{re.escape(name)}'|{re.escape(name)}"""
        rf"""|(?:[\w"'.-]+\.)?{re.escape(last)})\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
