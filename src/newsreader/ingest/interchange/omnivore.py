"""Omnivore's export: a zip of ``metadata_*_to_*.json`` files (lists of items),
``content/{slug}.html`` (the article as Omnivore cleaned it; ``.md`` read too) and
``highlights/{slug}.md``.

What is read from an item: ``url``, ``title``, ``author``, ``labels`` (the tags),
``savedAt``, ``publishedAt`` and ``state`` (``ARCHIVED`` archives it; deleted items are
passed over). A highlights file holds, separated by blank lines, each highlight as a
Markdown quote (``> ...``), then its labels (``#one #two``) and its note; text before the
first quote is a note on the whole article. Omnivore writes no position, context, colour
or time with a highlight, so the quote alone places it. Reading progress, thumbnails,
descriptions and PDFs are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from newsreader.ingest.interchange import values
from newsreader.ingest.interchange.model import (
    Annotation,
    ContentKind,
    FormatError,
    Item,
    NoteText,
    Parsed,
    Problem,
    Quote,
)
from newsreader.ingest.sources import MAX_SOURCE_BYTES

_METADATA = re.compile(r"(?:^|/)metadata(?:_\d+_to_\d+)?\.json$")
_CONTENT_KINDS: tuple[tuple[str, ContentKind], ...] = (
    (".html", "html"), (".md", "markdown"), (".markdown", "markdown"))
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_LABELS = re.compile(r"#\S+(?:\s+#\S+)*")


class _Unreadable(ValueError):
    """A file inside the zip cannot be read (the message says why)."""


def parse(data: bytes, name: str) -> Parsed:
    """The items of an Omnivore export zip, with their content and highlights."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FormatError("it is not a zip file, as Omnivore's export is") from None
    parsed = Parsed()
    with archive:
        names = archive.namelist()
        metadata = sorted(member for member in names if _METADATA.search(member))
        if not metadata:
            raise FormatError("it is not an Omnivore export: the zip has no metadata_*.json")
        # Looked up by their last two path parts: an unpacked and re-zipped export has a
        # folder above them.
        members = {"/".join(member.split("/")[-2:]): member for member in names}
        for listing in metadata:
            try:
                entries = values.json_document(_read(archive, listing))
            except (_Unreadable, FormatError) as error:
                parsed.problems.append(Problem(f"{name}: {listing}", str(error)))
                continue
            if not isinstance(entries, list):
                parsed.problems.append(Problem(f"{name}: {listing}", "it is not a list of items"))
                continue
            for number, entry in enumerate(entries, start=1):
                where = f"{name}: {listing} item {number}"
                try:
                    item = _item(archive, members, entry, where)
                except _Unreadable as error:
                    parsed.problems.append(Problem(where, str(error)))
                    continue
                if item is None:
                    parsed.skipped.append(Problem(where, "deleted in Omnivore"))
                else:
                    parsed.items.append(item)
    return parsed


def _item(archive: zipfile.ZipFile, members: dict[str, str], entry: object,
          where: str) -> Item | None:
    if not isinstance(entry, dict):
        raise _Unreadable("it is not an object")
    url = values.text(entry.get("url"))
    if url is None:
        raise _Unreadable("it has no url")
    state = str(entry.get("state") or "").lower()
    if state == "deleted":
        return None
    slug = values.text(entry.get("slug")) or ""
    content: bytes | None = None
    kind: ContentKind = "html"
    for extension, content_kind in _CONTENT_KINDS:
        member = members.get(f"content/{slug}{extension}")
        if slug and member is not None:
            content, kind = _read(archive, member), content_kind
            break
    highlights = members.get(f"highlights/{slug}.md")
    annotations = (_highlights(_read(archive, highlights).decode("utf-8", "replace"))
                   if slug and highlights is not None else [])
    labels = entry.get("labels")
    return Item(
        url=url, where=where, title=values.text(entry.get("title")), content=content,
        content_kind=kind,
        tags=values.tags(label.get("name") if isinstance(label, dict) else label
                         for label in (labels if isinstance(labels, list) else [])),
        archived=state == "archived", saved=values.timestamp(entry.get("savedAt")),
        byline=values.text(entry.get("author")),
        published=values.timestamp(entry.get("publishedAt")), annotations=tuple(annotations),
    )


def _read(archive: zipfile.ZipFile, member: str) -> bytes:
    """A file in the zip, refused past the size of the largest source newsreader reads."""
    try:
        if archive.getinfo(member).file_size > MAX_SOURCE_BYTES:
            raise _Unreadable(f"{member} is larger than {MAX_SOURCE_BYTES // 2**20} MB")
        with archive.open(member) as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError,
            RuntimeError) as error:
        raise _Unreadable(f"{member} cannot be unpacked ({error})") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise _Unreadable(f"{member} is larger than {MAX_SOURCE_BYTES // 2**20} MB")
    return data


def _highlights(markdown: str) -> list[Annotation]:
    """The highlights (and notes) of an Omnivore highlights file."""
    annotations: list[Annotation] = []
    quote: str | None = None
    labels: list[str] = []
    notes: list[str] = []

    def close() -> None:
        if quote is not None or notes:
            annotations.append(Annotation(
                quote=Quote(quote) if quote else None,
                notes=(NoteText("\n\n".join(notes)),) if notes else (),
                tags=values.tags(labels)))

    for chunk in _BLANK_LINES.split(markdown.replace("\r\n", "\n").strip()):
        if chunk.startswith(">"):
            close()
            quote, labels, notes = _quote(chunk), [], []
        elif quote is not None and not notes and _LABELS.fullmatch(chunk.strip()):
            labels = chunk.split()
        elif chunk.strip():
            notes.append(chunk.strip())
    close()
    return annotations


def _quote(chunk: str) -> str:
    """A Markdown quote's text: Omnivore marks only its first line and its blank lines
    with ``>``; a line that is only ``>`` separates paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for line in chunk.split("\n"):
        if line.startswith(">"):
            line = line[2:] if line.startswith("> ") else line[1:]
            if not line.strip():
                paragraphs.append([])
                continue
        paragraphs[-1].append(line.strip())
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines).strip()
