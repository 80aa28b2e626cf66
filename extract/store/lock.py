"""One writer at a time: the lock an ingest holds on its database for the whole run.

SQLite lets two processes write one database in turns, transaction by transaction; two
ingests interleaved that way would close each other's runs as "interrupted" and, on a
fresh database, race to create the schema ("database is locked"). So a batch takes this
lock before it opens the database and keeps it until its run is closed and the watches
have seen it; a second ingest waits its turn (and says so), then finds what the first
stored and skips it. Readers (search, serve) never take it.

The lock is ``flock`` on a file beside the database (``council.db-lock``): an advisory lock
the kernel drops when the process ends, however it ends, so a killed run never leaves the
database locked. It is not the database file itself, because closing any descriptor of a
file drops the POSIX locks SQLite holds on it. Re-entrant within a process (``fetch --ingest``
runs a batch inside the command's own hold). A no-op where ``fcntl`` does not exist.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]

_held: dict[str, list[int]] = {}  # lock file -> [descriptor, depth]
_guard = threading.Lock()


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}-lock")


@contextmanager
def writer_lock(db_path: str | Path, on_wait: Optional[Callable[[], None]] = None) -> Iterator[None]:
    """Hold the database's writer lock; when another process holds it, call ``on_wait`` and wait."""
    if fcntl is None or str(db_path) == ":memory:":
        yield
        return
    path = lock_path(db_path)
    key = os.path.abspath(path)
    with _guard:
        entry = _held.get(key)
        if entry is not None:
            entry[1] += 1
    if entry is None:
        fd = _open(path)
        if fd is None:  # cannot create it (a read-only folder): opening the database will say why
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        with _guard:
            _held[key] = [fd, 1]
    try:
        yield
    finally:
        with _guard:
            entry = _held[key]
            entry[1] -= 1
            if entry[1] == 0:
                del _held[key]
                fcntl.flock(entry[0], fcntl.LOCK_UN)
                os.close(entry[0])


def _open(path: Path) -> Optional[int]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:
        return None
