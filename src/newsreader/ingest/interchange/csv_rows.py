"""Rows of a CSV export, by column name (any case), for the CSV formats."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.ingest.decoding import UnreadableSourceError, decode
from newsreader.ingest.interchange.model import FormatError, Problem


@dataclass(frozen=True)
class Row:
    """One row: where it is (file and line) and its fields by lower-case column name."""

    where: str
    fields: dict[str, str]

    def get(self, *names: str) -> str:
        """The first of these columns that the file has, trimmed ("" if none)."""
        for name in names:
            if name in self.fields:
                return self.fields[name].strip()
        return ""


def read_rows(data: bytes, name: str, *, required: Sequence[str],
              service: str) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV file whose header has the ``required`` columns.

    FormatError if the file is not text or lacks a required column; a row the CSV reader
    cannot read ends the file there, as a problem.
    """
    try:
        text = decode(data)
    except UnreadableSourceError as error:
        raise FormatError(f"cannot read it as CSV: {error}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    problems: list[Problem] = []
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        missing = [column for column in required if column not in header]
        if missing:
            raise FormatError(f"it is not a {service} export: no {', '.join(missing)} column "
                              f"(the columns are: {', '.join(header) or 'none'})")
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            where = f"{name} line {reader.line_num}"
            rows.append(Row(where, dict(zip(header, values, strict=False))))
    except csv.Error as error:
        problems.append(Problem(f"{name} line {reader.line_num}",
                                f"the CSV cannot be read from here on ({error})"))
    return rows, problems
