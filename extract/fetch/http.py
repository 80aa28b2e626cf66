"""A polite HTTP client: honest User-Agent, robots.txt, one request at a time per host with a gap,
timeouts, bounded retries with backoff that honour ``Retry-After``, and conditional requests.
Every request it makes, retries and robots.txt included, is reported to ``on_request`` with
its outcome, so a 503 that a retry got past still leaves a trace.

Standard library only (urllib): the fetcher needs nothing a dependency would add.
It never disguises itself as a browser: a council that blocks scripted clients
gets a logged failure, not a workaround.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import urlsplit

from .. import __version__


class FetchError(Exception):
    """A request that failed for good, with a reason a person can read."""

    def __init__(self, url: str, reason: str, status: Optional[int] = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class PoliteClient:
    contact: str
    min_interval: float = 1.0
    timeout: float = 60.0
    max_retries: int = 3
    max_bytes: int = 100 * 1024 * 1024
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, Optional[urllib.robotparser.RobotFileParser]] = field(default_factory=dict)
    requests: int = 0
    # called after every request: (url, HTTP status or None, outcome, reason); outcome is one of
    # "ok", "not modified", "retry" (a 429/5xx or a timeout: tried again unless it was the last try), "failed"
    on_request: Optional[Callable[[str, Optional[int], str, Optional[str]], None]] = None

    def _report(self, url: str, status: Optional[int], outcome: str, reason: Optional[str] = None) -> None:
        if self.on_request is not None:
            self.on_request(url, status, outcome, reason)

    @property
    def user_agent(self) -> str:
        return f"council-extract/{__version__} (+{self.contact}; committee papers for research and scrutiny)"

    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None,
            accept: str = "*/*") -> Response:
        """GET ``url`` (conditionally where an ETag or Last-Modified is known)."""
        if not self.allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        headers = {"User-Agent": self.user_agent, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            attempt += 1
            self._wait_turn(url)
            try:
                return self._once(url, headers)
            except _Retry as retry:
                if attempt > self.max_retries:
                    raise FetchError(url, f"{retry.reason} (gave up after {attempt} tries)", retry.status) from None
                self.sleep(retry.wait if retry.wait is not None else min(60.0, 2.0 ** attempt))

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(url, headers=headers)
        self.requests += 1
        try:
            response = self._answer(url, request)
        except _Retry as retry:
            self._report(url, retry.status, "retry", retry.reason)
            raise
        except FetchError as exc:
            self._report(url, exc.status, "failed", exc.reason)
            raise
        self._report(url, response.status, "not modified" if response.not_modified else "ok")
        return response

    def _answer(self, url: str, request: urllib.request.Request) -> Response:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as raw:
                body = raw.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise FetchError(url, f"larger than the size cap ({self.max_bytes // (1024 * 1024)} MB)",
                                     raw.status)
                return Response(raw.geturl(), raw.status, {k.lower(): v for k, v in raw.headers.items()}, body)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, 304, {k.lower(): v for k, v in exc.headers.items()})
            if exc.code in (429, 500, 502, 503, 504):
                raise _Retry(f"HTTP {exc.code}", exc.code, _retry_after(exc.headers.get("Retry-After"))) from None
            kind = "blocked (HTTP 403: the site refuses this client)" if exc.code == 403 else f"HTTP {exc.code}"
            raise FetchError(url, kind, exc.code) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLError):
                raise FetchError(url, f"certificate or TLS error ({reason.__class__.__name__})") from None
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise _Retry(f"timed out after {self.timeout:g}s", None, None) from None
            raise FetchError(url, f"cannot connect ({reason})") from None
        except (socket.timeout, TimeoutError):
            raise _Retry(f"timed out after {self.timeout:g}s", None, None) from None

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            gap = self.min_interval - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)
        self._last[host] = self.clock()

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's site allows us (a missing or unreadable robots.txt allows)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            parser: Optional[urllib.robotparser.RobotFileParser] = urllib.robotparser.RobotFileParser()
            try:
                self._wait_turn(site + "/robots.txt")
                self.requests += 1
                request = urllib.request.Request(site + "/robots.txt", headers={"User-Agent": self.user_agent})
                with urllib.request.urlopen(request, timeout=self.timeout) as raw:
                    assert parser is not None
                    parser.parse(raw.read(512 * 1024).decode("utf-8", "replace").splitlines())
                self._report(site + "/robots.txt", raw.status, "ok")
            except (urllib.error.URLError, OSError, ValueError) as exc:
                parser = None  # no robots.txt, or none readable: nothing is disallowed
                self._report(site + "/robots.txt", getattr(exc, "code", None), "failed",
                             f"no robots.txt ({exc.__class__.__name__}): nothing disallowed")
            self._robots[site] = parser
        parser = self._robots[site]
        return True if parser is None else parser.can_fetch(self.user_agent, url)


class _Retry(Exception):
    def __init__(self, reason: str, status: Optional[int], wait: Optional[float]) -> None:
        super().__init__(reason)
        self.reason, self.status, self.wait = reason, status, wait


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped at 5 minutes."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(300.0, float(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(300.0, when.timestamp() - time.time()))
