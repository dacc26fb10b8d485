"""The one way the command line writes to the terminal: untrusted text made harmless.

Titles, notes, tags, file names and error messages can hold escape sequences (a clipboard
write, a screen clear), C1 controls or bidi overrides, from a page, a backup, a pasted note
or an old library. Every command prints through :func:`say` or :func:`say_json`, so none of
them reaches the terminal, whether the output is a terminal or a pipe: plain text gets a
visible stand-in for each unsafe character (ESC is shown as "␛"), JSON gets ``\\uXXXX``
escapes, which leave the data it holds unchanged.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

import click

from newsreader.domain.sanitize import UNSAFE_CHARACTERS, visible


@dataclass(frozen=True)
class Bold:
    """A piece of a line shown in bold on a terminal (plain when piped)."""

    text: str


def say(*parts: str | Bold, err: bool = False, nl: bool = True) -> None:
    """Print ``parts`` as one line (on stderr with ``err``), every unsafe character visible."""
    click.echo("".join(click.style(visible(part.text), bold=True) if isinstance(part, Bold)
                       else visible(part) for part in parts), err=err, nl=nl)


def json_text(data: Any) -> str:
    """``data`` as indented JSON that is safe to print: unsafe characters as ``\\uXXXX``."""
    return escape_json(json.dumps(data, ensure_ascii=False, indent=2))


def escape_json(text: str) -> str:
    """JSON text with the unsafe characters its encoder leaves raw (C1, bidi) escaped.

    Those characters can only occur inside strings, where ``\\uXXXX`` means the same.
    """
    return UNSAFE_CHARACTERS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def say_json(data: Any) -> None:
    """Print ``data`` as indented JSON, safe for a terminal (see :func:`json_text`)."""
    click.echo(json_text(data))


def say_json_lines(items: Iterable[Any]) -> None:
    """Print each item as compact JSON on a line of its own (newline-delimited JSON, what
    sqlite-utils calls ``--nl``), safe for a terminal as :func:`say_json` is."""
    for item in items:
        click.echo(escape_json(json.dumps(item, ensure_ascii=False)))


def say_records(items: list[Any], *, nl: bool) -> None:
    """A list of records as one JSON list, or with ``nl`` one record per line."""
    if nl:
        say_json_lines(items)
    else:
        say_json(items)


def write_document(text: str, *, is_json: bool) -> None:
    """An exported document on standard output, byte for byte but for unsafe characters.

    JSON is escaped (its data unchanged); other text gets visible stand-ins.
    """
    safe = escape_json(text) if is_json else visible(text)
    sys.stdout.buffer.write(safe.encode("utf-8"))
    sys.stdout.buffer.flush()


class SafeError(click.ClickException):
    """A click error (a usage error too) printed with every unsafe character visible.

    click composes an error's text itself (usage line, the offending value, hints), so the
    error is asked to print into a buffer and the buffer is made safe.
    """

    def __init__(self, error: click.ClickException) -> None:
        super().__init__(error.format_message())
        self.error = error

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the error as click would, with unsafe characters and line breaks visible."""
        buffer = io.StringIO()
        self.error.show(buffer)
        # The message is one line: a line break in it came from a file name or an argument.
        message = self.error.format_message()
        before, found, after = buffer.getvalue().rpartition(message)
        printed = before + message.replace("\n", "\u2424") + after if found else after
        click.echo(visible(printed), file=file, err=True, nl=False)


class SafeUsageError(SafeError):
    """A :class:`SafeError` for a usage error, with its exit status (2)."""

    exit_code = click.UsageError.exit_code


def safe_error(error: click.ClickException) -> SafeError:
    """``error`` wrapped so that it prints through the terminal-safe writer."""
    if isinstance(error, SafeError):
        return error
    return SafeUsageError(error) if isinstance(error, click.UsageError) else SafeError(error)
