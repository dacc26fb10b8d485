"""Reading what the user points at: files, folders, http(s) URLs and standard input -> bytes."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newsreader.ingest.cleaning import SourceKind

MAX_SOURCE_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 20.0
USER_AGENT = "newsreader/0.1 (+terminal article reader)"

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


@dataclass(frozen=True)
class Skipped:
    """A file inside an imported folder that is not an article format."""

    path: str


def is_url(value: str) -> bool:
    """True for an http(s) URL."""
    return value.lower().startswith(("http://", "https://"))


def supported_file(path: Path) -> bool:
    """True if the file's name says it is an article newsreader can import."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix in _KIND_BY_SUFFIX


def expand(argument: str) -> Iterator[str | Skipped]:
    """The sources an argument stands for: itself, or every supported file under a folder."""
    if argument == "-" or is_url(argument):
        yield argument
        return
    path = Path(argument).expanduser()
    if "://" in argument and not path.exists():
        yield argument  # read() refuses the scheme with a clear message
        return
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if not child.is_file() or any(p.startswith(".") for p in child.parts[-1:]):
                continue
            if supported_file(child):
                yield str(child)
            else:
                yield Skipped(str(child))
        return
    yield argument


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
    return _read_file(Path(argument).expanduser())


def _read_file(path: Path) -> RawSource:
    if not path.exists():
        raise SourceError("no such file")
    if path.is_dir():
        raise SourceError("is a folder")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"too large ({_megabytes(size)}; the limit is "
                          f"{_megabytes(MAX_SOURCE_BYTES)})")
    try:
        with path.open("rb") as stream:
            data = _read_capped(stream, str(path))
    except OSError as error:
        raise SourceError(error.strerror or str(error)) from None
    data = _decompress(data, str(path))
    name = path.name.lower().removesuffix(".gz")
    kind = _KIND_BY_SUFFIX.get(Path(name).suffix) or sniff_kind(data)
    return RawSource(data, str(path.resolve()), "file", kind)


def _fetch(url: str) -> RawSource:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    opener = _http_only_opener()
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_SOURCE_BYTES:
                raise SourceError(f"too large ({_megabytes(int(declared))}; the limit is "
                                  f"{_megabytes(MAX_SOURCE_BYTES)})")
            data = _read_capped(response, url)
            content_type = response.headers.get_content_type()
            final_url = response.geturl()
    except urllib.error.HTTPError as error:
        raise SourceError(f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise SourceError(f"could not fetch it: {error.reason}") from None
    except TimeoutError:
        raise SourceError(f"no answer within {FETCH_TIMEOUT_SECONDS:.0f} seconds") from None
    except OSError as error:
        raise SourceError(f"could not fetch it: {error}") from None
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
    return RawSource(data, url, "url", kind, url=final_url)


def _http_only_opener() -> Any:
    """A URL opener that follows redirects, but only to http(s) URLs."""
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            if not is_url(newurl):
                raise SourceError(f"redirected to a non-http(s) URL ({newurl[:80]})")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpOnlyRedirects())


def _read_capped(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"too large (over {_megabytes(MAX_SOURCE_BYTES)})")
    return bytes(data)


def _decompress(data: bytes, name: str) -> bytes:
    """Gunzip if gzipped, refusing anything that inflates beyond the size cap."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inflated = stream.read(MAX_SOURCE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise SourceError(f"damaged gzip data ({error})") from None
    if len(inflated) > MAX_SOURCE_BYTES:
        raise SourceError(f"too large once decompressed (over {_megabytes(MAX_SOURCE_BYTES)})")
    return inflated


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
