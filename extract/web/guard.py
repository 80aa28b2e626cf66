"""What stands between ``serve`` and the other web pages open in the same browser.

The server listens on the user's own machine, but any page the user visits can make the
browser send it requests: an ``<img src="http://127.0.0.1:8001/db.json?sql=...">`` on another
site is enough, and a DNS name that an attacker points at 127.0.0.1 (DNS rebinding) even lets
that page read the answers. So:

- a request whose ``Host`` header is not the address the server was started on (or ``localhost``
  for a loopback address; on ``0.0.0.0``, any IP address or this machine's own name) is refused
  with 421: a rebound name never reaches Datasette;
- no answer is larger than ``MAX_RESPONSE_BYTES``: the body is held until it is complete or past
  the cap, and past the cap the client gets a one-line 413 instead;
- one SQL value is at most ``MAX_VALUE_BYTES`` and a result at most ``MAX_COLUMNS`` wide
  (``limit_connection``, on every connection Datasette opens): a single function call such as
  ``zeroblob(400000000)`` runs inside SQLite, where the SQL time limit cannot stop it, so it is
  refused by size instead.
"""

from __future__ import annotations

import ipaddress
import socket
import sqlite3
from typing import Any, Awaitable, Callable

MAX_RESPONSE_BYTES = 32 * 1024 * 1024
MAX_VALUE_BYTES = 4 * 1024 * 1024  # a page's text or a stored record is far smaller
MAX_COLUMNS = 200

Scope = dict[str, Any]
Message = dict[str, Any]
ASGI = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


def limit_connection(conn: sqlite3.Connection) -> None:
    """Cap one value's size and a result's width on ``conn`` (SQLite's own limits: an error, not a crash)."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, MAX_COLUMNS)


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` header values that name this server: its address with the port (and without it on
    port 80); ``localhost`` too when it listens on a loopback address."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    names = {f"[{host.lower()}]" if address is not None and address.version == 6 else host.lower()}
    if host == "localhost" or (address is not None and address.is_loopback):
        names |= {"localhost", "127.0.0.1"}
    out = {f"{name}:{port}" for name in names}
    if port == 80:
        out |= names
    return out


def _any_address(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def names_this_server(named: str, hosts: set[str], everywhere: bool, port: int) -> bool:
    """Is ``named`` (a Host header) this server? Served on every address (``--host 0.0.0.0``), any IP
    address, this machine's own names and localhost are (a rebinding attack needs a DNS name of its own)."""
    if named in hosts:
        return True
    if not everywhere:
        return False
    name, _, given_port = named.rpartition(":") if not named.endswith("]") else (named, "", "")
    if given_port and given_port != str(port):
        return False
    name = name.strip("[]")
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}


def guard(app: ASGI, host: str, port: int, max_bytes: int = MAX_RESPONSE_BYTES) -> ASGI:
    """``app`` behind the Host check and the response cap (see the module's doc)."""
    hosts = allowed_hosts(host, port)
    everywhere = _any_address(host)

    async def guarded(scope: Scope, receive: Callable[[], Awaitable[Message]],
                      send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        named = headers.get(b"host", b"").decode("latin-1").lower()
        if not names_this_server(named, hosts, everywhere, port):
            await _plain(send, 421, f"this server answers only to {' or '.join(sorted(hosts))}, not to "
                                    f"{named or 'a request without a Host header'}")
            return
        start: list[Message] = []
        body: list[bytes] = []
        size = 0
        refused = False

        async def capped(message: Message) -> None:
            nonlocal size, refused
            if refused:
                return
            if message["type"] == "http.response.start":
                start.append(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            size += len(message.get("body", b""))
            if size > max_bytes:
                refused = True
                body.clear()
                await _plain(send, 413, f"the answer is larger than {max_bytes // (1024 * 1024)} MB, the most this "
                                        "server sends; ask for fewer rows or columns (a LIMIT, _size, a filter)")
                return
            body.append(message.get("body", b""))
            if not message.get("more_body"):
                await send(start[0])
                await send({"type": "http.response.body", "body": b"".join(body)})

        await app(scope, receive, capped)

    return guarded


async def _plain(send: Callable[[Message], Awaitable[None]], status: int, text: str) -> None:
    data = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(data)).encode()),
                            (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": data})
