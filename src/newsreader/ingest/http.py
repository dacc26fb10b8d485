"""HTTP GET through httpx: size caps, timeouts, redirects only to http(s), conditional
requests, and at most a few requests at a time to one host.

Redirects are followed here, not by httpx, so that each hop is checked (a feed must not
send the fetcher to ``file:`` or ``ftp:``) and counted (a loop ends with a reason).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "newsreader/0.1 (+terminal article reader)"
MAX_REDIRECTS = 5
TOTAL_TIMEOUTS = 3  # a body still arriving after this many timeouts is given up
PER_HOST = 2
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class HttpError(Exception):
    """A fetch that failed; the message says why, for a report.

    ``status`` is the HTTP status the server answered, None when there was no answer
    and 0 when the fetcher itself refused (a bad URL or redirect, a body too large).
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status

    @property
    def transient(self) -> bool:
        """Whether trying again later may work: no answer, a server error, or too many
        requests (a client error or a refused redirect will not change)."""
        return self.status is None or self.status >= 500 or self.status == 429


@dataclass(frozen=True)
class Response:
    """What a GET brought back: the body (decompressed) and the headers that matter.

    ``status`` is 200-299, or 304 (not modified, with no body) for a conditional request.
    ``url`` is the address after redirects; ``charset`` the one the Content-Type named.
    """

    url: str
    status: int
    data: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request."""
        return self.status == 304


def is_http(url: str) -> bool:
    """True for an http(s) URL."""
    return url.lower().startswith(("http://", "https://"))


class Http:
    """One httpx client shared by threads, with a limit on requests at once per host.

    A context manager; :meth:`get` may be called from any thread.
    """

    def __init__(self, *, timeout: float = 20.0, max_bytes: int = 20 * 1024 * 1024,
                 per_host: int = PER_HOST) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.per_host = per_host
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=64))

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> Response:
        """GET a URL, following up to MAX_REDIRECTS http(s) redirects; HttpError if it
        fails, answers an error, or sends more than ``max_bytes``."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not is_http(current):
                raise HttpError(f"redirected to a non-http(s) URL ({current[:80]})", 0)
            with self._host_slot(current):
                answer = self._once(current, headers, limit)
            if isinstance(answer, str):
                current = urljoin(current, answer)
                continue
            return answer
        raise HttpError(f"too many redirects (more than {MAX_REDIRECTS})", 0)

    def _once(self, url: str, headers: dict[str, str], limit: int) -> Response | str:
        """One request: the response, or where a redirect points."""
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in _REDIRECTS:
                    location: str | None = response.headers.get("Location")
                    if not location:
                        raise HttpError(f"the server answered {response.status_code} "
                                        "with no Location", 0)
                    return location
                if response.status_code == 304:
                    return _response(url, response, b"")
                if response.status_code >= 400:
                    raise HttpError(f"the server answered {response.status_code} "
                                    f"{response.reason_phrase}".rstrip(),
                                    response.status_code)
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise HttpError(f"too large ({_megabytes(int(declared))}; the limit is "
                                    f"{_megabytes(limit)})", 0)
                return _response(url, response, _read_capped(
                    response, limit, time.monotonic() + self.timeout * TOTAL_TIMEOUTS))
        except httpx.TimeoutException:
            raise HttpError(f"no answer within {self.timeout:g} seconds") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            raise HttpError("not a valid URL", 0) from None
        except httpx.HTTPError as error:
            raise HttpError(f"could not fetch it: {error or type(error).__name__}") from None

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._hosts.setdefault(host, threading.Semaphore(self.per_host))
        with slot:
            yield

    def close(self) -> None:
        """Close the client's connections."""
        self._client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_capped(response: httpx.Response, limit: int, deadline: float) -> bytes:
    # iter_bytes() gives the body decompressed: the cap holds against a gzip bomb too.
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise HttpError(f"too large (over {_megabytes(limit)})", 0)
        # httpx's timeouts are per read: a server sending a byte now and then would
        # otherwise hold the fetch for ever.
        if time.monotonic() > deadline:
            raise HttpError("the answer is taking too long to arrive")
        chunks.append(chunk)
    return b"".join(chunks)


def _response(url: str, response: httpx.Response, data: bytes) -> Response:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    return Response(url=url, status=response.status_code, data=data,
                    content_type=content_type, charset=response.charset_encoding,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
