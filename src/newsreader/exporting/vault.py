"""The export folder: finding files by ``newsreader-id``, the markers, and careful writes.

A file is front matter, then the user's text, then the generated region between
:data:`BEGIN` and an end marker carrying the region's hash, then more of the user's text.
Only the front matter's owned keys and the region are ever rewritten.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsreader.exporting import frontmatter
from newsreader.exporting.frontmatter import Entry

BEGIN = "<!-- newsreader:begin (generated: write your own text outside these markers) -->"
_END = re.compile(r"<!-- newsreader:end hash=([0-9a-f]{16}) -->")
_BOM = "\ufeff"


def region_hash(region: str) -> str:
    """The hash the end marker carries: 16 hex characters of SHA-256 over the region."""
    return hashlib.sha256(region.encode("utf-8")).hexdigest()[:16]


def end_marker(region: str) -> str:
    """The end marker line for this region."""
    return f"<!-- newsreader:end hash={region_hash(region)} -->"


@dataclass(frozen=True)
class ParsedFile:
    """An existing export file, split into the parts an export keeps or replaces.

    Text is held with LF line ends; ``newline`` and ``bom`` say how to write it back.
    ``region`` is None when the markers are missing.
    """

    entries: list[Entry]
    before: str
    region: str | None
    stored_hash: str | None
    after: str
    newline: str = "\n"
    bom: bool = False

    @property
    def hand_edited(self) -> bool:
        """True if the region is missing or no longer matches the hash in its end marker."""
        return self.region is None or region_hash(self.region) != self.stored_hash


def parse(text: str) -> ParsedFile | None:
    """Split an export file; None if it has no front matter (so it is not one of ours)."""
    bom = text.startswith(_BOM)
    text = text.removeprefix(_BOM)
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    split = frontmatter.split(text.replace("\r\n", "\n"))
    if split is None:
        return None
    entries, body = split
    lines = body.split("\n")
    begin = next((i for i, line in enumerate(lines) if line.rstrip() == BEGIN), None)
    end = None if begin is None else next(
        (i for i in range(begin + 1, len(lines)) if _END.fullmatch(lines[i].rstrip())), None)
    if begin is None or end is None:
        return ParsedFile(entries, "", None, None, body, newline, bom)
    match = _END.fullmatch(lines[end].rstrip())
    assert match is not None
    region = "".join(line + "\n" for line in lines[begin + 1:end])
    return ParsedFile(entries, "".join(line + "\n" for line in lines[:begin]), region,
                      match.group(1), "\n".join(lines[end + 1:]), newline, bom)


def compose(entries: list[Entry], before: str, region: str, after: str, *,
            newline: str = "\n", bom: bool = False) -> bytes:
    """The bytes of a file from its parts (``region`` ending in a newline)."""
    text = (frontmatter.render(entries) + before + BEGIN + "\n" + region + end_marker(region)
            + "\n" + after)
    if newline != "\n":
        text = text.replace("\n", newline)
    return ((_BOM if bom else "") + text).encode("utf-8")


def read_id(text: str) -> str | None:
    """The ``newsreader-id`` in a file's front matter, if it has one."""
    split = frontmatter.split(text.removeprefix(_BOM).replace("\r\n", "\n"))
    return None if split is None else frontmatter.find(split[0], frontmatter.ID_KEY)


@dataclass
class Folder:
    """What an export folder holds: its Markdown files by newsreader-id, taken names, and
    the files that carry an id another file already has (a copy made in the vault)."""

    root: Path
    by_id: dict[str, tuple[Path, str]]
    taken: set[str]
    duplicates: list[tuple[Path, Path]]  # (the copy, the file updated instead)

    @classmethod
    def scan(cls, root: Path) -> Folder:
        """Read every ``.md`` file under ``root`` (not following links out of it); the first
        file in path order holds an id, later ones are noted as duplicates."""
        by_id: dict[str, tuple[Path, str]] = {}
        duplicates: list[tuple[Path, Path]] = []
        taken = {child.name.lower() for child in root.iterdir()} if root.is_dir() else set()
        for path in sorted(root.rglob("*.md")):
            if path.is_symlink() or not path.is_file():
                continue
            try:
                text = path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            uid = read_id(text)
            if uid and uid in by_id:
                duplicates.append((path, by_id[uid][0]))
            elif uid:
                by_id[uid] = (path, text)
        return cls(root, by_id, taken, duplicates)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: a crash leaves the old file or the new."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, temp = tempfile.mkstemp(prefix=".newsreader-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
