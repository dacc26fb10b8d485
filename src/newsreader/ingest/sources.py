"""Reading what the user points at: files, folders, http(s) URLs and standard input -> bytes."""

from __future__ import annotations

import errno
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsreader.ingest.cleaning import SourceKind

MAX_SOURCE_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 20.0

_KIND_BY_SUFFIX: dict[str, SourceKind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


class SourceError(Exception):
    """A source cannot be read; the message says why, for the import summary."""


@dataclass(frozen=True)
class RawSource:
    """The bytes of one source, decompressed, with what kind of document they hold."""

    data: bytes
    source: str  # absolute path, URL, or "-" for standard input
    source_kind: str  # "file", "url" or "stdin"
    kind: SourceKind
    url: str | None = None
    charset: str | None = None  # the one the server named in its Content-Type, if any


@dataclass(frozen=True)
class Skipped:
    """A file inside an imported folder that is not an article format."""

    path: str


@dataclass(frozen=True)
class Unlisted:
    """A folder (or an entry in one) that cannot be listed; the reason says why."""

    path: str
    reason: str


_REASONS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "no such file",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "a symbolic link loop",
    errno.ENAMETOOLONG: "the name is too long",
}


def is_url(value: str) -> bool:
    """True for an http(s) URL."""
    return value.lower().startswith(("http://", "https://"))


def supported_file(path: Path) -> bool:
    """True if the file's name says it is an article newsreader can import."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix in _KIND_BY_SUFFIX


def expand(argument: str) -> Iterator[str | Skipped | Unlisted]:
    """The sources an argument stands for: itself, or every supported file under a folder.

    Nothing here raises: an argument that cannot be looked at is yielded as it is, and
    read() then says why it cannot be read.
    """
    if argument == "-" or is_url(argument):
        yield argument
        return
    path = _path(argument)
    try:
        is_folder = stat.S_ISDIR(_status(path).st_mode)
    except SourceError:
        is_folder = False
    if is_folder:
        yield from _walk(path)
    else:
        yield argument


def _walk(top: Path) -> Iterator[str | Skipped | Unlisted]:
    """Every file under a folder, in name order, depth first; iterative, since folders can
    nest deeper than Python's recursion limit. Links to folders are not followed (one
    pointing back up would never end); hidden files are passed over."""
    folders: list[Iterator[tuple[Path, os.DirEntry[str]]]] = []
    listing = _listing(top)
    if isinstance(listing, Unlisted):
        yield listing
        return
    folders.append(listing)
    while folders:
        item = next(folders[-1], None)
        if item is None:
            folders.pop()
            continue
        path, entry = item
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
            is_folder_link = not is_folder and entry.is_symlink() and entry.is_dir()
        except OSError as error:
            yield Unlisted(str(path), _reason(error))
            continue
        if is_folder:
            listing = _listing(path)
            if isinstance(listing, Unlisted):
                yield listing
            else:
                folders.append(listing)
        elif is_folder_link or entry.name.startswith("."):
            continue
        elif supported_file(path):
            yield str(path)  # read() refuses what is not a regular file, with the reason
        else:
            yield Skipped(str(path))


def _listing(folder: Path) -> Iterator[tuple[Path, os.DirEntry[str]]] | Unlisted:
    """A folder's entries in name order, or why they cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return Unlisted(str(folder), _reason(error))
    return ((folder / entry.name, entry) for entry in entries)


def read(argument: str, *, stdin: BinaryIO | None = None) -> RawSource:
    """Read one source: a path, an http(s) URL, or ``-`` for standard input."""
    if argument == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _decompress(_read_capped(stream, "standard input"), "standard input")
        return RawSource(data, "-", "stdin", sniff_kind(data))
    if is_url(argument):
        return _fetch(argument)
    if "://" in argument or argument.lower().startswith(("file:", "data:", "javascript:")):
        raise SourceError("only http:// and https:// URLs can be imported")
    return _read_file(_path(argument))


def _read_file(path: Path) -> RawSource:
    status = _status(path)
    if stat.S_ISDIR(status.st_mode):
        raise SourceError("is a folder")
    _check_regular(status)
    if status.st_size > MAX_SOURCE_BYTES:
        raise SourceError(f"too large ({_megabytes(status.st_size)}; the limit is "
                          f"{_megabytes(MAX_SOURCE_BYTES)})")
    data = _decompress(_read_regular(path), str(path))
    name = path.name.lower().removesuffix(".gz")
    kind = _KIND_BY_SUFFIX.get(Path(name).suffix) or sniff_kind(data)
    return RawSource(data, _storable(os.path.realpath(path)), "file", kind)


def _path(argument: str) -> Path:
    # os.path.expanduser leaves "~nosuchuser" as it is, where Path.expanduser raises
    return Path(os.path.expanduser(argument))


def _storable(name: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 (kept by Python as lone
    surrogates, which the library cannot store) become U+FFFD."""
    return os.fsencode(name).decode("utf-8", "replace")


def _status(path: Path) -> os.stat_result:
    """The file's status, following links; SourceError with the reason if there is none."""
    try:
        return path.stat()
    except OSError as error:
        raise SourceError(_reason(error)) from None
    except ValueError:  # a NUL in the name
        raise SourceError("not a valid file name") from None


def _check_regular(status: os.stat_result) -> None:
    # A FIFO, socket or device can block the open or the read forever, or never end
    if not stat.S_ISREG(status.st_mode):
        raise SourceError("not a regular file")


def _read_regular(path: Path) -> bytes:
    """Read a regular file, checking again once it is open: it may have been swapped for a
    FIFO since its status was taken, which O_NONBLOCK keeps from blocking the open."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(
        os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise SourceError(_reason(error)) from None
    try:
        with open(descriptor, "rb", closefd=True) as stream:
            _check_regular(os.fstat(descriptor))
            return _read_capped(stream, str(path))
    except OSError as error:
        raise SourceError(_reason(error)) from None


def _reason(error: OSError) -> str:
    """A few words for the import summary on why the system refused."""
    known = _REASONS.get(error.errno or 0)
    if known is not None:
        return known
    words = error.strerror or str(error)
    return words[:1].lower() + words[1:]


def _fetch(url: str) -> RawSource:
    from newsreader.ingest.http import Http, HttpError

    try:
        with Http(timeout=FETCH_TIMEOUT_SECONDS, max_bytes=MAX_SOURCE_BYTES) as http:
            response = http.get(_ascii_url(url))
    except HttpError as error:
        raise SourceError(str(error)) from None
    data, content_type = response.data, response.content_type
    charset, final_url = response.charset, response.url
    data = _decompress(data, url)
    kind: SourceKind
    if content_type in ("text/html", "application/xhtml+xml"):
        kind = "html"
    elif content_type in ("text/markdown", "text/x-markdown"):
        kind = "markdown"
    elif content_type == "text/plain":
        kind = "text"
    else:
        kind = sniff_kind(data)
    return RawSource(data, url, "url", kind, url=final_url, charset=charset)


def _ascii_url(url: str) -> str:
    """The URL as HTTP can send it: the host in IDNA, the rest percent-encoded as UTF-8
    (what a browser does with an address typed or pasted with spaces or letters beyond
    ASCII); what is encoded already stays as it is."""
    from urllib.parse import quote, urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        _ = parts.port  # a port out of range is refused here, not deep in http.client
        netloc = parts.netloc
        if not netloc.isascii():
            userinfo, at, _host = netloc.rpartition("@")
            host = (parts.hostname or "").encode("idna").decode("ascii")
            port = f":{parts.port}" if parts.port is not None else ""
            netloc = quote(userinfo, safe=":%") + at + host + port
        safe = "/%:@!$&'()*+,;=~-._?"
        return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=safe),
                           quote(parts.query, safe=safe), quote(parts.fragment, safe=safe)))
    except (ValueError, UnicodeError):  # a bad port or bracket, a host IDNA refuses, a surrogate
        raise SourceError("not a valid URL") from None


def _read_capped(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"too large (over {_megabytes(MAX_SOURCE_BYTES)})")
    return bytes(data)


def _decompress(data: bytes, name: str) -> bytes:
    """Gunzip if gzipped (every member, as gzip does), refusing anything that inflates
    beyond the size cap."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    # zlib in one call per member rather than GzipFile, which inflates in small steps.
    inflated: list[bytes] = []
    room = MAX_SOURCE_BYTES + 1
    rest = data
    try:
        while rest:
            member = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)  # a gzip header and trailer
            inflated.append(member.decompress(rest, room))
            room -= len(inflated[-1])
            if room <= 0:
                raise SourceError(
                    f"too large once decompressed (over {_megabytes(MAX_SOURCE_BYTES)})")
            if not member.eof:
                raise SourceError("damaged gzip data (it ends before its last block)")
            rest = member.unused_data.lstrip(b"\x00")  # gzip allows zero padding after a member
    except zlib.error as error:
        raise SourceError(f"damaged gzip data ({error})") from None
    return b"".join(inflated)


def sniff_kind(data: bytes) -> SourceKind:
    """Guess the kind of a document with no name or content type to go by."""
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or (
        head.startswith(b"<") and (b"<p>" in head or b"<div" in head)
    ):
        return "html"
    if head.startswith(b"# ") or b"\n## " in head:
        return "markdown"
    return "text"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
